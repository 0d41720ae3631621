package io.pcapkit.generator.emit;

import io.pcapkit.generator.model.EnumDef;
import io.pcapkit.generator.model.FieldDef;
import io.pcapkit.generator.model.Grammar;
import io.pcapkit.generator.model.IntType;
import io.pcapkit.generator.model.LayerMeta;
import io.pcapkit.generator.model.TypeDef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the field reference: one Markdown page per grammar (what the layer is, how it is reached,
 * where its payload goes, every output field with its wire type, format and names) and an index.
 * Made from the grammars at build time, like the code, so it cannot drift from them.
 */
public final class DocsEmitter {
    private DocsEmitter() {
    }

    public static void write(List<Grammar> grammars, ProtocolIndex index, Path dir, boolean diagrams) throws IOException {
        Files.createDirectories(dir);
        StringBuilder idx = new StringBuilder("# Protocol field reference\n\n")
                .append("Generated from `grammars/` by pcapkit-generator: one page per grammar.\n\n")
                .append("| chain token | JSON key | layer | grammar | reached through |\n|---|---|---|---|---|\n");
        StringBuilder formats = new StringBuilder();
        for (Grammar g : grammars) {
            Files.writeString(dir.resolve(g.id + ".md"), page(g, diagrams), StandardCharsets.UTF_8);
            if (g.isProtocol()) {
                idx.append("| ").append(g.layer.name).append(" | `").append(g.layer.key).append("` | ").append(g.layer.layer)
                        .append(" | [").append(g.relPath).append("](").append(g.id).append(".md) | ").append(reached(g)).append(" |\n");
            } else {
                formats.append("- [").append(g.title == null ? g.id : g.title).append("](").append(g.id).append(".md) (`grammars/")
                        .append(g.relPath).append("`)\n");
            }
        }
        idx.append("\n## Capture formats and other structures\n\n").append(formats);
        idx.append("\n## Dispatch tables\n\n");
        for (Map.Entry<String, TreeMap<Long, Integer>> t : index.tableEntries.entrySet()) {
            idx.append("- `").append(t.getKey()).append("`: ");
            int n = 0;
            for (Map.Entry<Long, Integer> e : t.getValue().entrySet()) {
                if (n++ > 0) idx.append(", ");
                idx.append(key(t.getKey(), e.getKey())).append(" → ").append(index.entries.get(e.getValue()).name());
            }
            if (n == 0) idx.append("(no entries yet)");
            idx.append('\n');
        }
        Files.writeString(dir.resolve("README.md"), idx, StandardCharsets.UTF_8);
    }

    private static String reached(Grammar g) {
        StringBuilder b = new StringBuilder();
        for (LayerMeta.DispatchKey k : g.layer.dispatch) {
            if (b.length() > 0) b.append(", ");
            b.append(k.table()).append(' ').append(key(k.table(), k.value()));
            if (k.name() != null) b.append(" (").append(k.name()).append(')');
            if (!k.params().isEmpty()) b.append(" with ").append(k.params());
        }
        return b.length() == 0 ? "another grammar's `next`" : b.toString();
    }

    /** A table key as people write it: ports in decimal, other codes (EtherTypes) in hex when large. */
    private static String key(String table, long v) {
        return table.endsWith("_port") ? Long.toString(v) : hexIfBig(v);
    }

    private static String hexIfBig(long v) {
        return v > 255 ? String.format("0x%04x", v) : Long.toString(v);
    }

