package io.pcapkit.generator.model;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** One {@code .ksy} file: its top-level type, enums and pcapkit layer meta. */
public final class Grammar {
    public Path file;
    /** Path relative to the grammars folder, for diagnostics. */
    public String relPath;
    public String id;
    public String title;
    /** "be", "le", or null when {@link #endianSwitchOn} decides at run time. */
    public String endian;
    /** meta/endian: switch-on expression (a bool parameter, true meaning little-endian). */
    public String endianSwitchOn;
    public TypeDef top;
    public final Map<String, EnumDef> enums = new LinkedHashMap<>();
    public final LayerMeta layer = new LayerMeta();
    public String docRef;
    /** The grammar's top-level {@code doc}. */
    public String doc;

    public boolean isProtocol() {
        return layer.name != null;
    }
}
