package io.pcapkit.generator.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.pcapkit.generator.expr.JavaExpr;
import io.pcapkit.generator.model.FieldDef;
import io.pcapkit.generator.model.Grammar;
import io.pcapkit.generator.model.IntType;
import io.pcapkit.generator.model.LayerMeta;
import io.pcapkit.generator.model.ParamDef;
import io.pcapkit.generator.model.TypeDef;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Compiles a grammar into a zero-allocation codec: every field is read at an absolute offset with
 * its length checked against the bytes present first; top-level values land in primitive slots
 * (for chaining and accessors), nested types are streamed. Features outside the subset raise
 * {@link Unsupported} and the grammar falls back to its Kaitai-backed codec.
 */
public final class FastCodecEmitter {
    static final ClassName LAYER_CODEC = ClassName.get("io.pcapkit.dissect", "LayerCodec");
    static final ClassName FIELD_SINK = ClassName.get("io.pcapkit.dissect", "FieldSink");
    static final ClassName DISPATCHER = ClassName.get("io.pcapkit.dissect", "Dispatcher");

    private final Grammar g;
    private final OutputPlan plan;
    private final String pkg;
    private final String codecName;
    private final String fieldsName;
    private final ProtocolIndex index;
    private final List<MethodSpec> walkers = new ArrayList<>();
    private int tmp;

    public FastCodecEmitter(Grammar g, OutputPlan plan, String pkg, ProtocolIndex index) {
        this.g = g;
        this.plan = plan;
        this.pkg = pkg;
        this.codecName = Naming.upperCamel(g.id) + "Codec";
        this.fieldsName = Naming.upperCamel(g.id) + "Fields";
        this.index = index;
    }

    public String className() {
        return codecName;
    }

    public TypeSpec emit() {
        checkSupported(g.top);
        TypeSpec.Builder cls = TypeSpec.classBuilder(codecName)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(LAYER_CODEC)
                .addJavadoc("Fast codec for {@code grammars/$L} ($L), generated: do not edit.\n", g.relPath,
                        g.title == null ? g.id : g.title);
        // slots
        for (ParamDef p : g.top.params) {
            TypeName t = p.isBool() ? TypeName.BOOLEAN : TypeName.LONG;
            cls.addField(FieldSpec.builder(t, "s_" + p.id()).build());
            cls.addMethod(MethodSpec.methodBuilder("set" + Naming.upperCamel(p.id())).addModifiers(Modifier.PUBLIC)
                    .addParameter(t, "v").addStatement("this.s_$L = v", p.id())
                    .addJavadoc("Sets the grammar parameter {@code $L} before decoding.\n", p.id()).build());
        }
        for (FieldDef f : g.top.seq) {
            if (f.isRepeated()) {
                if (f.ifExpr != null) cls.addField(FieldSpec.builder(TypeName.BOOLEAN, "p_" + f.id).build());
                continue;
            }
            if (isScalar(g.top, f)) {
                TypeName t = isBoolField(f) ? TypeName.BOOLEAN : TypeName.LONG;
                cls.addField(FieldSpec.builder(t, "s_" + f.id).build());
                cls.addMethod(MethodSpec.methodBuilder(Naming.accessor(f.id)).addModifiers(Modifier.PUBLIC).returns(t)
                        .addStatement("return s_$L", f.id)
                        .addJavadoc("The raw value of {@code $L} from the last decode.\n", f.id).build());
            } else {
                cls.addField(FieldSpec.builder(TypeName.INT, "o_" + f.id).build());
                cls.addField(FieldSpec.builder(TypeName.INT, "n_" + f.id).build());
                cls.addMethod(MethodSpec.methodBuilder(Naming.accessor(f.id) + "Offset").addModifiers(Modifier.PUBLIC)
                        .returns(TypeName.INT).addStatement("return o_$L", f.id)
                        .addJavadoc("Absolute offset of {@code $L} in the buffer of the last decode.\n", f.id).build());
                cls.addMethod(MethodSpec.methodBuilder(Naming.accessor(f.id) + "Length").addModifiers(Modifier.PUBLIC)
                        .returns(TypeName.INT).addStatement("return n_$L", f.id)
                        .addJavadoc("Length in bytes of {@code $L} in the last decode.\n", f.id).build());
            }
            if (f.ifExpr != null) {
                cls.addField(FieldSpec.builder(TypeName.BOOLEAN, "p_" + f.id).build());
                cls.addMethod(MethodSpec.methodBuilder("has" + Naming.upperCamel(f.id)).addModifiers(Modifier.PUBLIC)
                        .returns(TypeName.BOOLEAN).addStatement("return p_$L", f.id)
                        .addJavadoc("Whether {@code $L} was present in the last decode.\n", f.id).build());
            }
        }
        // value instances of the top level, computed from the slots
        for (FieldDef inst : g.top.instances.values()) {
            if (inst.value == null) continue;
            W w = new W(g.top);
            JavaExpr.Code c = w.expr(inst.value, inst.where);
            cls.addMethod(MethodSpec.methodBuilder(Naming.accessor(inst.id)).addModifiers(Modifier.PUBLIC)
                    .returns(c.bool() ? TypeName.BOOLEAN : TypeName.LONG)
                    .addStatement("final $L c = this", codecName)
                    .addStatement("return $L", c.java())
                    .addJavadoc("The value instance {@code $L} of the last decode.\n", inst.id)
                    .build());
        }
        cls.addMethod(MethodSpec.methodBuilder("grammar").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(String.class).addStatement("return $S", g.id).build());
        walkers.add(walker(g.top));
        for (TypeDef t : allNested(g.top)) walkers.add(walker(t));
        cls.addMethods(walkers);
        if (!g.layer.next.isEmpty()) cls.addMethod(nextMethod());
        return cls.build();
    }

