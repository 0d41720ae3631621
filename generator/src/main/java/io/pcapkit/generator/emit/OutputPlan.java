package io.pcapkit.generator.emit;

import io.pcapkit.generator.GeneratorException;
import io.pcapkit.generator.model.EnumDef;
import io.pcapkit.generator.model.FieldDef;
import io.pcapkit.generator.model.Grammar;
import io.pcapkit.generator.model.IntType;
import io.pcapkit.generator.model.TypeDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a grammar outputs: one {@code Field} descriptor per output field and group, with its kind,
 * format and name table. Both walkers (fast and Kaitai-backed) emit from the same plan, so their
 * output can be compared field for field.
 */
public final class OutputPlan {
    /** One descriptor constant in the grammar's {@code Fields} class. */
    public record Desc(String constant, int id, String name, String path, String kind, String format) {
    }

    public final Grammar grammar;
    public final Map<String, Desc> descs = new LinkedHashMap<>();
    private final Map<FieldDef, Desc> byField = new LinkedHashMap<>();
    private final Map<String, Desc> groups = new LinkedHashMap<>();
    private final Registries registries;
    private int nextId;

    public OutputPlan(Grammar g, Registries registries, int firstId) {
        this.grammar = g;
        this.registries = registries;
        this.nextId = firstId;
        plan(g.top);
        // pseudo fields named in failures of the layer-level expressions
        add("HEADER__LENGTH", "header_length", "header_length", "NUMBER", "DEC");
        add("PAYLOAD__LENGTH", "payload_length", "payload_length", "NUMBER", "DEC");
    }

    public int nextId() {
        return nextId;
    }

    private String typePrefix(TypeDef t) {
        List<String> p = t.path();
        p.remove(0);
        return p.isEmpty() ? "" : Naming.constant(String.join("_", p)) + "__";
    }

    private Desc add(String constant, String name, String path, String kind, String format) {
        if (descs.containsKey(constant)) return descs.get(constant);
        Desc d = new Desc(constant, nextId++, name, path, kind, format);
        descs.put(constant, d);
        return d;
    }

    private void plan(TypeDef t) {
        String prefix = typePrefix(t);
        List<String> closed = new ArrayList<>();
        List<String> open = new ArrayList<>();
        // a name is either a value or a group in one object: both would collide in the output
        java.util.Set<String> valuePaths = new java.util.HashSet<>();
        java.util.Set<String> groupPaths = new java.util.HashSet<>();
        List<FieldDef> all = new ArrayList<>(t.seq);
        for (FieldDef f : t.instances.values()) if (f.json != null) all.add(f);
        for (FieldDef f : all) {
            String path = f.outputPath();
            String[] parts = path.split("\\.");
            for (String part : parts) {
                if (!part.matches("[A-Za-z0-9_/-]+")) throw new GeneratorException(f.where, "-json: bad key '" + path + "'");
            }
            if (!f.hide) {
                // groups must be contiguous
                List<String> gpath = List.of(parts).subList(0, parts.length - 1);
                int common = 0;
                while (common < open.size() && common < gpath.size() && open.get(common).equals(gpath.get(common))) common++;
                for (int i = open.size() - 1; i >= common; i--) closed.add(String.join(".", open.subList(0, i + 1)));
                while (open.size() > common) open.remove(open.size() - 1);
                for (int i = common; i < gpath.size(); i++) {
                    open.add(gpath.get(i));
                    String gp = String.join(".", open);
                    if (closed.contains(gp)) {
                        throw new GeneratorException(f.where, "-json: group '" + gp + "' must be contiguous (it was closed before this field)");
                    }
                    groups.put(prefix + "|" + gp, add("G_" + prefix + Naming.constant(gp), gpath.get(i), gp, "GROUP", "DEC"));
                }
                for (int i = 1; i < parts.length; i++) groupPaths.add(String.join(".", List.of(parts).subList(0, i)));
                valuePaths.add(path);
                for (String gp : groupPaths) {
                    if (valuePaths.contains(gp)) {
                        throw new GeneratorException(f.where, "-json: '" + gp + "' names both a field and a group of fields");
                    }
                }
            }
            String kind = kindOf(t, f);
            byField.put(f, add(prefix + Naming.constant(f.id), parts[parts.length - 1], path, kind, formatOf(t, f)));
        }
        for (TypeDef nested : t.types.values()) plan(nested);
    }

    /** The fields a type outputs, in order: visible seq fields, then instances that carry -json. */
    public static List<FieldDef> outputs(TypeDef t) {
        List<FieldDef> out = new ArrayList<>();
        for (FieldDef f : t.seq) if (!f.hide) out.add(f);
        for (FieldDef f : t.instances.values()) if (f.json != null && !f.hide) out.add(f);
        return out;
    }

