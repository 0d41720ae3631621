package io.pcapkit.generator.model;

import io.pcapkit.generator.GeneratorException;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads a {@code .ksy} file into the model. Only the Kaitai keys the generator understands are
 * accepted, plus the project's {@code -}-prefixed output keys; anything else fails with the file
 * and key, so a typo never silently changes what a layer outputs.
 */
public final class GrammarLoader {
    private static final Set<String> TOP_KEYS = Set.of("meta", "seq", "types", "instances", "enums", "params", "doc", "doc-ref");
    private static final Set<String> TYPE_KEYS = Set.of("meta", "seq", "types", "instances", "enums", "params", "doc", "doc-ref");
    private static final Set<String> META_KEYS = Set.of("id", "title", "application", "file-extension", "xref", "license",
            "ks-version", "ks-debug", "ks-opaque-types", "imports", "encoding", "endian", "bit-endian", "-pcapkit", "tags");
    private static final Set<String> FIELD_KEYS = Set.of("id", "type", "size", "size-eos", "contents", "repeat", "repeat-expr",
            "repeat-until", "if", "valid", "encoding", "terminator", "consume", "include", "eos-error", "pad-right", "process",
            "enum", "doc", "doc-ref", "-orig-id", "-json", "-hide", "-format", "-enum", "-value", "-flatten");
    private static final Set<String> INSTANCE_KEYS = Set.of("value", "pos", "io", "type", "size", "repeat", "repeat-expr",
            "if", "enum", "doc", "doc-ref", "-json", "-hide", "-format", "-enum", "-value");
    private static final Set<String> LAYER_KEYS = Set.of("name", "key", "layer", "groups", "transparent", "dispatch",
            "header-length", "payload-length", "fragment", "next", "next-when-empty", "doc", "payload-required", "heuristic", "exchange",
            "variants", "lookups", "declines", "hand-over", "roles");
    private static final Set<String> LAYERS = Set.of("link", "internet", "transport", "application");
    private static final Set<String> FORMATS = Set.of("dec", "hex", "mac", "ipv4", "ipv6", "text", "bytes");

    private GrammarLoader() {
    }