    static List<TypeDef> allNested(TypeDef t) {
        List<TypeDef> out = new ArrayList<>();
        for (TypeDef n : t.types.values()) {
            out.add(n);
            out.addAll(allNested(n));
        }
        return out;
    }

    // ---- support checks ----

    private void checkSupported(TypeDef t) {
        if (!t.isTop() && !t.params.isEmpty()) throw new Unsupported(t.where, "params on nested types");
        List<FieldDef> seq = t.seq;
        for (int i = 0; i < seq.size(); i++) {
            FieldDef f = seq.get(i);
            if (f.process != null) throw new Unsupported(f.where, "process");
            IntType it = f.intType();
            if (it != null && it.bitField() && (f.ifExpr != null || f.isRepeated())) {
                throw new Unsupported(f.where, "bit fields with if or repeat");
            }
            if (f.type != null && it == null && !f.type.equals("str") && !f.type.equals("strz") && t.resolve(f.type) == null) {
                throw new Unsupported(f.where, "type '" + f.type + "'");
            }
            if (f.switchCases != null) {
                for (Map.Entry<Object, String> c : f.switchCases.entrySet()) {
                    if (t.resolve(c.getValue()) == null) throw new Unsupported(f.where, "switch case type '" + c.getValue() + "'");
                    if (!(c.getKey() instanceof Number) && !(c.getKey() instanceof Boolean) && !"_".equals(String.valueOf(c.getKey()))) {
                        throw new Unsupported(f.where, "switch case key '" + c.getKey() + "'");
                    }
                }
            }
            if ("until".equals(f.repeat) && f.type != null && t.resolve(f.type) != null) {
                throw new Unsupported(f.where, "repeat-until over a user type");
            }
        }
        for (FieldDef f : t.instances.values()) {
            if (f.value == null) throw new Unsupported(f.where, "positional instances");
        }
        for (TypeDef n : t.types.values()) checkSupported(n);
    }

    static boolean isScalar(TypeDef t, FieldDef f) {
        return f.intType() != null;
    }

    static boolean isBoolField(FieldDef f) {
        IntType it = f.intType();
        return it != null && it.isBool();
    }

    // ---- walkers ----

    private String walkerName(TypeDef t) {
        List<String> p = t.path();
        p.remove(0);
        return "w_" + String.join("__", p);
    }

    private String fieldConst(FieldDef f) {
        return fieldsName + "." + plan.desc(f).constant();
    }

    /** Per-walker translation state. */
    private final class W {
        final TypeDef t;
        final boolean top;
        final Body out = new Body();
        final Groups groups = new Groups();
        /** Java for Kaitai's {@code _} in the current context (valid, -value, repeat-until). */
        String underscore;
        boolean underscoreBool;
        String index;

        W(TypeDef t) {
            this.t = t;
            this.top = t.isTop();
        }

        String val(FieldDef f) {
            return top ? "c.s_" + f.id : "v_" + f.id;
        }

        String off(FieldDef f) {
            return top ? "c.o_" + f.id : "o_" + f.id;
        }

        String len(FieldDef f) {
            return top ? "c.n_" + f.id : "n_" + f.id;
        }

        JavaExpr.Code expr(String src, String where) {
            try {
                return new JavaExpr(new Resolver(this, new HashSet<>())).translate(src);
            } catch (IllegalArgumentException e) {
                throw new Unsupported(where, e.getMessage());
            }
        }

        String intExpr(String src, String where) {
            JavaExpr.Code c = expr(src, where);
            if (c.bool()) throw new io.pcapkit.generator.GeneratorException(where, "expected an integer expression: " + src);
            return c.java();
        }

        String boolExpr(String src, String where) {
            JavaExpr.Code c = expr(src, where);
            if (!c.bool()) throw new io.pcapkit.generator.GeneratorException(where, "expected a condition: " + src);
            return c.java();
        }
    }

    /** Resolves names for fast walkers: locals in nested types, slots at the top level. */
    private final class Resolver implements JavaExpr.Resolver {
        private final W w;
        private final Set<String> inlining;

        Resolver(W w, Set<String> inlining) {
            this.w = w;
            this.inlining = inlining;
        }

        @Override
        public JavaExpr.Code name(String n) {
            if (n.equals("_")) {
                if (w.underscore == null) throw new IllegalArgumentException("'_' outside valid, -value or repeat-until");
                return new JavaExpr.Code(w.underscore, w.underscoreBool);
            }
            if (n.equals("_index")) {
                if (w.index == null) throw new IllegalArgumentException("_index outside a repeat");
                return new JavaExpr.Code(w.index, false);
            }
            // _rest: "the payload runs to the parent's bound"; valid only as a whole branch of payload-length
            if (n.equals("_rest")) return new JavaExpr.Code("Long.MIN_VALUE", false);
            return resolveIn(w.t, n, w.top ? "c.s_" : "v_", w);
        }