    /**
     * The members of dotted group {@code gp} of type {@code t} when every one of them is
     * conditional ({@code if}): such a group is shown only when one is present. Null when some
     * member is always there (the group always is).
     */
    public static List<FieldDef> conditionalGroup(TypeDef t, String gp) {
        List<FieldDef> members = new ArrayList<>();
        for (FieldDef f : outputs(t)) {
            if (f.outputPath().startsWith(gp + ".")) {
                if (f.ifExpr == null) return null;
                members.add(f);
            }
        }
        return members.isEmpty() ? null : members;
    }

    public Desc desc(FieldDef f) {
        return byField.get(f);
    }

    public Desc group(TypeDef t, String groupPath) {
        return groups.get(typePrefix(t) + "|" + groupPath);
    }

    public Desc pseudo(String constant) {
        return descs.get(constant);
    }

    String kindOf(TypeDef t, FieldDef f) {
        if (f.isRepeated()) return "LIST";
        if (f.switchOn != null) return "GROUP";
        if (f.isInstance) {
            if (f.namesEnum != null) return "ENUM";
            return isBoolExpr(t, f.value) ? "BOOL" : "NUMBER";
        }
        IntType it = f.intType();
        if (it != null) {
            if (f.namesEnum != null) return "ENUM";
            if (it.isBool() && f.valueExpr == null) return "BOOL";
            return "NUMBER";
        }
        if (RuntimeTypes.isPrimitive(f.type)) return "TEXT";
        if (f.valueExpr != null) return f.namesEnum != null ? "ENUM" : "NUMBER"; // -value on text: a number made from it
        if (f.type != null && (f.type.equals("str") || f.type.equals("strz"))) return "TEXT";
        if (f.type != null && t.resolve(f.type) != null) return "GROUP";
        return "BYTES";
    }

    /** Whether an expression is a condition: a comparison, a logical operator, or a one-bit field. */
    static boolean isBoolExpr(TypeDef t, String src) {
        if (src == null) return false;
        io.pcapkit.generator.expr.Expr e = io.pcapkit.generator.expr.ExprParser.parse(src);
        return isBool(t, e, 0);
    }

    private static boolean isBool(TypeDef t, io.pcapkit.generator.expr.Expr e, int depth) {
        if (depth > 16) return false;
        if (e instanceof io.pcapkit.generator.expr.Expr.Bool) return true;
        if (e instanceof io.pcapkit.generator.expr.Expr.Unary u) return u.op().equals("not");
        if (e instanceof io.pcapkit.generator.expr.Expr.Call c) return c.name().equals("equals_ignore_case") || c.name().equals("contains_ignore_case");
        if (e instanceof io.pcapkit.generator.expr.Expr.Binary b) {
            return java.util.Set.of("and", "or", "==", "!=", "<", "<=", ">", ">=").contains(b.op())
                    || (java.util.Set.of("&", "|", "^").contains(b.op()) && isBool(t, b.left(), depth + 1));
        }
        if (e instanceof io.pcapkit.generator.expr.Expr.Ternary x) return isBool(t, x.then(), depth + 1);
        if (e instanceof io.pcapkit.generator.expr.Expr.Name n) {
            FieldDef f = t.field(n.name());
            if (f != null) return f.intType() != null && f.intType().isBool();
            FieldDef inst = t.instances.get(n.name());
            if (inst != null && inst.value != null) return isBool(t, io.pcapkit.generator.expr.ExprParser.parse(inst.value), depth + 1);
            io.pcapkit.generator.model.ParamDef p = t.param(n.name());
            return p != null && p.isBool();
        }
        return false;
    }

    String formatOf(TypeDef t, FieldDef f) {
        if (f.switchOn != null) return "BYTES";
        if (f.format != null) {
            return switch (f.format) {
                case "dec" -> "DEC";
                case "hex" -> "HEX";
                case "mac" -> "MAC";
                case "ipv4" -> "IPV4";
                case "ipv6" -> "IPV6";
                case "text" -> "TEXT";
                default -> "BYTES";
            };
        }
        if (RuntimeTypes.isPrimitive(f.type)) return "TEXT";
        if (f.valueExpr != null && f.intType() == null) return "DEC";
        if (f.type != null && (f.type.equals("str") || f.type.equals("strz"))) return "TEXT";
        if (f.intType() == null && !f.isInstance && (f.type == null || t.resolve(f.type) == null) && f.switchOn == null) return "BYTES";
        return "DEC";
    }

    /**
     * The Java expression naming a value of {@code f}'s -enum table, or null when it has none. Local
     * enums live in the grammar's Fields class; registries in io.pcapkit.registry.
     */
    public String namesCall(FieldDef f, String valueExpr) {
        if (f.namesEnum == null) return null;
        EnumDef local = grammar.enums.get(f.namesEnum);
        if (local != null) return Naming.upperCamel(grammar.id) + "Fields.e_" + f.namesEnum + "(" + valueExpr + ")";
        String reg = registries.javaClass(f.namesEnum);
        if (reg != null) return "io.pcapkit.registry." + reg + ".nameOf(" + valueExpr + ")";
        throw new GeneratorException(f.where, "-enum: unknown table '" + f.namesEnum + "' (local enums: "
                + grammar.enums.keySet() + ", registries: " + registries.names() + ")");
    }
}
