package io.pcapkit.generator.emit;

import io.pcapkit.generator.GeneratorException;
import io.pcapkit.generator.model.Grammar;
import io.pcapkit.generator.model.LayerMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every protocol entry and dispatch table named by the grammars. A parent names the key space its
 * payload dispatches on ({@code next: {table: ethertype, key: ...}}); a child declares its key in
 * that space ({@code dispatch: {ethertype: 0x0800}}). {@code linktype} is the root table.
 */
public final class ProtocolIndex {
    /** The table the runtime starts each frame with, keyed by the capture's link type. */
    public static final String ROOT_TABLE = "linktype";

    /**
     * One protocol: a grammar under a chain token and JSON key, with the grammar parameters its
     * dispatch key sets (empty for the defaults).
     */
    public record Entry(int id, String constant, Grammar grammar, String name, String key, int codec, Map<String, Object> params) {
        public Entry(int id, String constant, Grammar grammar, String name, String key, int codec) {
            this(id, constant, grammar, name, key, codec, Map.of());
        }
    }

    /** A grammar's {@code variants}: the condition and the entry it selects. */
    public record VariantEntry(LayerMeta.Variant variant, Entry entry) {
    }

    public final List<Entry> entries = new ArrayList<>();
    public final Map<String, Integer> tables = new LinkedHashMap<>();
    /** table -> key -> protocol id, sorted by key */
    public final Map<String, TreeMap<Long, Integer>> tableEntries = new LinkedHashMap<>();
    private final Map<String, Entry> defaults = new LinkedHashMap<>();
    public final List<Grammar> protocolGrammars = new ArrayList<>();
    /** grammar id -> its variants' entries, in declaration order */
    public final Map<String, List<VariantEntry>> variants = new LinkedHashMap<>();
    /** Default entries of grammars with a heuristic, in grammar order: the order content is tried in. */
    public final List<Entry> heuristics = new ArrayList<>();

    public ProtocolIndex(List<Grammar> grammars) {
        tables.put(ROOT_TABLE, 0);
        for (Grammar g : grammars) {
            for (LayerMeta.NextRule r : g.layer.next) {
                if (r.table() != null && !tables.containsKey(r.table())) tables.put(r.table(), tables.size());
            }
        }
        for (String t : tables.keySet()) tableEntries.put(t, new TreeMap<>());
        Map<String, String> owner = new LinkedHashMap<>();
        for (Grammar g : grammars) {
            if (!g.isProtocol()) {
                if (!g.layer.dispatch.isEmpty() || !g.layer.next.isEmpty()) {
                    throw new GeneratorException("grammars/" + g.relPath, "meta/-pcapkit: dispatch and next need a name (the chain token)");
                }
                continue;
            }
            int codec = protocolGrammars.size();
            protocolGrammars.add(g);
            Entry def = add(g, g.layer.name, g.layer.key, codec, "", Map.of());
            defaults.put(g.id, def);
            if (g.layer.heuristic != null) heuristics.add(def);
            List<VariantEntry> vs = new ArrayList<>();
            for (LayerMeta.Variant v : g.layer.variants) {
                if (v.name().equals(g.layer.name)) throw new GeneratorException("grammars/" + g.relPath + ": " + v.where(), "a variant needs a name of its own");
                vs.add(new VariantEntry(v, add(g, v.name(), g.layer.key, codec, "__" + Naming.constant(v.name()), Map.of())));
            }
            variants.put(g.id, vs);
            Map<String, Entry> variants = new LinkedHashMap<>();
            for (LayerMeta.DispatchKey k : g.layer.dispatch) {
                String where = "grammars/" + g.relPath + ": meta/-pcapkit/dispatch";
                if (!tables.containsKey(k.table())) {
                    throw new GeneratorException(where, "unknown table '" + k.table() + "' (tables named by some grammar's next: "
                            + tables.keySet() + ")");
                }
                Entry e = def;
                String name = k.name() != null ? k.name() : g.layer.name;
                String key = k.name() != null ? k.key() : g.layer.key;
                if (!(name.equals(g.layer.name) && key.equals(g.layer.key)) || !k.params().isEmpty()) {
                    for (String pn : k.params().keySet()) {
                        if (g.top.param(pn) == null) throw new GeneratorException(where, "params: '" + pn + "' is not a parameter of the grammar");
                    }
                    StringBuilder suffix = new StringBuilder("__" + Naming.constant(key));
                    for (Map.Entry<String, Object> pe : k.params().entrySet()) {
                        suffix.append("__").append(Naming.constant(pe.getKey())).append("_").append(Naming.constant(String.valueOf(pe.getValue())));
                    }
                    e = variants.computeIfAbsent(name + "|" + key + "|" + k.params(), x -> add(g, name, key, codec, suffix.toString(), k.params()));
                }
                Integer prev = tableEntries.get(k.table()).put(k.value(), e.id());
                if (prev != null) {
                    throw new GeneratorException(where, "key " + k.value() + " in table '" + k.table() + "' is also declared by "
                            + owner.get(k.table() + "/" + k.value()));
                }
                owner.put(k.table() + "/" + k.value(), "grammars/" + g.relPath);
            }
        }
    }

    private Entry add(Grammar g, String name, String key, int codec, String suffix, Map<String, Object> params) {
        Entry e = new Entry(entries.size(), "P_" + Naming.constant(g.id) + suffix, g, name, key, codec, params);
        entries.add(e);
        return e;
    }

    public String tableConstant(String table, String where) {
        if (!tables.containsKey(table)) throw new GeneratorException(where, "unknown table '" + table + "'");
        return "Protocols.T_" + Naming.constant(table);
    }

    /** Entries of {@code g} that set its parameters. */
    public List<Entry> parameterEntries(Grammar g) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) if (e.grammar() == g && !e.params().isEmpty()) out.add(e);
        return out;
    }

    public Entry defaultEntry(Grammar g) {
        return defaults.get(g.id);
    }

    public String protocolConstant(String grammarId, String where) {
        Entry e = defaults.get(grammarId);
        if (e == null) throw new GeneratorException(where, "protocol: no protocol grammar with id '" + grammarId + "'");
        return "Protocols." + e.constant();
    }
}