        private JavaExpr.Code resolveIn(TypeDef t, String n, String prefix, W ctx) {
            FieldDef f = t.field(n);
            if (f != null) {
                if (f.isRepeated() || f.intType() == null) throw new IllegalArgumentException("'" + n + "' is not an integer field");
                return new JavaExpr.Code(prefix + n, isBoolField(f));
            }
            FieldDef inst = t.instances.get(n);
            if (inst != null) {
                if (!inlining.add(t.name + "." + n)) throw new IllegalArgumentException("instance '" + n + "' refers to itself");
                JavaExpr.Code c = new JavaExpr(t == w.t ? this : new ParentResolver(t, inlining)).translate(inst.value);
                inlining.remove(t.name + "." + n);
                return new JavaExpr.Code("(" + c.java() + ")", c.bool());
            }
            ParamDef p = t.param(n);
            if (p != null && t.isTop()) return new JavaExpr.Code("c.s_" + n, p.isBool());
            throw new IllegalArgumentException("unknown name '" + n + "'");
        }

        @Override
        public JavaExpr.Code attr(String target, String a) {
            if (target.equals("_io")) {
                if (!inlining.isEmpty() && (a.equals("pos") || a.equals("eof"))) {
                    // Kaitai computes an instance once, on first use; the fast path inlines it where it
                    // is used, so a position inside an instance could differ: leave it to Kaitai
                    throw new IllegalArgumentException("_io." + a + " inside a value instance");
                }
                return switch (a) {
                    // io0 is where the stream of this type starts: a type read without a size shares its
                    // parent's stream (Kaitai's rule), so _io.pos counts from the parent's start
                    case "size" -> new JavaExpr.Code("((long) (end - io0))", false);
                    case "pos" -> new JavaExpr.Code("((long) (p - io0))", false);
                    case "eof" -> new JavaExpr.Code("(p >= end)", true);
                    default -> null;
                };
            }
            if (target.equals("_parent") || target.equals("_root")) {
                TypeDef parent = target.equals("_root") ? g.top : w.t.parent;
                if (parent == null || !parent.isTop()) return null;
                return new ParentResolver(parent, inlining).name(a);
            }
            FieldDef f = w.t.field(target);
            if (f != null && a.equals("length") && !isScalar(w.t, f) && !f.isRepeated()) {
                return new JavaExpr.Code("((long) " + w.len(f) + ")", false);
            }
            return null;
        }
    }

    /** Resolves {@code _parent.x} / {@code _root.x} against the top-level slots. */
    private final class ParentResolver implements JavaExpr.Resolver {
        private final TypeDef t;
        private final Set<String> inlining;

        ParentResolver(TypeDef t, Set<String> inlining) {
            this.t = t;
            this.inlining = inlining;
        }

        @Override
        public JavaExpr.Code name(String n) {
            FieldDef f = t.field(n);
            if (f != null) {
                if (f.isRepeated() || f.intType() == null) throw new IllegalArgumentException("'" + n + "' is not an integer field");
                return new JavaExpr.Code("c.s_" + n, isBoolField(f));
            }
            FieldDef inst = t.instances.get(n);
            if (inst != null) {
                if (!inlining.add(t.name + "." + n)) throw new IllegalArgumentException("instance '" + n + "' refers to itself");
                JavaExpr.Code c = new JavaExpr(this).translate(inst.value);
                inlining.remove(t.name + "." + n);
                return new JavaExpr.Code("(" + c.java() + ")", c.bool());
            }
            ParamDef p = t.param(n);
            if (p != null) return new JavaExpr.Code("c.s_" + n, p.isBool());
            throw new IllegalArgumentException("unknown name '" + n + "' in the top-level type");
        }
    }