    static String page(Grammar g, boolean diagram) {
        StringBuilder b = new StringBuilder();
        LayerMeta l = g.layer;
        b.append("# ").append(g.isProtocol() ? l.name + ": " : "").append(g.title == null ? g.id : g.title).append("\n\n");
        b.append("Grammar: `grammars/").append(g.relPath).append("`");
        if (g.docRef != null) b.append(" · Reference: ").append(g.docRef);
        b.append("\n\n");
        if (g.top.seq.isEmpty() && g.top.instances.isEmpty()) b.append("(no fields)\n\n");
        String doc = topDoc(g);
        if (doc != null) b.append(doc.strip()).append("\n\n");
        if (g.isProtocol()) {
            b.append("| | |\n|---|---|\n");
            b.append("| chain token | `").append(l.name).append("`").append(l.transparent ? " (transparent: not shown)" : "").append(" |\n");
            b.append("| JSON key | `").append(l.key).append("` |\n");
            b.append("| layer | ").append(l.layer).append(" |\n");
            if (!l.groups.isEmpty()) b.append("| groups | ").append(String.join(", ", l.groups)).append(" |\n");
            b.append("| reached through | ").append(reached(g)).append(" |\n");
            if (l.payloadLength != null) b.append("| payload length | `").append(l.payloadLength).append("` |\n");
            if (l.fragment != null) b.append("| a fragment when | `").append(l.fragment).append("` (the payload stays raw) |\n");
            if (l.payloadRequired) b.append("| payload required | a payload shorter than its length makes the layer truncated |\n");
            if (l.heuristic != null) {
                b.append("| recognised by content | `").append(l.heuristic.match().replace("|", "\\|")).append("` at the start of the first ")
                        .append(l.heuristic.window()).append(" bytes").append(l.heuristic.guard() ? "; required of a table's choice too" : "")
                        .append(l.heuristic.conversation() ? "; then the whole connection" : "").append(" |\n");
            }
            for (LayerMeta.Variant v : l.variants) b.append("| shown as `").append(v.name()).append("` | when `").append(v.condition()).append("` |\n");
            for (LayerMeta.Lookup k : l.lookups.values()) {
                b.append("| lookup `").append(k.name()).append("` | `").append(k.value()).append("` of the first `").append(k.in()).append("` item")
                        .append(k.condition() == null ? "" : " where `" + k.condition() + "`").append(", else `").append(k.dflt()).append("` |\n");
            }
            if (!l.next.isEmpty()) {
                b.append("| next | ");
                int i = 0;
                for (LayerMeta.NextRule r : l.next) {
                    if (i++ > 0) b.append("; ");
                    if (r.condition() != null) b.append("if `").append(r.condition()).append("`: ");
                    b.append(r.protocol() != null ? "`" + r.protocol() + "`" : "table `" + r.table() + "` by `" + String.join("`, `", r.keys()) + "`");
                }
                b.append(" |\n");
            }
            b.append('\n');
        }
        b.append("## Fields\n\n");
        fields(b, g, g.top, "");
        for (TypeDef t : FastCodecEmitter.allNested(g.top)) {
            b.append("\n### ").append(String.join(" › ", t.path().subList(1, t.path().size()))).append("\n\n");
            fields(b, g, t, "");
        }
        if (!g.enums.isEmpty()) {
            b.append("\n## Names\n\n");
            for (EnumDef e : g.enums.values()) {
                b.append("- `").append(e.name()).append("`: ");
                int i = 0;
                for (Map.Entry<Long, String> v : e.values().entrySet()) {
                    if (i++ > 0) b.append(", ");
                    b.append(v.getKey()).append(" ").append(v.getValue());
                }
                b.append('\n');
            }
        }
        if (diagram) b.append("\n## Diagram\n\n![").append(g.id).append("](").append(g.id).append(".svg)\n");
        return b.toString();
    }

    private static String topDoc(Grammar g) {
        return g.doc != null ? g.doc : g.layer.doc;
    }

    private static void fields(StringBuilder b, Grammar g, TypeDef t, String indent) {
        b.append("| output | wire | shown as | notes |\n|---|---|---|---|\n");
        for (FieldDef f : t.seq) row(b, g, t, f);
        for (FieldDef f : t.instances.values()) if (f.json != null) row(b, g, t, f);
    }

    private static void row(StringBuilder b, Grammar g, TypeDef t, FieldDef f) {
        String out = f.hide ? "(hidden) " + f.id : "`" + f.outputPath() + "`";
        b.append("| ").append(out).append(" | ").append(wire(t, f)).append(" | ").append(shown(f)).append(" | ");
        StringBuilder notes = new StringBuilder();
        if (f.ifExpr != null) notes.append("present if `").append(f.ifExpr).append("`. ");
        if (f.valid != null) notes.append("valid: `").append(f.valid).append("`. ");
        if (f.valueExpr != null) notes.append("shown as `").append(f.valueExpr).append("` of the raw value. ");
        if (f.isInstance) notes.append("computed: `").append(f.value).append("`. ");
        if (f.flatten) notes.append("its fields join this object. ");
        if (f.doc != null) notes.append(f.doc.strip()).append(' ');
        b.append(cell(notes.toString().strip())).append(" |\n");
    }

    private static String wire(TypeDef t, FieldDef f) {
        StringBuilder w = new StringBuilder();
        IntType it = f.intType();
        if (f.isInstance) w.append("value");
        else if (it != null) w.append(f.type);
        else if (f.contents != null) w.append("contents ").append(FastCodecEmitter.contentsHex(f.contents));
        else if (f.switchOn != null) w.append("switch on `").append(f.switchOn).append('`');
        else if (f.type != null) w.append(t.resolve(f.type) != null ? "type " + f.type : f.type);
        else w.append("bytes");
        if (f.size != null) w.append(", size `").append(f.size).append('`');
        if (f.sizeEos) w.append(", to the end");
        if (f.repeat != null) {
            w.append(", repeated ").append(f.repeat);
            if (f.repeatExpr != null) w.append(" `").append(f.repeatExpr).append('`');
            if (f.repeatUntil != null) w.append(" until `").append(f.repeatUntil).append('`');
        }
        return cell(w.toString());
    }

    private static String shown(FieldDef f) {
        StringBuilder s = new StringBuilder();
        if (f.namesEnum != null) s.append("number and name (").append(f.namesEnum).append(")");
        if (f.format != null) s.append(s.length() > 0 ? ", " : "").append(f.format);
        return s.length() == 0 ? "" : s.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