    public static Grammar load(Path root, Path file) {
        String rel = root.relativize(file).toString().replace('\\', '/');
        String where = "grammars/" + rel;
        Object doc;
        LoaderOptions opts = new LoaderOptions();
        opts.setAllowDuplicateKeys(false);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            doc = new Yaml(opts).load(r);
        } catch (IOException e) {
            throw new GeneratorException(where, "cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new GeneratorException(where, "not valid YAML: " + e.getMessage());
        }
        Map<String, Object> m = map(doc, where);
        checkKeys(m, TOP_KEYS, where);
        Grammar g = new Grammar();
        g.file = file;
        g.relPath = rel;
        Map<String, Object> meta = map(m.get("meta"), where + ": meta");
        checkKeys(meta, META_KEYS, where + ": meta");
        g.id = str(meta.get("id"));
        String stem = file.getFileName().toString().replaceFirst("\\.ksy$", "");
        if (g.id == null || !g.id.equals(stem)) {
            throw new GeneratorException(where, "meta/id must equal the file name '" + stem + "' (found '" + g.id + "')");
        }
        if (!g.id.matches("[a-z][a-z0-9_]*")) {
            throw new GeneratorException(where, "meta/id '" + g.id + "' must be lower_snake_case");
        }
        if (meta.containsKey("imports")) {
            throw new GeneratorException(where, "meta/imports: a grammar describes one layer and stands alone; imports are not supported");
        }
        g.title = str(meta.get("title"));
        Object endian = meta.get("endian");
        if (endian instanceof Map<?, ?> em) {
            Object on = em.get("switch-on");
            if (on == null) throw new GeneratorException(where, "meta/endian: switch-on is required");
            g.endianSwitchOn = str(on);
            Map<String, Object> cases = map(em.get("cases"), where + ": meta/endian/cases");
            if (!"le".equals(str(cases.get("true"))) || !"be".equals(str(cases.get("false")))) {
                throw new GeneratorException(where, "meta/endian: only {switch-on: <bool>, cases: {true: le, false: be}} is supported");
            }
        } else if (endian != null) {
            g.endian = str(endian);
            if (!g.endian.equals("be") && !g.endian.equals("le")) {
                throw new GeneratorException(where, "meta/endian must be be or le");
            }
        }
        if (meta.get("bit-endian") != null && !"be".equals(str(meta.get("bit-endian")))) {
            throw new GeneratorException(where, "meta/bit-endian: only be is supported");
        }
        Object xref = meta.get("xref");
        if (xref instanceof Map<?, ?> xm && xm.get("rfc") != null) g.docRef = "RFC " + xm.get("rfc");
        if (m.get("doc-ref") != null) g.docRef = str(m.get("doc-ref"));
        g.doc = str(m.get("doc"));

        if (meta.get("-pcapkit") != null) loadLayer(g, map(meta.get("-pcapkit"), where + ": meta/-pcapkit"), where + ": meta/-pcapkit");

        Map<String, Object> enums = m.get("enums") == null ? Map.of() : map(m.get("enums"), where + ": enums");
        for (Map.Entry<String, Object> e : enums.entrySet()) {
            Map<String, Object> vals = map(e.getValue(), where + ": enums/" + e.getKey());
            Map<Long, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> v : vals.entrySet()) {
                long num = parseLong(v.getKey(), where + ": enums/" + e.getKey());
                Object name = v.getValue();
                // {id: snake_case, -name: Display} keeps ksc's id rules and shows the usual spelling
                if (name instanceof Map<?, ?> nm) name = nm.get("-name") != null ? nm.get("-name") : nm.get("id");
                out.put(num, str(name));
            }
            g.enums.put(e.getKey(), new EnumDef(e.getKey(), out));
        }
        g.top = loadType(g.id, null, m, where);
        if (g.layer.declines != null) checkDeclines(g, where);
        if (g.layer.handOver != null) checkHandOver(g, where);
        if (!g.layer.roles.isEmpty()) checkRoles(g, where);
        return g;
    }

    private static void loadLayer(Grammar g, Map<String, Object> lm, String where) {
        checkKeys(lm, LAYER_KEYS, where);
        LayerMeta l = g.layer;
        l.name = str(lm.get("name"));
        l.key = lm.get("key") != null ? str(lm.get("key")) : (l.name == null ? null : l.name.toLowerCase(java.util.Locale.ROOT));
        l.layer = str(lm.get("layer"));
        l.doc = str(lm.get("doc"));
        if (l.name != null) {
            if (l.layer == null || !LAYERS.contains(l.layer)) {
                throw new GeneratorException(where, "layer: must be one of " + LAYERS + " (found '" + l.layer + "')");
            }
        }
        if (lm.get("groups") != null) for (Object o : list(lm.get("groups"))) l.groups.add(str(o));
        l.transparent = Boolean.TRUE.equals(lm.get("transparent"));
        Object whenEmpty = lm.get("next-when-empty");
        if ("cut".equals(whenEmpty)) {
            l.nextWhenEmpty = false;
            l.nextWhenCut = true;
        } else if (whenEmpty instanceof Boolean b) {
            l.nextWhenEmpty = b;
        } else if (whenEmpty != null) {
            throw new GeneratorException(where + "/next-when-empty", "must be true, false or cut (found '" + whenEmpty + "')");
        }
        l.headerLength = expr(lm.get("header-length"));
        l.payloadLength = expr(lm.get("payload-length"));
        l.fragment = expr(lm.get("fragment"));
        if (lm.get("dispatch") != null) {
            Map<String, Object> d = map(lm.get("dispatch"), where + "/dispatch");
            for (Map.Entry<String, Object> e : d.entrySet()) {
                for (Object v : list(e.getValue())) {
                    if (v instanceof Map<?, ?> vm) {
                        @SuppressWarnings("unchecked") Map<String, Object> vmm = (Map<String, Object>) vm;
                        checkKeys(vmm, Set.of("value", "name", "key", "params"), where + "/dispatch/" + e.getKey());
                        String name = vmm.get("name") != null ? str(vmm.get("name")) : null;
                        String key = vmm.get("key") != null ? str(vmm.get("key"))
                                : (name != null ? name.toLowerCase(java.util.Locale.ROOT) : null);
                        Map<String, Object> params = new java.util.TreeMap<>(map(vmm.get("params"), where + "/dispatch/" + e.getKey() + "/params"));
                        for (Map.Entry<String, Object> pe : params.entrySet()) {
                            if (!(pe.getValue() instanceof Boolean) && !(pe.getValue() instanceof Number)) {
                                throw new GeneratorException(where + "/dispatch/" + e.getKey() + "/params",
                                        "parameter '" + pe.getKey() + "' must be a boolean or an integer");
                            }
                        }
                        l.dispatch.add(new LayerMeta.DispatchKey(e.getKey(), parseLong(vmm.get("value"), where + "/dispatch/" + e.getKey()),
                                name, key, params));
                    } else {
                        l.dispatch.add(new LayerMeta.DispatchKey(e.getKey(), parseLong(v, where + "/dispatch/" + e.getKey()), null, null));
                    }
                }
            }
        }
        l.payloadRequired = Boolean.TRUE.equals(lm.get("payload-required"));
        Object d = lm.get("declines");
        if (d instanceof Map<?, ?>) {
            Map<String, Object> dm = map(d, where + "/declines");
            for (String k : dm.keySet()) {
                if (!k.equals("field") && !k.equals("short")) throw new GeneratorException(where + "/declines", "unknown key '" + k + "' (field, short)");
            }
            l.declines = str(dm.get("field"));
            Object sh = dm.get("short");
            if (sh != null && !(sh instanceof Boolean)) throw new GeneratorException(where + "/declines/short", "must be true or false");
            l.declinesShort = Boolean.TRUE.equals(sh);
        } else {
            l.declines = str(d);
        }
        if (lm.get("hand-over") != null) {
            String w = where + "/hand-over";
            Map<String, Object> hm = map(lm.get("hand-over"), w);
            checkKeys(hm, Set.of("field", "table"), w);
            l.handOver = str(hm.get("field"));
            l.handOverTable = str(hm.get("table"));
            if (l.handOver == null || l.handOverTable == null) throw new GeneratorException(w, "needs field and table");
        }
        if (lm.get("roles") != null) {
            for (Map.Entry<String, Object> e : map(lm.get("roles"), where + "/roles").entrySet()) {
                if (!ROLES.containsKey(e.getKey())) {
                    throw new GeneratorException(where + "/roles", "unknown role '" + e.getKey() + "' (" + String.join(", ", ROLES.keySet()) + ")");
                }
                l.roles.put(e.getKey(), str(e.getValue()));
            }
        }
        if (lm.get("heuristic") != null) {
            String w = where + "/heuristic";
            Map<String, Object> hm = map(lm.get("heuristic"), w);
            checkKeys(hm, Set.of("match", "window", "guard", "conversation"), w);
            String match = str(hm.get("match"));
            if (match == null) throw new GeneratorException(w, "match (a regular expression) is required");
            try {
                java.util.regex.Pattern.compile(match);
            } catch (java.util.regex.PatternSyntaxException x) {
                throw new GeneratorException(w, "match is not a regular expression: " + x.getDescription());
            }
            int window = hm.get("window") == null ? 256 : (int) parseLong(hm.get("window"), w);
            if (window < 1 || window > 65_536) throw new GeneratorException(w, "window must be 1..65536");
            l.heuristic = new LayerMeta.Heuristic(match, window, Boolean.TRUE.equals(hm.get("guard")),
                    Boolean.TRUE.equals(hm.get("conversation")));
        }
        if (lm.get("exchange") != null) {
            String w = where + "/exchange";
            Map<String, Object> em = map(lm.get("exchange"), w);
            checkKeys(em, Set.of("request", "note"), w);
            if (em.get("request") == null || em.get("note") == null) throw new GeneratorException(w, "an exchange needs request and note");
            l.exchange = new LayerMeta.Exchange(expr(em.get("request")), expr(em.get("note")), w);
        }
        if (lm.get("variants") != null) {
            int i = 0;
            for (Object o : list(lm.get("variants"))) {
                String w = where + "/variants/" + i++;
                Map<String, Object> vm = map(o, w);
                checkKeys(vm, Set.of("if", "name"), w);
                if (vm.get("if") == null || vm.get("name") == null) throw new GeneratorException(w, "a variant needs if and name");
                l.variants.add(new LayerMeta.Variant(expr(vm.get("if")), str(vm.get("name")), w));
            }
        }
        if (lm.get("lookups") != null) {
            for (Map.Entry<String, Object> e : map(lm.get("lookups"), where + "/lookups").entrySet()) {
                String w = where + "/lookups/" + e.getKey();
                if (!e.getKey().matches("[a-z][a-z0-9_]*")) throw new GeneratorException(w, "a lookup name must be lower_snake_case");
                Map<String, Object> km = map(e.getValue(), w);
                checkKeys(km, Set.of("in", "if", "value", "default"), w);
                if (km.get("in") == null || km.get("value") == null || km.get("default") == null) {
                    throw new GeneratorException(w, "a lookup needs in, value and default (if is optional)");
                }
                l.lookups.put(e.getKey(), new LayerMeta.Lookup(e.getKey(), str(km.get("in")), expr(km.get("if")), expr(km.get("value")),
                        expr(km.get("default")), w));
            }
        }
        if (lm.get("next") != null) {
            int i = 0;
            for (Object o : list(lm.get("next"))) {
                String w = where + "/next/" + i++;
                Map<String, Object> nm = map(o, w);
                checkKeys(nm, Set.of("if", "table", "key", "protocol", "quoted"), w);
                List<String> keys = new ArrayList<>();
                if (nm.get("key") != null) for (Object k : list(nm.get("key"))) keys.add(expr(k));
                String table = str(nm.get("table"));
                String proto = str(nm.get("protocol"));
                if ((table == null) == (proto == null)) throw new GeneratorException(w, "give either table (with key) or protocol");
                if (table != null && keys.isEmpty()) throw new GeneratorException(w, "table '" + table + "' needs a key");
                LayerMeta.NextRule prev = l.next.isEmpty() ? null : l.next.get(l.next.size() - 1);
                if (prev != null && prev.condition() == null && prev.protocol() != null) {
                    throw new GeneratorException(w, "never used: the rule before it goes to protocol '" + prev.protocol()
                            + "' without an if");
                }
                Object quoted = nm.get("quoted");
                if (quoted != null && !(quoted instanceof Boolean)) throw new GeneratorException(w, "quoted: must be true or false");
                l.next.add(new LayerMeta.NextRule(expr(nm.get("if")), table, keys, proto, Boolean.TRUE.equals(quoted), w));
            }
        }
    }

    private static TypeDef loadType(String name, TypeDef parent, Map<String, Object> m, String where) {
        checkKeys(m, parent == null ? TOP_KEYS : TYPE_KEYS, where);
        TypeDef t = new TypeDef();
        t.name = name;
        t.parent = parent;
        t.where = where;
        if (m.get("params") != null) {
            for (Object o : list(m.get("params"))) {
                Map<String, Object> pm = map(o, where + ": params");
                t.params.add(new ParamDef(str(pm.get("id")), str(pm.get("type"))));
            }
        }
        if (m.get("types") != null) {
            for (Map.Entry<String, Object> e : map(m.get("types"), where + ": types").entrySet()) {
                t.types.put(e.getKey(), loadType(e.getKey(), t, map(e.getValue(), where + ": types/" + e.getKey()),
                        where + ": types/" + e.getKey()));
            }
        }
        if (m.get("seq") != null) {
            int i = 0;
            for (Object o : list(m.get("seq"))) {
                String w = where + ": " + (parent == null ? "" : "") + "seq/" + i++;
                t.seq.add(loadField(map(o, w), w, false));
            }
        }
        if (m.get("instances") != null) {
            for (Map.Entry<String, Object> e : map(m.get("instances"), where + ": instances").entrySet()) {
                String w = where + ": instances/" + e.getKey();
                Map<String, Object> im = map(e.getValue(), w);
                im.put("id", e.getKey());
                FieldDef f = loadField(im, w, true);
                t.instances.put(e.getKey(), f);
            }
        }
        return t;
    }

    private static FieldDef loadField(Map<String, Object> m, String where, boolean instance) {
        Set<String> allowed = new java.util.HashSet<>(instance ? INSTANCE_KEYS : FIELD_KEYS);
        allowed.add("id");
        checkKeys(m, allowed, where);
        FieldDef f = new FieldDef();
        f.id = str(m.get("id"));
        f.isInstance = instance;
        if (f.id == null || !f.id.matches("[a-z][a-z0-9_]*")) {
            throw new GeneratorException(where, "id '" + f.id + "' must be lower_snake_case");
        }
        f.where = where + " (" + f.id + ")";
        Object type = m.get("type");
        if (type instanceof Map<?, ?> tm) {
            f.switchOn = expr(tm.get("switch-on"));
            if (f.switchOn == null) throw new GeneratorException(f.where, "type: a map needs switch-on");
            f.switchCases = new LinkedHashMap<>();
            @SuppressWarnings("unchecked") Map<Object, Object> cases = (Map<Object, Object>) tm.get("cases");
            if (cases == null) throw new GeneratorException(f.where, "type/switch-on needs cases");
            for (Map.Entry<Object, Object> c : cases.entrySet()) f.switchCases.put(c.getKey(), str(c.getValue()));
        } else {
            f.type = str(type);
            if (f.type != null && f.type.contains("(")) {
                java.util.regex.Matcher tm = java.util.regex.Pattern.compile("([a-z][a-z0-9_]*)\\((.*)\\)").matcher(f.type.trim());
                if (!tm.matches()) throw new GeneratorException(f.where, "type: cannot read '" + f.type + "'");
                f.type = tm.group(1);
                f.typeArgs = splitArgs(tm.group(2));
            }
        }
        f.size = expr(m.get("size"));
        f.sizeEos = Boolean.TRUE.equals(m.get("size-eos"));
        if (m.get("contents") != null) {
            f.contents = new ArrayList<>();
            Object c = m.get("contents");
            if (c instanceof String s) {
                for (byte b : s.getBytes(StandardCharsets.UTF_8)) f.contents.add(b & 0xff);
            } else {
                for (Object o : list(c)) {
                    if (o instanceof String s) {
                        for (byte b : s.getBytes(StandardCharsets.UTF_8)) f.contents.add(b & 0xff);
                    } else {
                        f.contents.add((int) parseLong(o, f.where));
                    }
                }
            }
        }
        f.repeat = str(m.get("repeat"));
        if (f.repeat != null && !Set.of("eos", "expr", "until").contains(f.repeat)) {
            throw new GeneratorException(f.where, "repeat must be eos, expr or until");
        }
        f.repeatExpr = expr(m.get("repeat-expr"));
        f.repeatUntil = expr(m.get("repeat-until"));
        f.ifExpr = expr(m.get("if"));
        f.valid = m.get("valid");
        f.encoding = str(m.get("encoding"));
        if (m.get("terminator") != null) f.terminator = (int) parseLong(m.get("terminator"), f.where);
        if (m.get("consume") != null) f.consume = Boolean.TRUE.equals(m.get("consume"));
        if (m.get("include") != null) f.include = Boolean.TRUE.equals(m.get("include"));
        if (m.get("eos-error") != null) f.eosError = Boolean.TRUE.equals(m.get("eos-error"));
        if (m.get("pad-right") != null) f.padRight = (int) parseLong(m.get("pad-right"), f.where);
        f.process = str(m.get("process"));
        if (f.process != null) {
            java.util.regex.Matcher pm = java.util.regex.Pattern.compile("([a-z][a-z0-9_]*)(?:\\((.*)\\))?").matcher(f.process.trim());
            if (!pm.matches()) throw new GeneratorException(f.where, "process: cannot read '" + f.process + "'");
            f.processName = pm.group(1);
            List<String> pa = pm.group(2) == null ? List.of() : splitArgs(pm.group(2));
            if (pa.size() > 1) throw new GeneratorException(f.where, "process: at most one argument");
            f.processArg = pa.isEmpty() ? null : pa.get(0);
        }
        f.enumRef = str(m.get("enum"));
        f.value = expr(m.get("value"));
        f.pos = expr(m.get("pos"));
        f.json = m.get("-json") != null ? str(m.get("-json")) : null;
        f.hide = Boolean.TRUE.equals(m.get("-hide"));
        f.format = str(m.get("-format"));
        if (f.format != null && !FORMATS.contains(f.format)) {
            throw new GeneratorException(f.where, "-format must be one of " + FORMATS);
        }
        f.namesEnum = str(m.get("-enum"));
        f.valueExpr = expr(m.get("-value"));
        f.flatten = Boolean.TRUE.equals(m.get("-flatten"));
        f.doc = str(m.get("doc"));
        return f;
    }

    /** Splits {@code a, f(b, c), d} at the top-level commas. */
    static List<String> splitArgs(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[') depth++;
            else if (c == ')' || c == ']') depth--;
            else if (c == ',' && depth == 0) {
                out.add(s.substring(from, i).trim());
                from = i + 1;
            }
        }
        if (!s.substring(from).trim().isEmpty()) out.add(s.substring(from).trim());
        return out;
    }

    // ---- small YAML helpers ----

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String where) {
        if (o == null) return new LinkedHashMap<>();
        if (!(o instanceof Map)) throw new GeneratorException(where, "expected a map");
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> e : ((Map<Object, Object>) o).entrySet()) out.put(String.valueOf(e.getKey()), e.getValue());
        return out;
    }

    static List<Object> list(Object o) {
        if (o instanceof List<?> l) return new ArrayList<>(l);
        List<Object> one = new ArrayList<>();
        one.add(o);
        return one;
    }

    /**
     * {@code declines} names a top-level seq field with a {@code valid:} check; with
     * {@code short: true} the fields up to it must have fixed sizes, which give the bytes the layer
     * needs before it can tell.
     */
    private static void checkDeclines(Grammar g, String where) {
        String w = where + ": meta/-pcapkit/declines";
        int bits = 0;
        boolean fixed = true;
        for (FieldDef f : g.top.seq) {
            int b = fixedBits(f);
            if (b < 0) fixed = false;
            else bits += b;
            if (!f.id.equals(g.layer.declines)) continue;
            if (f.valid == null) throw new GeneratorException(w, "must name a top-level seq field with a valid: check ('" + f.id + "' has none)");
            if (g.layer.declinesShort) {
                if (!fixed) throw new GeneratorException(w, "short: the fields up to '" + f.id + "' must be integers or bit fields with no if:");
                g.layer.declinesBytes = (bits + 7) / 8;
            }
            return;
        }
        throw new GeneratorException(w, "must name a top-level seq field with a valid: check (found '" + g.layer.declines + "')");
    }

    /**
     * {@code hand-over} names a top-level seq field with a {@code valid:} check at a fixed place:
     * the runtime reads its value from the bytes (a failed check leaves no decoded value to ask
     * for), so the fields before it and the field itself must be integers or bit fields without
     * {@code if:}, the field unsigned, big-endian, at most 56 bits and starting on a byte, outside
     * any group (the layer ends at it, so a group it opened would stay open), and shown as its plain
     * number (the reference codec shows it from the bytes, as the fast one does before its check).
     */
    private static void checkHandOver(Grammar g, String where) {
        String w = where + ": meta/-pcapkit/hand-over";
        String name = g.layer.handOver;
        if (name.equals(g.layer.declines)) throw new GeneratorException(w, "'" + name + "' cannot both decline and hand over");
        FixedField at = fixedField(g, name, false, "must name a top-level seq field with a valid: check", w);
        FieldDef f = at.field();
        if (f.valid == null) throw new GeneratorException(w, "must name a top-level seq field with a valid: check ('" + f.id + "' has none)");
        checkNumber(g, f, at.bits(), 56, w);
        if (f.outputPath().contains(".")) throw new GeneratorException(w, "'" + f.id + "' must not be inside a group (its -json has a dot)");
        // shown as a plain number where the layer ends, by both codecs
        if (at.offset() % 8 != 0) throw new GeneratorException(w, "'" + f.id + "' must start on a byte boundary");
        if (f.hide || f.namesEnum != null || f.valueExpr != null) {
            throw new GeneratorException(w, "'" + f.id + "' must be shown as its plain number (no -hide, -enum or -value)");
        }
        g.layer.handOverBitOffset = at.offset();
        g.layer.handOverBits = at.bits();
    }

    /**
     * The roles a grammar may give its fields, each with the width its field must have in bits (0:
     * any unsigned number of up to 32 bits): what the runtime's flow tracking reads.
     */
    static final Map<String, Integer> ROLES = roles();

    private static Map<String, Integer> roles() {
        Map<String, Integer> r = new java.util.LinkedHashMap<>();
        r.put("src-address", -1); // 4 or 16 bytes, as dst-address
        r.put("dst-address", -1);
        r.put("src-port", 0);
        r.put("dst-port", 0);
        r.put("sequence", 32);
        r.put("acknowledgement", 32);
        r.put("syn", 1);
        r.put("ack", 1);
        r.put("fin", 1);
        r.put("rst", 1);
        r.put("fragment-id", 0);
        r.put("fragment-offset", 0); // in 8-byte units, as IP's
        r.put("more-fragments", 1);
        r.put("fragment-protocol", 0); // the payload's protocol, part of the fragments' key (IPv4)
        r.put("next-header", 0); // the payload's protocol, the first fragment's (IPv6's Fragment header)
        r.put("total-length", 0); // bytes from the layer's start (0: what was captured)
        r.put("payload-length", 0); // bytes after the layer's header (0: what was captured)
        r.put("vlan-id", 0);
        return java.util.Collections.unmodifiableMap(r);
    }

    /** Roles that only make sense together: a flow's two ends, and a byte stream's numbering and flags. */
    private static final List<List<String>> ROLE_SETS = List.of(List.of("src-address", "dst-address"), List.of("src-port", "dst-port"),
            List.of("sequence", "acknowledgement", "syn", "ack", "fin", "rst"), List.of("fragment-id", "fragment-offset", "more-fragments"));

    /**
     * Each role must name a top-level field at a fixed place (the runtime reads it from the bytes,
     * whichever codec ran): unsigned and big-endian, of the role's width; roles come in their sets.
     */
    private static void checkRoles(Grammar g, String where) {
        String w = where + ": meta/-pcapkit/roles";
        for (List<String> set : ROLE_SETS) {
            long given = set.stream().filter(g.layer.roles::containsKey).count();
            if (given != 0 && given != set.size()) throw new GeneratorException(w, "roles " + set + " go together");
        }
        if (g.layer.roles.containsKey("sequence") && !g.layer.roles.containsKey("src-port")) {
            throw new GeneratorException(w, "a byte stream (sequence) needs ports (src-port, dst-port)");
        }
        for (String r : List.of("fragment-protocol", "next-header")) {
            if (g.layer.roles.containsKey(r) && !g.layer.roles.containsKey("fragment-id")) throw new GeneratorException(w, r + " goes with fragment-id");
        }
        if (g.layer.roles.containsKey("total-length") && g.layer.roles.containsKey("payload-length")) {
            throw new GeneratorException(w, "a length is total-length or payload-length, not both");
        }
        for (Map.Entry<String, String> e : g.layer.roles.entrySet()) {
            FixedField at = fixedField(g, e.getValue(), true, "must name a top-level seq field", w + "/" + e.getKey());
            int width = ROLES.get(e.getKey());
            String rw = w + "/" + e.getKey();
            if (width < 0) {
                if (at.bits() != 32 && at.bits() != 128 || at.offset() % 8 != 0) {
                    throw new GeneratorException(rw, "'" + e.getValue() + "' must be an address of 4 or 16 bytes on a byte boundary");
                }
            } else {
                checkNumber(g, at.field(), at.bits(), 32, rw);
                if (width > 0 && at.bits() != width) throw new GeneratorException(rw, "'" + e.getValue() + "' must be " + width + (width == 1 ? " bit" : " bits") + " wide");
            }
            g.layer.roleBits.put(e.getKey(), new int[] {at.offset(), at.bits()});
        }
        int[] src = g.layer.roleBits.get("src-address");
        if (src != null && src[1] != g.layer.roleBits.get("dst-address")[1]) throw new GeneratorException(w, "the two addresses must have the same size");
    }

    /** A top-level seq field, where it lies from the layer's start in bits, and its width in bits. */
    record FixedField(FieldDef field, int offset, int bits) {
    }

    /**
     * Top-level seq field {@code name}, found at a fixed place: every field before it has a fixed
     * width, and so has it. The widths are those of integers and bit fields with no if:, and, with
     * {@code bytes}, of byte runs of a literal size (an address).
     */
    static FixedField fixedField(Grammar g, String name, boolean bytes, String notFound, String w) {
        String kinds = bytes ? "integers, bit fields or bytes of a literal size, with no if:" : "integers or bit fields with no if:";
        if (g.top.seq.stream().noneMatch(f -> f.id.equals(name))) throw new GeneratorException(w, notFound + " (found '" + name + "')");
        int bits = 0;
        for (FieldDef f : g.top.seq) {
            int b = bytes ? fixedWidthBits(f) : fixedBits(f);
            if (!f.id.equals(name)) {
                if (b < 0) throw new GeneratorException(w, "the fields before '" + name + "' must be " + kinds + " ('" + f.id + "' is not)");
                bits += b;
                continue;
            }
            if (b < 0) throw new GeneratorException(w, "'" + f.id + "' must be one of " + kinds);
            return new FixedField(f, bits, b);
        }
        throw new AssertionError(name);
    }

    /** A field the runtime reads as a number: unsigned, big-endian, of at most {@code max} bits. */
    private static void checkNumber(Grammar g, FieldDef f, int bits, int max, String w) {
        if (f.type == null || bits > max || f.type.startsWith("s")) {
            throw new GeneratorException(w, "'" + f.id + "' must be an unsigned integer or a bit field of at most " + max + " bits, with no if:");
        }
        boolean littleEndian = f.type.endsWith("le") || !f.type.startsWith("b") && bits > 8 && !f.type.endsWith("be") && !"be".equals(g.endian);
        if (littleEndian) throw new GeneratorException(w, "'" + f.id + "' must be big-endian (its value is read from the bytes)");
    }

    private static final java.util.regex.Pattern FIXED_TYPE = java.util.regex.Pattern.compile("b(\\d+)|[us]([1248])(?:le|be)?");

    /** As {@link #fixedBits}, and a run of bytes of a literal size (with no if:) is fixed too. */
    static int fixedWidthBits(FieldDef f) {
        if (f.type != null || f.ifExpr != null || f.repeat != null || f.process != null || f.size == null) return fixedBits(f);
        return f.size.trim().matches("\\d{1,5}") ? 8 * Integer.parseInt(f.size.trim()) : -1;
    }

    /** The bits an unconditional integer or bit field takes, or -1 for anything else. */
    static int fixedBits(FieldDef f) {
        if (f.type == null || f.ifExpr != null || f.repeat != null || f.size != null || f.switchOn != null) return -1;
        java.util.regex.Matcher m = FIXED_TYPE.matcher(f.type);
        if (!m.matches()) return -1;
        return m.group(1) != null ? Integer.parseInt(m.group(1)) : 8 * Integer.parseInt(m.group(2));
    }

    static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    /** Expressions may arrive as YAML numbers or booleans. */
    static String expr(Object o) {
        if (o == null) return null;
        if (o instanceof Boolean b) return b ? "true" : "false";
        return String.valueOf(o);
    }

    static long parseLong(Object o, String where) {
        if (o instanceof Integer i) return i;
        if (o instanceof Long l) return l;
        if (o instanceof BigInteger b) return b.longValue();
        String s = String.valueOf(o).trim().replace("_", "");
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) return Long.parseLong(s.substring(2), 16);
            if (s.startsWith("0b")) return Long.parseLong(s.substring(2), 2);
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new GeneratorException(where, "not an integer: '" + o + "'");
        }
    }

    private static void checkKeys(Map<String, Object> m, Set<String> allowed, String where) {
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw new GeneratorException(where, "unknown key '" + k + "'" + (k.startsWith("-") ? " (pcapkit keys: -json, -hide, -format, -enum, -value, -flatten; meta: -pcapkit)" : ""));
            }
        }
    }
}