    private MethodSpec walker(TypeDef t) {
        W w = new W(t);
        MethodSpec.Builder m;
        ClassName self = ClassName.get(pkg, codecName);
        if (w.top) {
            m = MethodSpec.methodBuilder("walkTop").addAnnotation(Override.class).addModifiers(Modifier.PROTECTED);
        } else {
            m = MethodSpec.methodBuilder(walkerName(t)).addModifiers(Modifier.PRIVATE, Modifier.STATIC);
        }
        m.returns(TypeName.INT)
                .addParameter(ByteBuffer.class, "b")
                .addParameter(TypeName.INT, "start")
                .addParameter(TypeName.INT, "end")
                .addParameter(FIELD_SINK, "sink");
        if (!w.top) {
            m.addParameter(TypeName.INT, "io0").addParameter(self, "c").addParameter(TypeName.INT, "depth");
        }
        Body o = w.out;
        if (w.top) o.line("final " + codecName + " c = this");
        if (w.top) o.line("final int io0 = start");
        o.line("int p = start");
        if (!w.top) {
            FieldDef first = t.seq.isEmpty() ? null : t.seq.get(0);
            String fc = first == null ? fieldsName + "." + plan.pseudo("HEADER__LENGTH").constant() : fieldConst(first);
            o.open("if (depth > io.pcapkit.dissect.Limits.MAX_TYPE_DEPTH)")
                    .line("return c.limitExceeded(" + fc + ", p, io.pcapkit.dissect.Limits.MAX_TYPE_DEPTH, \"nesting of types\")")
                    .close();
            for (FieldDef f : t.seq) {
                if (f.isRepeated()) continue;
                if (isScalar(t, f)) o.line((isBoolField(f) ? "boolean v_" + f.id + " = false" : "long v_" + f.id + " = 0L"));
                else o.line("int o_" + f.id + " = 0, n_" + f.id + " = 0");
            }
        } else {
            for (FieldDef f : t.seq) {
                if (f.ifExpr != null) {
                    o.line("c.p_" + f.id + " = false");
                    if (!f.isRepeated()) {
                        if (isScalar(t, f)) o.line("c.s_" + f.id + " = " + (isBoolField(f) ? "false" : "0L"));
                        else o.line("c.o_" + f.id + " = 0; c.n_" + f.id + " = 0");
                    }
                }
            }
        }
        List<FieldDef> seq = t.seq;
        int i = 0;
        while (i < seq.size()) {
            FieldDef f = seq.get(i);
            IntType it = f.intType();
            if (it != null && it.bitField()) {
                int j = i;
                List<FieldDef> run = new ArrayList<>();
                int bits = 0;
                while (j < seq.size() && seq.get(j).intType() != null && seq.get(j).intType().bitField()) {
                    if (bits + seq.get(j).intType().bits() > 64) break;
                    bits += seq.get(j).intType().bits();
                    run.add(seq.get(j));
                    j++;
                }
                bitRun(w, run, bits);
                i = j;
            } else {
                field(w, f);
                i++;
            }
        }
        // instances shown with -json, after the seq
        for (FieldDef inst : t.instances.values()) {
            if (inst.json == null || inst.hide) continue;
            groupSteps(w, inst);
            JavaExpr.Code c = w.expr(inst.value, inst.where);
            o.open("").line("final FieldSink s = sink");
            if (inst.ifExpr != null) o.open("if (" + w.boolExpr(inst.ifExpr, inst.where) + ")");
            emitScalar(w, inst, c.java(), c.bool(), "start", "0");
            if (inst.ifExpr != null) o.close();
            o.close();
        }
        closeGroups(w);
        if (w.top) {
            meta(w);
        } else {
            o.line("return p");
        }
        m.addCode(o.build());
        return m.build();
    }

    private void groupSteps(W w, FieldDef f) {
        if (f.hide) return;
        Groups.Step step = w.groups.before(f.outputPath());
        for (String gp : step.close()) w.out.line("if (sink != null) sink.endGroup(" + fieldsName + "." + plan.group(w.t, gp).constant() + ")");
        for (String gp : step.open()) w.out.line("if (sink != null) sink.beginGroup(" + fieldsName + "." + plan.group(w.t, gp).constant() + ")");
    }

    private void closeGroups(W w) {
        for (String gp : w.groups.closeAll()) {
            w.out.line("if (sink != null) sink.endGroup(" + fieldsName + "." + plan.group(w.t, gp).constant() + ")");
        }
    }

    /** Emits a scalar value (already read) to the sink. */
    private void emitScalar(W w, FieldDef f, String raw, boolean rawBool, String off, String len) {
        if (f.hide) return;
        String fc = fieldConst(f);
        String v = raw;
        boolean vb = rawBool;
        if (f.valueExpr != null) {
            String saved = w.underscore;
            boolean savedB = w.underscoreBool;
            w.underscore = raw;
            w.underscoreBool = rawBool;
            JavaExpr.Code c = w.expr(f.valueExpr, f.where);
            w.underscore = saved;
            w.underscoreBool = savedB;
            if (c.bool()) throw new io.pcapkit.generator.GeneratorException(f.where, "-value must be an integer expression");
            v = c.java();
            vb = false;
        }
        if (f.namesEnum != null) {
            if (vb) throw new io.pcapkit.generator.GeneratorException(f.where, "-enum on a boolean");
            w.out.line("if (s != null) s.enumerated(" + fc + ", " + v + ", " + plan.namesCall(f, v) + ", " + off + ", " + len + ")");
        } else if (vb) {
            w.out.line("if (s != null) s.bool(" + fc + ", " + v + ", " + off + ", " + len + ")");
        } else {
            w.out.line("if (s != null) s.number(" + fc + ", " + v + ", " + off + ", " + len + ")");
        }
    }

    private void validate(W w, FieldDef f, String value, boolean isBool, String at) {
        if (f.valid == null) return;
        String saved = w.underscore;
        boolean savedB = w.underscoreBool;
        w.underscore = value;
        w.underscoreBool = isBool;
        List<String> checks = new ArrayList<>();
        List<String> says = new ArrayList<>();
        Object v = f.valid;
        if (v instanceof Map<?, ?> vm) {
            for (Map.Entry<?, ?> e : vm.entrySet()) {
                String k = String.valueOf(e.getKey());
                String ex = String.valueOf(e.getValue());
                switch (k) {
                    case "eq" -> {
                        checks.add(value + " == " + w.expr(ex, f.where).java());
                        says.add("expected " + ex);
                    }
                    case "min" -> {
                        checks.add(value + " >= " + w.intExpr(ex, f.where));
                        says.add("expected at least " + ex);
                    }
                    case "max" -> {
                        checks.add(value + " <= " + w.intExpr(ex, f.where));
                        says.add("expected at most " + ex);
                    }
                    case "any-of" -> {
                        List<String> alts = new ArrayList<>();
                        for (Object a : (List<?>) e.getValue()) alts.add(value + " == " + w.expr(String.valueOf(a), f.where).java());
                        checks.add("(" + String.join(" || ", alts) + ")");
                        says.add("expected one of " + e.getValue());
                    }
                    case "expr" -> {
                        checks.add(w.boolExpr(ex, f.where));
                        says.add("expected " + ex);
                    }
                    default -> throw new io.pcapkit.generator.GeneratorException(f.where, "valid: unknown key '" + k + "'");
                }
            }
        } else {
            checks.add(value + " == " + w.expr(String.valueOf(v), f.where).java());
            says.add("expected " + v);
        }
        w.underscore = saved;
        w.underscoreBool = savedB;
        String actual = isBool ? "(" + value + " ? 1L : 0L)" : value;
        w.out.open("if (!(" + String.join(" && ", checks) + "))")
                .line("return c.invalid(" + fieldConst(f) + ", " + at + ", " + actual + ", " + quote(String.join(", ", says)) + ")")
                .close();
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void bitRun(W w, List<FieldDef> run, int bits) {
        int nb = (bits + 7) / 8;
        Body o = w.out;
        o.open("").line("final FieldSink s = sink");
        String word = "w" + (tmp++);
        o.open("if (end - p < " + nb + ")")
                .line("return c.truncated(" + fieldConst(run.get(0)) + ", p, " + nb + ", end - p)")
                .close();
        o.line("long " + word + " = readBitsWord(b, p, " + nb + ")");
        int bitOff = 0;
        for (FieldDef f : run) {
            int n = f.intType().bits();
            int shift = nb * 8 - bitOff - n;
            String mask = n == 64 ? "-1L" : "0x" + Long.toHexString((1L << n) - 1) + "L";
            boolean isBool = n == 1;
            String expr = isBool ? "((" + word + " >>> " + shift + ") & 1L) != 0" : "((" + word + " >>> " + shift + ") & " + mask + ")";
            o.line(w.val(f) + " = " + expr);
            int byteOff = bitOff / 8;
            int byteLen = (bitOff + n + 7) / 8 - byteOff;
            groupSteps(w, f);
            // shown before it is checked: a layer that fails here still shows the bad value (as Wireshark does)
            emitScalar(w, f, w.val(f), isBool, "p + " + byteOff, String.valueOf(byteLen));
            validate(w, f, w.val(f), isBool, "p + " + byteOff);
            bitOff += n;
        }
        o.line("p += " + nb);
        o.close();
    }

    private static String readInt(IntType it, String defaultEndian, String endianSwitch) {
        int n = it.bytes();
        String e = it.endian() != null ? it.endian() : defaultEndian;
        if (n == 1) return it.signed() ? "((long) b.get(p))" : "(b.get(p) & 0xFFL)";
        String be;
        String le;
        switch (n) {
            case 2 -> {
                be = it.signed() ? "((long) b.getShort(p))" : "(b.getShort(p) & 0xFFFFL)";
                le = it.signed() ? "((long) Short.reverseBytes(b.getShort(p)))" : "(Short.reverseBytes(b.getShort(p)) & 0xFFFFL)";
            }
            case 4 -> {
                be = it.signed() ? "((long) b.getInt(p))" : "(b.getInt(p) & 0xFFFFFFFFL)";
                le = it.signed() ? "((long) Integer.reverseBytes(b.getInt(p)))" : "(Integer.reverseBytes(b.getInt(p)) & 0xFFFFFFFFL)";
            }
            default -> {
                be = "b.getLong(p)";
                le = "Long.reverseBytes(b.getLong(p))";
            }
        }
        if (e == null) {
            if (endianSwitch == null) throw new Unsupported("", "integer without endianness");
            return "(" + endianSwitch + " ? " + le + " : " + be + ")";
        }
        return e.equals("le") ? le : be;
    }

    private String endianSwitch(W w) {
        if (g.endianSwitchOn == null) return null;
        // nested types inherit the top level's endianness, so the switch reads the top-level slots
        try {
            return new JavaExpr(new ParentResolver(g.top, new HashSet<>())).translate(g.endianSwitchOn).java();
        } catch (IllegalArgumentException e) {
            throw new Unsupported(g.relPath + ": meta/endian", e.getMessage());
        }
    }

    /** One non-bit field: wraps repeat and if around the element read. */
    private void field(W w, FieldDef f) {
        Body o = w.out;
        boolean visible = !f.hide;
        groupSteps(w, f);
        o.open("");
        if (f.ifExpr != null) {
            o.open("if (" + w.boolExpr(f.ifExpr, f.where) + ")");
            if (w.top) o.line("c.p_" + f.id + " = true");
        }
        // a structured field (a list, a nested type) is written as its bytes when the sink asks
        boolean structured = visible && (f.isRepeated() || f.switchOn != null || (f.type != null && w.t.resolve(f.type) != null));
        String fcs = structured ? fieldConst(f) : null;
        if (structured) {
            o.line("final FieldSink s = sink != null && sink.expand(" + fcs + ") ? sink : null");
            o.line("final int q0 = p");
        } else {
            o.line("final FieldSink s = sink");
        }
        if (f.isRepeated()) {
            String fc = fieldConst(f);
            String cnt = "i" + (tmp++);
            if (visible) o.line("if (s != null) s.beginList(" + fc + ")");
            String savedIndex = w.index;
            switch (f.repeat) {
                case "eos" -> {
                    o.line("int " + cnt + " = 0");
                    o.open("while (p < end)");
                    o.open("if (++" + cnt + " > io.pcapkit.dissect.Limits.MAX_LIST_ITEMS)")
                            .line("return c.limitExceeded(" + fc + ", p, io.pcapkit.dissect.Limits.MAX_LIST_ITEMS, \"items in a list\")")
                            .close();
                    String p0 = "q" + (tmp++);
                    o.line("int " + p0 + " = p");
                    w.index = "((long) " + cnt + " - 1)";
                    element(w, f, visible);
                    o.open("if (p == " + p0 + ")")
                            .line("return c.invalid(" + fc + ", p, 0L, \"an item of a list must consume bytes\")")
                            .close();
                    o.close();
                }
                case "expr" -> {
                    String n = "k" + (tmp++);
                    o.line("long " + n + " = " + w.intExpr(f.repeatExpr, f.where));
                    o.open("if (" + n + " < 0)")
                            .line("return c.invalid(" + fc + ", p, " + n + ", \"a count must not be negative\")")
                            .close();
                    o.open("if (" + n + " > io.pcapkit.dissect.Limits.MAX_LIST_ITEMS)")
                            .line("return c.limitExceeded(" + fc + ", p, io.pcapkit.dissect.Limits.MAX_LIST_ITEMS, \"items in a list\")")
                            .close();
                    o.open("for (long " + cnt + " = 0; " + cnt + " < " + n + "; " + cnt + "++)");
                    w.index = cnt;
                    element(w, f, visible);
                    o.close();
                }
                default -> { // until, scalar elements
                    o.line("int " + cnt + " = 0");
                    o.open("while (true)");
                    o.open("if (++" + cnt + " > io.pcapkit.dissect.Limits.MAX_LIST_ITEMS)")
                            .line("return c.limitExceeded(" + fc + ", p, io.pcapkit.dissect.Limits.MAX_LIST_ITEMS, \"items in a list\")")
                            .close();
                    w.index = "((long) " + cnt + " - 1)";
                    String last = element(w, f, visible);
                    String saved = w.underscore;
                    boolean savedB = w.underscoreBool;
                    w.underscore = last;
                    w.underscoreBool = isBoolField(f);
                    o.open("if (" + w.boolExpr(f.repeatUntil, f.where) + ")").line("break").close();
                    w.underscore = saved;
                    w.underscoreBool = savedB;
                    o.close();
                }
            }
            w.index = savedIndex;
            if (visible) o.line("if (s != null) s.endList(" + fc + ")");
        } else {
            single(w, f, visible);
        }
        if (structured) o.line("if (sink != null && s == null) sink.bytes(" + fcs + ", b, q0, p - q0)");
        if (f.ifExpr != null) o.close();
        o.close();
    }

    /** Reads one element of a repeated field. @return a Java variable holding a scalar element, or null */
    private String element(W w, FieldDef f, boolean visible) {
        Body o = w.out;
        String fc = fieldConst(f);
        IntType it = f.intType();
        if (it != null) {
            String e = "e" + (tmp++);
            int n = it.bytes();
            o.open("if (end - p < " + n + ")").line("return c.truncated(" + fc + ", p, " + n + ", end - p)").close();
            o.line("long " + e + " = " + readInt(it, g.endian, endianSwitch(w)));
            if (visible) o.line("if (s != null) s.number(" + fc + ", " + e + ", p, " + n + ")");
            o.line("p += " + n);
            return e;
        }
        TypeDef ut = f.type == null ? null : w.t.resolve(f.type);
        if (ut != null) {
            String end = sizedEnd(w, f);
            String sink = visible ? "s" : "null";
            if (visible) o.line("if (s != null) s.beginItem(" + fc + ")");
            String r = "r" + (tmp++);
            o.line("int " + r + " = " + walkerName(ut) + "(b, p, " + (end == null ? "end" : end) + ", " + sink + ", "
                    + (end == null ? "io0" : "p") + ", c, "
                    + (w.top ? "1" : "depth + 1") + ")");
            o.line("if (" + r + " < 0) return ERROR");
            if (visible) o.line("if (s != null) s.endItem(" + fc + ")");
            o.line("p = " + (end == null ? r : end));
            return null;
        }
        // bytes or text per element
        String end = sizedEnd(w, f);
        if (end == null) throw new Unsupported(f.where, "repeated bytes without a size");
        if (visible) o.line("if (s != null) s.bytes(" + fc + ", b, p, " + end + " - p)");
        o.line("p = " + end);
        return null;
    }

    /**
     * For a field with {@code size}/{@code size-eos}, checks the size and declares the absolute end
     * of its region. @return the variable, or null when the field is unsized
     */
    private String sizedEnd(W w, FieldDef f) {
        Body o = w.out;
        String fc = fieldConst(f);
        if (f.sizeEos) {
            // a stream of its own (from here to the parent's end), like any sized field
            String e = "x" + (tmp++);
            o.line("int " + e + " = end");
            return e;
        }
        if (f.size == null) return null;
        String z = "z" + (tmp++);
        String e = "x" + (tmp++);
        o.line("long " + z + " = " + w.intExpr(f.size, f.where));
        o.open("if (" + z + " < 0)").line("return c.invalid(" + fc + ", p, " + z + ", \"a size must not be negative\")").close();
        o.open("if (" + z + " > end - p)").line("return c.truncated(" + fc + ", p, " + z + ", end - p)").close();
        o.line("int " + e + " = p + (int) " + z);
        return e;
    }

    private void single(W w, FieldDef f, boolean visible) {
        Body o = w.out;
        String fc = fieldConst(f);
        IntType it = f.intType();
        if (it != null) {
            int n = it.bytes();
            o.open("if (end - p < " + n + ")").line("return c.truncated(" + fc + ", p, " + n + ", end - p)").close();
            o.line(w.val(f) + " = " + readInt(it, g.endian, endianSwitch(w)));
            // shown before it is checked: a layer that fails here still shows the bad value (as Wireshark does)
            emitScalar(w, f, w.val(f), false, "p", String.valueOf(n));
            validate(w, f, w.val(f), false, "p");
            o.line("p += " + n);
            return;
        }
        if (f.contents != null) {
            int n = f.contents.size();
            o.open("if (end - p < " + n + ")").line("return c.truncated(" + fc + ", p, " + n + ", end - p)").close();
            StringBuilder hex = new StringBuilder();
            for (int k = 0; k < n; k++) {
                o.open("if ((b.get(p + " + k + ") & 0xFF) != " + f.contents.get(k) + ")")
                        .line("return c.invalid(" + fc + ", p + " + k + ", b.get(p + " + k + ") & 0xFFL, \"expected contents "
                                + contentsHex(f.contents) + "\")")
                        .close();
            }
            o.line(w.off(f) + " = p");
            o.line(w.len(f) + " = " + n);
            if (visible) o.line("if (s != null) s.bytes(" + fc + ", b, p, " + n + ")");
            o.line("p += " + n);
            return;
        }
        TypeDef ut = f.type == null ? null : w.t.resolve(f.type);
        if (ut != null || f.switchOn != null) {
            String end = sizedEnd(w, f);
            String region = end == null ? "end" : end;
            String sink = visible ? "s" : "null";
            String r = "r" + (tmp++);
            String depth = w.top ? "1" : "depth + 1";
            o.line(w.off(f) + " = p");
            if (f.switchOn != null) {
                JavaExpr.Code key = w.expr(f.switchOn, f.where);
                String k = "k" + (tmp++);
                o.line((key.bool() ? "boolean " : "long ") + k + " = " + key.java());
                o.line("int " + r);
                boolean first = true;
                String defaultType = null;
                for (Map.Entry<Object, String> c : f.switchCases.entrySet()) {
                    if ("_".equals(String.valueOf(c.getKey()))) {
                        defaultType = c.getValue();
                        continue;
                    }
                    String lit = c.getKey() instanceof Boolean bo ? bo.toString() : ((Number) c.getKey()).longValue() + "L";
                    String head = "if (" + k + " == " + lit + ")";
                    if (first) o.open(head);
                    else o.next("else " + head);
                    first = false;
                    callNested(w, f, w.t.resolve(c.getValue()), region, sink, r, depth, visible);
                }
                if (!first) o.next("else");
                if (defaultType != null) {
                    callNested(w, f, w.t.resolve(defaultType), region, sink, r, depth, visible);
                } else if (end != null) {
                    if (visible) o.line("if (s != null) s.bytes(" + fc + ", b, p, " + end + " - p)");
                    o.line(r + " = " + end);
                } else {
                    o.line(r + " = p");
                }
                if (!first) o.close();
            } else {
                o.line("int " + r);
                callNested(w, f, ut, region, sink, r, depth, visible);
            }
            o.line("if (" + r + " < 0) return ERROR");
            o.line("p = " + (end == null ? r : end));
            o.line(w.len(f) + " = p - " + w.off(f));
            return;
        }
        // bytes / str / strz
        boolean text = f.type != null;
        Integer term = f.type != null && f.type.equals("strz") ? Integer.valueOf(0) : f.terminator;
        String end = sizedEnd(w, f);
        if (end == null && term == null) {
            throw new Unsupported(f.where, "bytes without size, size-eos, contents or terminator");
        }
        String vlen = "l" + (tmp++);
        String next = "m" + (tmp++);
        String region = end == null ? "end" : end;
        if (term != null) {
            String q = "t" + (tmp++);
            o.line("int " + q + " = p");
            o.line("while (" + q + " < " + region + " && (b.get(" + q + ") & 0xFF) != " + term + ") " + q + "++");
            o.line("int " + vlen + ", " + next);
            o.open("if (" + q + " >= " + region + ")");
            if (end == null && f.eosError) {
                o.line("return c.truncated(" + fc + ", p, (long) (end - p) + 1, end - p)");
            } else {
                o.line(vlen + " = " + region + " - p");
                o.line(next + " = " + region);
            }
            o.next("else");
            o.line(vlen + " = " + q + " - p" + (f.include ? " + 1" : ""));
            o.line(next + " = " + (end != null ? end : q + (f.consume ? " + 1" : "")));
            o.close();
        } else {
            o.line("int " + vlen + " = " + end + " - p");
            o.line("int " + next + " = " + end);
            if (f.padRight != null) {
                o.line("while (" + vlen + " > 0 && (b.get(p + " + vlen + " - 1) & 0xFF) == " + f.padRight + ") " + vlen + "--");
            }
        }
        o.line(w.off(f) + " = p");
        o.line(w.len(f) + " = " + vlen);
        if (visible) o.line("if (s != null) s.bytes(" + fc + ", b, p, " + vlen + ")");
        o.line("p = " + next);
        if (text && f.encoding == null && !f.type.equals("strz")) {
            throw new io.pcapkit.generator.GeneratorException(f.where, "str needs an encoding");
        }
    }

    private void callNested(W w, FieldDef f, TypeDef ut, String region, String sink, String r, String depth, boolean visible) {
        Body o = w.out;
        String fc = fieldConst(f);
        boolean group = visible && !f.flatten;
        if (group) o.line("if (s != null) s.beginGroup(" + fc + ")");
        // a sized field opens a stream of its own; an unsized one reads on in the parent's
        o.line(r + " = " + walkerName(ut) + "(b, p, " + region + ", " + sink + ", " + (region.equals("end") ? "io0" : "p") + ", c, "
                + depth + ")");
        if (group) o.line("if (s != null && " + r + " >= 0) s.endGroup(" + fc + ")");
    }

    static String contentsHex(List<Integer> c) {
        StringBuilder b = new StringBuilder();
        for (int x : c) {
            if (b.length() > 0) b.append(' ');
            b.append(String.format("%02x", x));
        }
        return b.toString();
    }

    private void meta(W w) {
        Body o = w.out;
        LayerMeta l = g.layer;
        String hl = fieldsName + "." + plan.pseudo("HEADER__LENGTH").constant();
        String pl = fieldsName + "." + plan.pseudo("PAYLOAD__LENGTH").constant();
        o.line("int he = p");
        if (l.headerLength != null) {
            o.line("long hl = " + w.intExpr(l.headerLength, g.relPath + ": meta/-pcapkit/header-length"));
            o.open("if (hl < 0)").line("return c.invalid(" + hl + ", start, hl, \"a header length must not be negative\")").close();
            o.open("if (hl > end - start)").line("return c.truncated(" + hl + ", start, hl, end - start)").close();
            o.line("he = start + (int) hl");
        }
        o.line("c.headerEnd = he");
        if (l.payloadLength != null) {
            o.line("long pl = " + w.intExpr(l.payloadLength, g.relPath + ": meta/-pcapkit/payload-length"));
            o.open("if (pl == Long.MIN_VALUE)").line("c.payloadLength = -1L");
            o.next("else if (pl < 0)").line("return c.invalid(" + pl + ", he, pl, \"payload length must not be negative\")");
            o.next("else").line("c.payloadLength = pl").close();
        } else {
            o.line("c.payloadLength = -1L");
        }
        if (l.fragment != null) {
            o.line("c.fragment = " + w.boolExpr(l.fragment, g.relPath + ": meta/-pcapkit/fragment"));
        } else {
            o.line("c.fragment = false");
        }
        o.line("return he");
    }

    private MethodSpec nextMethod() {
        W w = new W(g.top);
        Body o = w.out;
        o.line("final " + codecName + " c = this");
        // only grammars that quote set the flag; each call starts it afresh
        if (g.layer.next.stream().anyMatch(LayerMeta.NextRule::quoted)) o.line("c.nextQuoted = false");
        o.line("int id");
        boolean always = false;
        for (LayerMeta.NextRule r : g.layer.next) {
            boolean cond = r.condition() != null;
            if (cond) o.open("if (" + w.boolExpr(r.condition(), r.where()) + ")");
            // a quoted payload (an ICMP error's datagram) is marked for the dissector
            String ret = r.quoted() ? "return c.quoted(" : "return ";
            String close = r.quoted() ? ")" : "";
            if (r.protocol() != null) {
                o.line(ret + index.protocolConstant(r.protocol(), r.where()) + close);
                // an unconditional protocol rule is the last (the loader refuses rules after it):
                // javac rejects the unreachable fallback
                if (!cond) {
                    always = true;
                    break;
                }
            } else {
                String table = index.tableConstant(r.table(), r.where());
                for (String k : r.keys()) {
                    o.line("id = d.lookup(" + table + ", " + w.intExpr(k, r.where()) + ")");
                    o.line("if (id >= 0) " + ret + "id" + close);
                }
            }
            if (cond) o.close();
        }
        if (!always) o.line("return -1");
        return MethodSpec.methodBuilder("next").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(TypeName.INT).addParameter(DISPATCHER, "d").addCode(o.build()).build();
    }
}
