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
    /** Whether some field has {@code process:} (walkTop then starts the context's layer). */
    private boolean usesProcessors;

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

    /** Method names given out on the codec, so that accessors never collide with each other or the base class. */
    private final Set<String> methodNames = new HashSet<>();

    private String method(String wanted) {
        String m = wanted;
        while (!methodNames.add(m) || RESERVED_METHODS.contains(m)) m = m + "Field";
        return m;
    }

    /** LayerCodec's own methods that generated accessors must not override. */
    private static final Set<String> RESERVED_METHODS = Set.of("payloadLength", "headerEnd", "start", "isFragment", "context",
            "bindContext", "bind", "binds", "variant", "hasVariants", "heuristic", "next", "grammar", "decode", "walk", "emit", "errorField", "errorOffset",
            "errorKind", "errorReason", "exchangeNote", "answersNote", "ipVersion", "reportedSize");

    public TypeSpec emit() {
        checkSupported(g.top);
        findProcessed(g.top);
        usesProcessors = !processed.isEmpty();
        List<TypeDef> types = new ArrayList<>(List.of(g.top));
        types.addAll(allNested(g.top));
        for (TypeDef t : types) {
            for (FieldDef f : t.seq) if ("until".equals(f.repeat) && f.type != null && t.resolve(f.type) != null) untilIndex(f);
            for (FieldDef f : t.seq) {
                if (f.type != null && t.resolve(f.type) != null && processed.contains(t.resolve(f.type)) && f.process == null
                        && !processed.contains(t)) {
                    throw new Unsupported(f.where, "a type used both through process and directly");
                }
            }
        }
        for (io.pcapkit.generator.model.LayerMeta.Lookup l : g.layer.lookups.values()) {
            FieldDef list = g.top.field(l.in());
            if (list == null || !list.isRepeated() || list.type == null || g.top.resolve(list.type) == null) {
                throw new io.pcapkit.generator.GeneratorException(l.where(), "in: '" + l.in() + "' is not a top-level list of a user type");
            }
        }
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
                cls.addMethod(MethodSpec.methodBuilder(method(Naming.accessor(f.id))).addModifiers(Modifier.PUBLIC).returns(t)
                        .addStatement("return s_$L", f.id)
                        .addJavadoc("The raw value of {@code $L} from the last decode.\n", f.id).build());
            } else {
                cls.addField(FieldSpec.builder(TypeName.INT, "o_" + f.id).build());
                cls.addField(FieldSpec.builder(TypeName.INT, "n_" + f.id).build());
                cls.addMethod(MethodSpec.methodBuilder(method(Naming.accessor(f.id) + "Offset")).addModifiers(Modifier.PUBLIC)
                        .returns(TypeName.INT).addStatement("return o_$L", f.id)
                        .addJavadoc("Absolute offset of {@code $L} in the buffer of the last decode.\n", f.id).build());
                cls.addMethod(MethodSpec.methodBuilder(method(Naming.accessor(f.id) + "Length")).addModifiers(Modifier.PUBLIC)
                        .returns(TypeName.INT).addStatement("return n_$L", f.id)
                        .addJavadoc("Length in bytes of {@code $L} in the last decode.\n", f.id).build());
            }
            if (f.ifExpr != null) {
                cls.addField(FieldSpec.builder(TypeName.BOOLEAN, "p_" + f.id).build());
                cls.addMethod(MethodSpec.methodBuilder(method("has" + Naming.upperCamel(f.id))).addModifiers(Modifier.PUBLIC)
                        .returns(TypeName.BOOLEAN).addStatement("return p_$L", f.id)
                        .addJavadoc("Whether {@code $L} was present in the last decode.\n", f.id).build());
            }
        }
        // value instances of the top level, computed from the slots
        for (FieldDef inst : g.top.instances.values()) {
            if (inst.value == null) continue;
            W w = new W(g.top);
            JavaExpr.Code c = w.expr(inst.value, inst.where);
            if (c.isText()) continue;
            cls.addMethod(MethodSpec.methodBuilder(method(Naming.accessor(inst.id))).addModifiers(Modifier.PUBLIC)
                    .returns(c.bool() ? TypeName.BOOLEAN : TypeName.LONG)
                    .addStatement("final $L c = this", codecName)
                    .addStatement("final java.nio.ByteBuffer b = c.buf")
                    .addStatement("final int io0 = c.start")
                    .addStatement("final int end = c.limit")
                    .addStatement("return $L", c.java())
                    .addJavadoc("The value instance {@code $L} of the last decode.\n", inst.id)
                    .build());
        }
        cls.addMethod(MethodSpec.methodBuilder("grammar").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(String.class).addStatement("return $S", g.id).build());
        for (io.pcapkit.generator.model.LayerMeta.Lookup l : g.layer.lookups.values()) {
            TypeName t = lookupIsBool(l) ? TypeName.BOOLEAN : TypeName.LONG;
            cls.addField(FieldSpec.builder(t, "l_" + l.name()).build());
            cls.addField(FieldSpec.builder(TypeName.BOOLEAN, "lf_" + l.name()).build());
            cls.addMethod(MethodSpec.methodBuilder(method(Naming.accessor(l.name()))).addModifiers(Modifier.PUBLIC).returns(t)
                    .addStatement("return l_$L", l.name())
                    .addJavadoc("The lookup {@code $L} of the last decode.\n", l.name()).build());
        }
        if (!g.layer.lookups.isEmpty()) cls.addField(FieldSpec.builder(TypeName.INT, "lk").build());
        for (int k = 0; k < untilFields.size(); k++) cls.addField(FieldSpec.builder(TypeName.BOOLEAN, "u_" + k).build());
        LayerMethods.add(cls, g, index, codecName, methodResolver(),
                List.of("final java.nio.ByteBuffer b = c.buf", "final int io0 = c.start", "final int end = c.limit"));
        walkers.add(walker(g.top));
        for (TypeDef t : allNested(g.top)) walkers.add(walker(t));
        cls.addMethods(walkers);
        if (!g.layer.next.isEmpty()) cls.addMethod(nextMethod());
        if (new JsonWriterEmitter(g, plan, jsonCodec(), codecName, jsonKeys).addTo(cls)) cls.addMethods(jsonWalkers());
        return cls.build();
    }

    /** What the JSON writer of this codec needs from its walkers' emitter. */
    private JsonWriterEmitter.Codec jsonCodec() {
        return new JsonWriterEmitter.Codec() {
            @Override
            public String fieldConstant(FieldDef f) {
                return fieldConst(f);
            }

            @Override
            public JavaExpr.Code topExpr(String src, String where, String underscore, boolean underscoreBool) {
                W w = new W(g.top);
                w.underscore = underscore;
                w.underscoreBool = underscoreBool;
                return w.expr(src, where);
            }

            @Override
            public String walkerName(TypeDef t) {
                return FastCodecEmitter.this.walkerName(t);
            }

            @Override
            public String jsonWalker(TypeDef t) {
                return FastCodecEmitter.this.jsonWalker(t);
            }
        };
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
            if (f.process != null) {
                if (!RuntimeTypes.PROCESSORS.containsKey(f.processName)) throw new Unsupported(f.where, "process '" + f.processName + "'");
                if (f.type == null || t.resolve(f.type) == null || f.isRepeated() || (f.size == null && !f.sizeEos)) {
                    throw new Unsupported(f.where, "process other than on a sized field of a user type");
                }
            }
            if (RuntimeTypes.isPrimitive(f.type)) {
                if (f.typeArgs.size() != 1 || !(f.typeArgs.get(0).equals("_io") || f.typeArgs.get(0).equals("_parent._io"))) {
                    throw new Unsupported(f.where, "a primitive type takes one argument, _io or _parent._io");
                }
                if (f.size != null || f.sizeEos || f.terminator != null) throw new Unsupported(f.where, "a sized primitive type");
            }
            IntType it = f.intType();
            if (it != null && it.bitField() && (f.ifExpr != null || f.isRepeated())) {
                throw new Unsupported(f.where, "bit fields with if or repeat");
            }
            if (f.type != null && it == null && !f.type.equals("str") && !f.type.equals("strz") && t.resolve(f.type) == null
                    && !RuntimeTypes.isPrimitive(f.type)) {
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
            if (!f.typeArgs.isEmpty() && !RuntimeTypes.isPrimitive(f.type)) throw new Unsupported(f.where, "type arguments");
            if ("until".equals(f.repeat) && f.type != null && t.resolve(f.type) != null && false) {
                throw new Unsupported(f.where, "repeat-until over a user type whose condition names more than the element "
                        + "(_.x) and top-level fields");
            }
        }
        for (FieldDef f : t.instances.values()) {
            if (f.value == null) {
                if (f.pos == null) throw new Unsupported(f.where, "instances other than value and positional ones");
                boolean intRead = f.intType() != null && !f.intType().bitField();
                boolean bytesRead = f.type == null && f.size != null;
                if (!(intRead || bytesRead) || f.isRepeated() || f.json != null) {
                    throw new Unsupported(f.where, "positional instances other than an integer or sized bytes, not shown");
                }
            }
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

    /** Whether a field holds text or bytes (not a number, a user type or a list). */
    static boolean isText(TypeDef t, FieldDef f) {
        if (f.isRepeated() || f.intType() != null || f.switchOn != null || f.contents != null) return false;
        if (RuntimeTypes.isPrimitive(f.type)) return false;
        return f.type == null || f.type.equals("str") || f.type.equals("strz");
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
        /** {@code _} when it is a text (a -value on a str field). */
        JavaExpr.Text underscoreText;
        String index;
        /**
         * The element context of a repeat-until condition or a lookup, evaluated inside the
         * element's own walker: {@code _.x} is this type's x, bare names are the top level's.
         */
        boolean element;
        /** A walker over bytes a processor decoded: its fields have no frame offsets. */
        final boolean virt;
        /**
         * A JSON walker ({@link #jsonWalker}): the same reads, but numbers, flags, names, groups,
         * lists and items go straight to the {@code JsonLayerOut j}, at position {@code jq}.
         */
        final boolean json;

        W(TypeDef t) {
            this(t, false);
        }

        W(TypeDef t, boolean json) {
            this.t = t;
            this.top = t.isTop();
            this.virt = processed.contains(t);
            this.json = json;
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
            if (c.bool() || c.isText()) throw new io.pcapkit.generator.GeneratorException(where, "expected an integer expression: " + src);
            return c.java();
        }

        String boolExpr(String src, String where) {
            JavaExpr.Code c = expr(src, where);
            if (!c.bool()) throw new io.pcapkit.generator.GeneratorException(where, "expected a condition: " + src);
            return c.java();
        }
    }

    /**
     * Java reading a positional instance of type {@code t} (Kaitai's {@code pos}, relative to the
     * type's stream {@code [io0, end)} of buffer {@code buf}): an integer, 0 when it is absent or
     * outside the stream, or a region of length -1 when absent.
     */
    private JavaExpr.Code positional(FieldDef inst, JavaExpr.Resolver r, String buf, String io0, String end) {
        JavaExpr ex = new JavaExpr(r);
        JavaExpr.Code pos = ex.translate(inst.pos);
        if (pos.bool() || pos.isText()) throw new IllegalArgumentException("pos must be an integer");
        String guard = "";
        if (inst.ifExpr != null) {
            JavaExpr.Code c = ex.translate(inst.ifExpr);
            if (!c.bool()) throw new IllegalArgumentException("if must be a condition");
            guard = c.java() + " && ";
        }
        String at = "(" + pos.java() + ")";
        if (inst.intType() != null) {
            int n = inst.intType().bytes();
            String read = readIntAt(inst.intType(), g.endian, endianSwitch(), buf, "(" + io0 + " + (int) " + at + ")");
            return new JavaExpr.Code("(" + guard + at + " >= 0 && " + at + " + " + n + " <= " + end + " - " + io0 + " ? " + read + " : 0L)", false);
        }
        JavaExpr.Code size = ex.translate(inst.size);
        if (size.bool() || size.isText()) throw new IllegalArgumentException("size must be an integer");
        String z = "(" + size.java() + ")";
        String present = "(" + guard + at + " >= 0 && " + z + " >= 0 && " + at + " + " + z + " <= " + end + " - " + io0 + ")";
        return JavaExpr.Code.of(JavaExpr.Text.region(buf, "(" + io0 + " + (int) " + at + ")", "(" + present + " ? (int) " + z + " : -1)"));
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
                if (w.underscoreText != null) return JavaExpr.Code.of(w.underscoreText);
                if (w.underscore == null) throw new IllegalArgumentException("'_' outside valid, -value or repeat-until");
                return new JavaExpr.Code(w.underscore, w.underscoreBool);
            }
            if (n.equals("_index")) {
                if (w.index == null) throw new IllegalArgumentException("_index outside a repeat");
                return new JavaExpr.Code(w.index, false);
            }
            // _rest: "the payload runs to the parent's bound"; valid only as a whole branch of payload-length
            if (n.equals("_rest")) return new JavaExpr.Code("Long.MIN_VALUE", false);
            // _answers_note: the message answers a request whose exchange note held (a response to HEAD)
            if (n.equals("_answers_note")) return new JavaExpr.Code("c.answersNote", true);
            // _ip_version: the version of the innermost IP layer before this one (0 when none)
            if (n.equals("_ip_version")) return new JavaExpr.Code("c.ipVersion", false);
            // _reported_size: the bytes from this layer's start by the lengths announced before it
            // (the frame's original length, the enclosing length fields), past a cut
            if (n.equals("_reported_size")) return new JavaExpr.Code("c.reportedSize", false);
            // an element context names the element as _ and everything else at the top level
            if (w.element) {
                if (w.top) throw new IllegalArgumentException("an element context at the top level");
                return new ParentResolver(g.top, inlining).name(n);
            }
            return resolveIn(w.t, n, w.top ? "c.s_" : "v_", w);
        }

        private JavaExpr.Code resolveIn(TypeDef t, String n, String prefix, W ctx) {
            FieldDef f = t.field(n);
            if (f != null) {
                if (isText(t, f)) {
                    String len = w.len(f);
                    if (w.top && f.ifExpr != null) len = "(c.p_" + f.id + " ? " + len + " : -1)";
                    return JavaExpr.Code.of(JavaExpr.Text.region("b", w.off(f), len));
                }
                if (f.isRepeated() || f.intType() == null) throw new IllegalArgumentException("'" + n + "' is not an integer or text field");
                return new JavaExpr.Code(prefix + n, isBoolField(f));
            }
            FieldDef inst = t.instances.get(n);
            if (inst != null) {
                if (!inlining.add(t.name + "." + n)) throw new IllegalArgumentException("instance '" + n + "' refers to itself");
                JavaExpr.Resolver r = t == w.t ? this : new ParentResolver(t, inlining);
                JavaExpr.Code c = inst.value == null ? positional(inst, r, "b", "io0", "end") : new JavaExpr(r).translate(inst.value);
                inlining.remove(t.name + "." + n);
                return c.isText() ? c : new JavaExpr.Code("(" + c.java() + ")", c.bool());
            }
            ParamDef p = t.param(n);
            if (p != null && t.isTop()) return new JavaExpr.Code("c.s_" + n, p.isBool());
            if (t.isTop() && g.layer.lookups.containsKey(n)) return lookupSlot(n);
            throw new IllegalArgumentException("unknown name '" + n + "'");
        }

        @Override
        public JavaExpr.Code attr(String target, String a) {
            if (target.equals("_") && w.element) {
                boolean saved = w.element;
                w.element = false;
                try {
                    return resolveIn(w.t, a, w.top ? "c.s_" : "v_", w);
                } finally {
                    w.element = saved;
                }
            }
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
            // the layer's own stream, from any type: its bytes run from the codec's start to its limit
            if (target.equals("_root._io") && a.equals("size")) return new JavaExpr.Code("((long) (c.limit - c.start))", false);
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

    private JavaExpr.Code lookupSlot(String n) {
        return new JavaExpr.Code("c.l_" + n, lookupIsBool(g.layer.lookups.get(n)));
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
                if (isText(t, f)) {
                    String len = f.ifExpr != null ? "(c.p_" + f.id + " ? c.n_" + f.id + " : -1)" : "c.n_" + f.id;
                    return JavaExpr.Code.of(JavaExpr.Text.region("c.buf", "c.o_" + f.id, len));
                }
                if (f.isRepeated() || f.intType() == null) throw new IllegalArgumentException("'" + n + "' is not an integer or text field");
                return new JavaExpr.Code("c.s_" + n, isBoolField(f));
            }
            FieldDef inst = t.instances.get(n);
            if (inst != null) {
                if (!inlining.add(t.name + "." + n)) throw new IllegalArgumentException("instance '" + n + "' refers to itself");
                JavaExpr.Code c = inst.value == null ? positional(inst, this, "c.buf", "c.start", "c.limit")
                        : new JavaExpr(this).translate(inst.value);
                inlining.remove(t.name + "." + n);
                return c.isText() ? c : new JavaExpr.Code("(" + c.java() + ")", c.bool());
            }
            ParamDef p = t.param(n);
            if (p != null) return new JavaExpr.Code("c.s_" + n, p.isBool());
            if (g.layer.lookups.containsKey(n)) return lookupSlot(n);
            throw new IllegalArgumentException("unknown name '" + n + "' in the top-level type");
        }

        @Override
        public JavaExpr.Code attr(String target, String a) {
            if (target.equals("_io") && a.equals("size")) return new JavaExpr.Code("((long) (c.limit - c.start))", false);
            return null;
        }
    }

    /** Whether a lookup's value is a condition (its slot a boolean) rather than an integer. */
    private boolean lookupIsBool(io.pcapkit.generator.model.LayerMeta.Lookup l) {
        FieldDef list = g.top.field(l.in());
        TypeDef et = list == null || list.type == null ? null : g.top.resolve(list.type);
        if (et == null) return false;
        return OutputPlan.isBoolExpr(et, l.value());
    }

    /** Fields (anywhere in the grammar) repeated until a condition, over elements of type {@code t}. */
    private List<FieldDef> untilFieldsOver(TypeDef t) {
        List<FieldDef> out = new ArrayList<>();
        List<TypeDef> all = new ArrayList<>(List.of(g.top));
        all.addAll(allNested(g.top));
        for (TypeDef p : all) {
            for (FieldDef f : p.seq) {
                if ("until".equals(f.repeat) && f.type != null && p.resolve(f.type) == t) out.add(f);
            }
        }
        return out;
    }

    /** Index of a repeat-until field over a user type: its flag is {@code c.u_<index>}. */
    private int untilIndex(FieldDef f) {
        int i = untilFields.indexOf(f);
        if (i < 0) {
            untilFields.add(f);
            i = untilFields.size() - 1;
        }
        return i;
    }

    private final List<FieldDef> untilFields = new ArrayList<>();

    /** Types walked over processor output (and the types inside them). */
    private final Set<TypeDef> processed = new HashSet<>();

    private void findProcessed(TypeDef t) {
        for (FieldDef f : t.seq) {
            if (f.process != null && f.type != null && t.resolve(f.type) != null) markProcessed(t.resolve(f.type));
        }
        for (TypeDef n : t.types.values()) findProcessed(n);
    }

    private void markProcessed(TypeDef t) {
        if (!processed.add(t)) return;
        for (FieldDef f : t.seq) {
            if (f.type != null && t.resolve(f.type) != null) markProcessed(t.resolve(f.type));
            if (f.switchCases != null) for (String c : f.switchCases.values()) if (t.resolve(c) != null) markProcessed(t.resolve(c));
        }
    }

    private MethodSpec walker(TypeDef t) {
        return walker(t, false);
    }

    private MethodSpec walker(TypeDef t, boolean json) {
        W w = new W(t, json);
        MethodSpec.Builder m;
        ClassName self = ClassName.get(pkg, codecName);
        if (w.top) {
            m = MethodSpec.methodBuilder("walkTop").addAnnotation(Override.class).addModifiers(Modifier.PROTECTED);
        } else {
            m = MethodSpec.methodBuilder(json ? jsonWalkerName(t) : walkerName(t)).addModifiers(Modifier.PRIVATE, Modifier.STATIC);
        }
        m.returns(TypeName.INT)
                .addParameter(ByteBuffer.class, "b")
                .addParameter(TypeName.INT, "start")
                .addParameter(TypeName.INT, "end")
                .addParameter(FIELD_SINK, "sink");
        if (!w.top) {
            // pio0/pend: the stream of the type that read this one (Kaitai's _parent._io)
            m.addParameter(TypeName.INT, "io0").addParameter(TypeName.INT, "pio0").addParameter(TypeName.INT, "pend")
                    .addParameter(self, "c").addParameter(TypeName.INT, "depth");
            if (json) m.addParameter(JsonKeys.JSON_OUT, "j");
        }
        Body o = w.out;
        if (w.top) o.line("final " + codecName + " c = this");
        if (w.top) o.line("final int io0 = start");
        if (w.top && usesProcessors) o.line("c.context().beginLayer(start)");
        o.line("int p = start");
        if (json) o.line("int jq = j.position()").line("boolean jc = j.comma()");
        java.util.Set<String> lazy = new java.util.LinkedHashSet<>();
        for (FieldDef f : OutputPlan.outputs(t)) {
            String[] parts = f.outputPath().split("\\.");
            for (int k = 1; k < parts.length; k++) {
                String gp = String.join(".", java.util.Arrays.copyOf(parts, k));
                if (OutputPlan.conditionalGroup(t, gp) != null) lazy.add(gp);
            }
        }
        for (String gp : lazy) o.line("boolean " + groupVar(w, gp) + " = false");
        if (!w.top) {
            FieldDef first = t.seq.isEmpty() ? null : t.seq.get(0);
            String fc = first == null ? fieldsName + "." + plan.pseudo("HEADER__LENGTH").constant() : fieldConst(first);
            o.open("if (depth > io.pcapkit.dissect.Limits.MAX_TYPE_DEPTH)")
                    .line("return c.limitExceeded(" + fc + ", p, io.pcapkit.dissect.Limits.MAX_TYPE_DEPTH, \"nesting of types\")")
                    .close();
            for (FieldDef f : t.seq) {
                if (f.isRepeated()) continue;
                if (isScalar(t, f)) o.line((isBoolField(f) ? "boolean v_" + f.id + " = false" : "long v_" + f.id + " = 0L"));
                else o.line("int o_" + f.id + " = 0, n_" + f.id + " = " + (f.ifExpr != null ? "-1" : "0"));
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
            for (io.pcapkit.generator.model.LayerMeta.Lookup l : g.layer.lookups.values()) {
                o.line("c.lf_" + l.name() + " = false");
                JavaExpr.Code d = new JavaExpr(new ParentResolver(g.top, new HashSet<>())).translate(l.dflt());
                o.line("c.l_" + l.name() + " = " + d.java());
            }
            if (!g.layer.lookups.isEmpty()) o.line("c.lk = -1");
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
            elementEpilogue(w);
            if (json) o.line("j.at(jq, jc)");
            o.line("return p");
        }
        m.addCode(o.build());
        return m.build();
    }

    /**
     * At the end of an element type's walker: the flags of repeat-until conditions over it, and
     * the lookups over top-level lists of it (both evaluated where the element's fields are known).
     */
    private void elementEpilogue(W w) {
        Body o = w.out;
        for (FieldDef uf : untilFieldsOver(w.t)) {
            w.element = true;
            String cond = w.boolExpr(uf.repeatUntil, uf.where);
            w.element = false;
            o.line("c.u_" + untilIndex(uf) + " = " + cond);
        }
        int k = 0;
        for (io.pcapkit.generator.model.LayerMeta.Lookup l : g.layer.lookups.values()) {
            FieldDef list = g.top.field(l.in());
            if (list != null && list.type != null && g.top.resolve(list.type) == w.t) {
                w.element = true;
                String cond = l.condition() == null ? "true" : w.boolExpr(l.condition(), l.where());
                JavaExpr.Code v = w.expr(l.value(), l.where());
                w.element = false;
                if (v.isText()) throw new io.pcapkit.generator.GeneratorException(l.where(), "a lookup's value is a number or a condition");
                o.open("if (c.lk == " + g.top.seq.indexOf(list) + " && depth == 1 && !c.lf_" + l.name() + " && " + cond + ")")
                        .line("c.lf_" + l.name() + " = true").line("c.l_" + l.name() + " = " + v.java()).close();
            }
            k++;
        }
    }

    private void groupSteps(W w, FieldDef f) {
        if (f.hide) return;
        Groups.Step step = w.groups.before(f.outputPath());
        for (String gp : step.close()) endGroup(w, gp);
        for (String gp : step.open()) {
            String gc = fieldsName + "." + plan.group(w.t, gp).constant();
            List<FieldDef> members = OutputPlan.conditionalGroup(w.t, gp);
            if (members == null && w.json) {
                String name = plan.group(w.t, gp).name();
                directOpen(w, "sink != null", name, ":{");
            } else if (members == null) {
                w.out.line("if (sink != null) sink.beginGroup(" + gc + ")");
            } else {
                // every field of the group is conditional: show it only when one is there
                List<String> any = new ArrayList<>();
                for (FieldDef m : members) any.add(w.boolExpr(m.ifExpr, m.where));
                w.out.line(groupVar(w, gp) + " = " + String.join(" || ", new java.util.LinkedHashSet<>(any)));
                w.out.line("if (" + groupVar(w, gp) + " && sink != null) sink.beginGroup(" + gc + ")");
            }
        }
    }

    private void endGroup(W w, String gp) {
        String gc = fieldsName + "." + plan.group(w.t, gp).constant();
        if (OutputPlan.conditionalGroup(w.t, gp) == null && w.json) directClose(w, "sink != null", "closeGroup");
        else if (OutputPlan.conditionalGroup(w.t, gp) == null) w.out.line("if (sink != null) sink.endGroup(" + gc + ")");
        else w.out.line("if (" + groupVar(w, gp) + " && sink != null) sink.endGroup(" + gc + ")");
    }

    private String groupVar(W w, String gp) {
        return "gv_" + plan.group(w.t, gp).constant();
    }

    private void closeGroups(W w) {
        for (String gp : w.groups.closeAll()) endGroup(w, gp);
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
        if (w.json) {
            if (f.namesEnum != null && vb) throw new io.pcapkit.generator.GeneratorException(f.where, "-enum on a boolean");
            directScalar(w, f, v, vb);
            return;
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

    // ---- JSON walkers ----

    private final Map<TypeDef, MethodSpec> jsonWalkers = new java.util.LinkedHashMap<>();
    /** The key constants of this codec's JSON writers. */
    final JsonKeys jsonKeys = new JsonKeys();

    private String jsonWalkerName(TypeDef t) {
        return "j" + walkerName(t);
    }

    /**
     * The JSON walker of nested type {@code t} (and of the types it reaches), made on first use; null
     * when some field of them has no direct form (a list of numbers or bytes, a processed field, a
     * conditional group): the writer then walks that type through the sink.
     */
    String jsonWalker(TypeDef t) {
        if (!jsonable(t, new HashSet<>())) return null;
        makeJsonWalkers(t);
        return jsonWalkerName(t);
    }

    private void makeJsonWalkers(TypeDef t) {
        if (jsonWalkers.containsKey(t)) return;
        jsonWalkers.put(t, null);
        jsonWalkers.put(t, walker(t, true));
        for (TypeDef n : reached(t)) makeJsonWalkers(n);
    }

    List<MethodSpec> jsonWalkers() {
        return new ArrayList<>(jsonWalkers.values());
    }

    private boolean jsonable(TypeDef t, Set<TypeDef> seen) {
        if (!seen.add(t)) return true;
        if (t.isTop() || processed.contains(t)) return false;
        for (FieldDef f : OutputPlan.outputs(t)) {
            String[] parts = f.outputPath().split("\\.");
            for (int k = 1; k < parts.length; k++) {
                if (OutputPlan.conditionalGroup(t, String.join(".", java.util.Arrays.copyOf(parts, k))) != null) return false;
            }
        }
        for (FieldDef f : t.seq) {
            if (f.process != null) return false;
            boolean userElements = f.type != null && t.resolve(f.type) != null && f.switchOn == null;
            if (f.isRepeated() && !userElements) return false;
        }
        for (TypeDef n : reached(t)) if (!jsonable(n, seen)) return false;
        return true;
    }

    /** The user types {@code t}'s fields read. */
    private List<TypeDef> reached(TypeDef t) {
        List<TypeDef> out = new ArrayList<>();
        for (FieldDef f : t.seq) {
            if (f.type != null && t.resolve(f.type) != null) out.add(t.resolve(f.type));
            if (f.switchCases != null) for (String c : f.switchCases.values()) if (t.resolve(c) != null) out.add(t.resolve(c));
        }
        return out;
    }

    /** An opening bracket with its key: {@code ,"name":{} or {@code ,"name":[}. */
    private void directOpen(W w, String cond, String name, String tail) {
        JsonKeys.Key key = jsonKeys.of(name, tail);
        String k = key.constant();
        int n = key.length();
        w.out.open("if (" + cond + ")").line("jq = j.key(j.room(jq, " + n + "), " + k + ", " + n + ", jc)").line("jc = false").close();
    }

    private void directClose(W w, String cond, String how) {
        w.out.open("if (" + cond + ")").line("jq = j." + how + "(j.room(jq, 1))").line("jc = true").close();
    }

    /** A number, flag or name with its key, straight to the writer (the NDJSON dumper's form of it). */
    private void directScalar(W w, FieldDef f, String v, boolean vb) {
        String name = plan.desc(f).name();
        JsonKeys.Key key = jsonKeys.of(name, ":");
        String k = key.constant();
        int n = key.length();
        Body o = w.out;
        o.open("if (s != null)");
        if (f.namesEnum != null) {
            String t = "t" + (tmp++);
            o.line("long " + t + " = " + v);
            o.line("jq = j.enumerated(jq, " + k + ", " + n + ", jc, " + fieldConst(f) + ", " + t + ", " + plan.namesCall(f, t) + ")");
        } else {
            String format = plan.desc(f).format();
            o.line("jq = j.key(j.room(jq, " + (n + JsonWriterEmitter.valueRoom(vb, format)) + "), " + k + ", " + n + ", jc)");
            o.line("jq = " + JsonWriterEmitter.valueWrite(vb, format, v));
        }
        o.line("jc = true");
        o.close();
    }

    /** A sink call; in a JSON walker with the position handed to the writer and taken back around it. */
    private void sinkLine(W w, String cond, String call) {
        if (!w.json) {
            w.out.line("if (" + cond + ") " + call);
            return;
        }
        w.out.open("if (" + cond + ")").line("j.at(jq, jc)").line(call).line("jq = j.position()").line("jc = j.comma()").close();
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void bitRun(W w, List<FieldDef> run, int bits) {
        int nb = (bits + 7) / 8;
        Body o = w.out;
        o.open("").line("final FieldSink s = sink");
        String word = "w" + (tmp++);
        o.open("if (end - p < " + nb + ")");
        // the run is cut: its fields in the bytes present are shown (and checked), as Kaitai reads a
        // bit field from the bytes it needs and Wireshark shows what a cut header holds (an IPv4
        // header cut after its first byte shows its version and header length); the cut is
        // reported at the first field that does not fit
        List<String> groupsBefore = w.groups.save();
        String part = "w" + (tmp++);
        o.line("long " + part + " = readBitsWordPartial(b, p, " + nb + ", end - p)");
        int off = 0;
        for (FieldDef f : run) {
            int n = f.intType().bits();
            int byteOff = off / 8;
            int byteEnd = (off + n + 7) / 8;
            o.open("if (end - p < " + byteEnd + ")")
                    .line("return c.truncated(" + fieldConst(f) + ", p + " + byteOff + ", " + (byteEnd - byteOff) + ", end - p - " + byteOff + ")").close();
            runField(w, f, part, nb, off);
            off += n;
        }
        w.groups.restore(groupsBefore);
        o.line("return c.truncated(" + fieldConst(run.get(run.size() - 1)) + ", p, " + nb + ", end - p)").close();
        o.line("long " + word + " = readBitsWord(b, p, " + nb + ")");
        int bitOff = 0;
        for (FieldDef f : run) {
            runField(w, f, word, nb, bitOff);
            bitOff += f.intType().bits();
        }
        o.line("p += " + nb);
        o.close();
    }

    /** Field {@code f} of a bit run, at bit {@code off} of the {@code nb}-byte {@code word}: taken out, shown, checked. */
    private void runField(W w, FieldDef f, String word, int nb, int off) {
        int n = f.intType().bits();
        int shift = nb * 8 - off - n;
        String mask = n == 64 ? "-1L" : "0x" + Long.toHexString((1L << n) - 1) + "L";
        boolean isBool = n == 1;
        String expr = isBool ? "((" + word + " >>> " + shift + ") & 1L) != 0" : "((" + word + " >>> " + shift + ") & " + mask + ")";
        w.out.line(w.val(f) + " = " + expr);
        int byteOff = off / 8;
        int byteLen = (off + n + 7) / 8 - byteOff;
        groupSteps(w, f);
        // shown before it is checked: a layer that fails here still shows the bad value (as Wireshark does)
        emitScalar(w, f, w.val(f), isBool, "p + " + byteOff, String.valueOf(byteLen));
        validate(w, f, w.val(f), isBool, "p + " + byteOff);
    }

    private static String readInt(IntType it, String defaultEndian, String endianSwitch) {
        return readIntAt(it, defaultEndian, endianSwitch, "b", "p");
    }

    /** Java reading integer type {@code it} at offset {@code at} of buffer {@code buf}. */
    private static String readIntAt(IntType it, String defaultEndian, String endianSwitch, String buf, String at) {
        int n = it.bytes();
        String e = it.endian() != null ? it.endian() : defaultEndian;
        if (n == 1) return it.signed() ? "((long) " + buf + ".get(" + at + "))" : "(" + buf + ".get(" + at + ") & 0xFFL)";
        String be;
        String le;
        String g = buf + ".get";
        switch (n) {
            case 2 -> {
                be = it.signed() ? "((long) " + g + "Short(" + at + "))" : "(" + g + "Short(" + at + ") & 0xFFFFL)";
                le = it.signed() ? "((long) Short.reverseBytes(" + g + "Short(" + at + ")))" : "(Short.reverseBytes(" + g + "Short(" + at + ")) & 0xFFFFL)";
            }
            case 4 -> {
                be = it.signed() ? "((long) " + g + "Int(" + at + "))" : "(" + g + "Int(" + at + ") & 0xFFFFFFFFL)";
                le = it.signed() ? "((long) Integer.reverseBytes(" + g + "Int(" + at + ")))"
                        : "(Integer.reverseBytes(" + g + "Int(" + at + ")) & 0xFFFFFFFFL)";
            }
            default -> {
                be = g + "Long(" + at + ")";
                le = "Long.reverseBytes(" + g + "Long(" + at + "))";
            }
        }
        if (e == null) {
            if (endianSwitch == null) throw new Unsupported("", "integer without endianness");
            return "(" + endianSwitch + " ? " + le + " : " + be + ")";
        }
        return e.equals("le") ? le : be;
    }

    private String endianSwitch(W w) {
        return endianSwitch();
    }

    private String endianSwitch() {
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
            boolean lookedUp = false;
            if (w.top) {
                for (io.pcapkit.generator.model.LayerMeta.Lookup l : g.layer.lookups.values()) lookedUp |= l.in().equals(f.id);
            }
            if (lookedUp) o.line("c.lk = " + g.top.seq.indexOf(f));
            if (visible && w.json) directOpen(w, "s != null", plan.desc(f).name(), ":[");
            else if (visible) o.line("if (s != null) s.beginList(" + fc + ")");
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
                default -> { // until
                    o.line("int " + cnt + " = 0");
                    o.open("while (true)");
                    o.open("if (++" + cnt + " > io.pcapkit.dissect.Limits.MAX_LIST_ITEMS)")
                            .line("return c.limitExceeded(" + fc + ", p, io.pcapkit.dissect.Limits.MAX_LIST_ITEMS, \"items in a list\")")
                            .close();
                    w.index = "((long) " + cnt + " - 1)";
                    String p0 = "q" + (tmp++);
                    o.line("int " + p0 + " = p");
                    String last = element(w, f, visible);
                    TypeDef ut = f.type == null ? null : w.t.resolve(f.type);
                    if (ut != null) {
                        // the element's walker evaluated the condition where its fields are known
                        o.open("if (c.u_" + untilIndex(f) + ")").line("break").close();
                        o.open("if (p == " + p0 + ")")
                                .line("return c.invalid(" + fc + ", p, 0L, \"an item of a list must consume bytes\")")
                                .close();
                    } else {
                        if (last == null) throw new Unsupported(f.where, "repeat-until over bytes or text");
                        String saved = w.underscore;
                        boolean savedB = w.underscoreBool;
                        w.underscore = last;
                        w.underscoreBool = isBoolField(f);
                        o.open("if (" + w.boolExpr(f.repeatUntil, f.where) + ")").line("break").close();
                        w.underscore = saved;
                        w.underscoreBool = savedB;
                    }
                    o.close();
                }
            }
            w.index = savedIndex;
            if (visible && w.json) directClose(w, "s != null", "closeArray");
            else if (visible) o.line("if (s != null) s.endList(" + fc + ")");
            if (lookedUp) o.line("c.lk = -1");
        } else {
            single(w, f, visible);
        }
        if (structured) sinkLine(w, "sink != null && s == null", "sink.bytes(" + fcs + ", b, q0, p - q0)");
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
            if (visible) o.line("if (s != null) s.number(" + fc + ", " + e + ", " + (w.virt ? "-1" : "p") + ", " + (w.virt ? 0 : n) + ")");
            o.line("p += " + n);
            return e;
        }
        if (RuntimeTypes.isPrimitive(f.type)) {
            primitive(w, f, visible);
            return null;
        }
        TypeDef ut = f.type == null ? null : w.t.resolve(f.type);
        if (ut != null) {
            String[] reg = region(w, f);
            String sink = visible ? "s" : "null";
            if (visible && w.json) {
                o.open("if (s != null)").line("jq = j.openItem(j.room(jq, 2), jc)").line("jc = false").close();
            } else if (visible) {
                o.line("if (s != null) s.beginItem(" + fc + ")");
            }
            String r = "r" + (tmp++);
            String args = "(b, p, " + (reg == null ? "end" : reg[0]) + ", " + sink + ", " + (reg == null ? "io0" : "p") + ", io0, end, c, "
                    + (w.top ? "1" : "depth + 1");
            if (visible && w.json) {
                o.line("int " + r);
                o.open("if (s != null)").line("j.at(jq, jc)").line(r + " = " + jsonWalkerName(ut) + args + ", j)")
                        .line("jq = j.position()").line("jc = j.comma()");
                o.next("else").line(r + " = " + walkerName(ut) + args + ")").close();
            } else {
                o.line("int " + r + " = " + walkerName(ut) + args + ")");
            }
            o.line("if (" + r + " < 0) return ERROR");
            if (visible && w.json) directClose(w, "s != null", "closeGroup");
            else if (visible) o.line("if (s != null) s.endItem(" + fc + ")");
            o.line("p = " + (reg == null ? r : reg[1]));
            return null;
        }
        // bytes or text per element
        String[] reg = region(w, f);
        if (reg == null) throw new Unsupported(f.where, "repeated bytes without a size");
        if (visible) o.line("if (s != null) s.bytes(" + fc + ", b, p, " + reg[0] + " - p)");
        o.line("p = " + reg[1]);
        return null;
    }

    /**
     * For a field with {@code size}, {@code size-eos} or (a user type with) a {@code terminator},
     * checks the bounds and declares the absolute end of its region and where reading goes on.
     * @return {region end, next position}, or null when the field is unsized
     */
    private String[] region(W w, FieldDef f) {
        Body o = w.out;
        String fc = fieldConst(f);
        if (f.sizeEos) {
            // a stream of its own (from here to the parent's end), like any sized field
            String e = "x" + (tmp++);
            o.line("int " + e + " = end");
            return new String[] {e, e};
        }
        if (f.size != null) {
            String z = "z" + (tmp++);
            String e = "x" + (tmp++);
            o.line("long " + z + " = " + w.intExpr(f.size, f.where));
            o.open("if (" + z + " < 0)").line("return c.invalid(" + fc + ", p, " + z + ", \"a size must not be negative\")").close();
            o.open("if (" + z + " > end - p)").line("return c.truncated(" + fc + ", p, " + z + ", end - p)").close();
            o.line("int " + e + " = p + (int) " + z);
            if (endsMessage(w, f)) o.line("c.sizedEnd = " + e);
            return new String[] {e, e};
        }
        TypeDef ut = f.type == null ? null : w.t.resolve(f.type);
        if (f.terminator != null && ut != null) {
            // Kaitai's terminator on a user type: the bytes up to the terminator are its stream
            String q = "t" + (tmp++);
            String e = "x" + (tmp++);
            String nx = "y" + (tmp++);
            o.line("int " + q + " = p");
            o.line("while (" + q + " < end && (b.get(" + q + ") & 0xFF) != " + f.terminator + ") " + q + "++");
            o.line("int " + e + ", " + nx);
            o.open("if (" + q + " >= end)");
            if (f.eosError) o.line(noTerminator(fc, f.terminator));
            else o.line(e + " = end").line(nx + " = end");
            o.next("else");
            o.line(e + " = " + q + (f.include ? " + 1" : ""));
            o.line(nx + " = " + q + (f.consume ? " + 1" : ""));
            o.close();
            return new String[] {e, nx};
        }
        return null;
    }

    /**
     * Whether sized field {@code f} is where the layer's message ends: the last field of the top
     * level of a layer that is all its message (no payload length), as a DNS message after its
     * length over TCP. Its end is then known before its content decodes, so a stream can go on
     * after a malformed message ({@code LayerCodec.sizedEnd}).
     */
    private boolean endsMessage(W w, FieldDef f) {
        return w.top && !w.t.seq.isEmpty() && w.t.seq.get(w.t.seq.size() - 1) == f && g.layer.payloadLength == null;
    }

    /**
     * No terminator before the end of the stream: the layer is truncated when that end is the end
     * of the layer's bytes (more may come), invalid when it is a bounded stream of its own (a line
     * that lacks its separator will not grow one).
     */
    private static String noTerminator(String fc, int term) {
        return "return end >= c.limit ? c.truncated(" + fc + ", p, (long) (end - p) + 1, end - p) : c.invalid(" + fc
                + ", end, " + term + "L, \"a terminator (" + String.format("0x%02x", term) + ") before the end of its stream\")";
    }

    /** @deprecated kept for the bytes path: the region's end only */
    private String sizedEnd(W w, FieldDef f) {
        if (f.terminator != null && (f.type == null || w.t.resolve(f.type) == null) && !f.sizeEos && f.size == null) return null;
        String[] r = region(w, f);
        return r == null ? null : r[0];
    }

    /** A runtime primitive type ({@code dns_name(_io)}): scanned in place, rendered by the sink. */
    private void primitive(W w, FieldDef f, boolean visible) {
        Body o = w.out;
        RuntimeTypes.Primitive prim = RuntimeTypes.PRIMITIVES.get(f.type);
        String fc = fieldConst(f);
        String arg = f.typeArgs.get(0);
        String base = arg.equals("_io") ? "io0" : "pio0";
        String bend = arg.equals("_io") ? "end" : "pend";
        if (w.top && !arg.equals("_io")) throw new Unsupported(f.where, "_parent._io at the top level");
        String r = "r" + (tmp++);
        o.line("int " + r + " = " + prim.helper() + ".scan(b, " + base + ", " + bend + ", p, end)");
        o.open("if (" + r + " < 0)").line("return c.primitiveFailed(" + fc + ", p, " + r + ", " + prim.helper() + ".reason(" + r + "), end)").close();
        if (!f.isRepeated()) {
            o.line(w.off(f) + " = p");
            o.line(w.len(f) + " = " + r + " - p");
        }
        if (visible) {
            sinkLine(w, "s != null", "s.rendered(" + fc + ", " + prim.helper() + ".RENDERER, b, " + base + ", " + bend + ", p, " + r + " - p)");
        }
        o.line("p = " + r);
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
            emitScalar(w, f, w.val(f), false, w.virt ? "-1" : "p", w.virt ? "0" : String.valueOf(n));
            o.line("p += " + n);
            // checked after the read, as Kaitai does: _io.pos in the check is past the field
            validate(w, f, w.val(f), false, "p - " + n);
            return;
        }
        if (RuntimeTypes.isPrimitive(f.type)) {
            primitive(w, f, visible);
            return;
        }
        if (f.contents != null) {
            int n = f.contents.size();
            o.open("if (end - p < " + n + ")").line("return c.truncated(" + fc + ", p, " + n + ", end - p)").close();
            for (int k = 0; k < n; k++) {
                o.open("if ((b.get(p + " + k + ") & 0xFF) != " + f.contents.get(k) + ")")
                        .line("return c.invalid(" + fc + ", p + " + k + ", b.get(p + " + k + ") & 0xFFL, \"expected contents "
                                + contentsHex(f.contents) + "\")")
                        .close();
            }
            o.line(w.off(f) + " = p");
            o.line(w.len(f) + " = " + n);
            if (visible) sinkLine(w, "s != null", "s.bytes(" + fc + ", b, p, " + n + ")");
            o.line("p += " + n);
            return;
        }
        TypeDef ut = f.type == null ? null : w.t.resolve(f.type);
        if (f.process != null) {
            processed(w, f, ut, visible);
            return;
        }
        if (ut != null || f.switchOn != null) {
            String[] reg = region(w, f);
            String region = reg == null ? "end" : reg[0];
            String sink = visible ? "s" : "null";
            String r = "r" + (tmp++);
            String depth = w.top ? "1" : "depth + 1";
            o.line(w.off(f) + " = p");
            if (f.switchOn != null) {
                JavaExpr.Code key = w.expr(f.switchOn, f.where);
                if (key.isText()) throw new Unsupported(f.where, "switch-on text");
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
                } else if (reg != null) {
                    if (visible) sinkLine(w, "s != null", "s.bytes(" + fc + ", b, p, " + reg[0] + " - p)");
                    o.line(r + " = " + reg[0]);
                } else {
                    o.line(r + " = p");
                }
                if (!first) o.close();
            } else {
                o.line("int " + r);
                callNested(w, f, ut, region, sink, r, depth, visible);
            }
            o.line("if (" + r + " < 0) return ERROR");
            o.line("p = " + (reg == null ? r : reg[1]));
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
                o.line(noTerminator(fc, term));
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
        if (visible) {
            if (f.valueExpr != null) {
                // -value on text: a number made from it (e.g. _.to_i)
                w.underscoreText = JavaExpr.Text.region("b", "p", vlen);
                JavaExpr.Code c = w.expr(f.valueExpr, f.where);
                w.underscoreText = null;
                if (c.bool() || c.isText()) throw new io.pcapkit.generator.GeneratorException(f.where, "-value on text must give an integer");
                if (f.namesEnum != null) {
                    String tv = "v" + (tmp++);
                    o.line("long " + tv + " = " + c.java());
                    sinkLine(w, "s != null", "s.enumerated(" + fc + ", " + tv + ", " + plan.namesCall(f, tv) + ", p, " + vlen + ")");
                } else {
                    sinkLine(w, "s != null", "s.number(" + fc + ", " + c.java() + ", " + (w.virt ? "-1" : "p") + ", " + vlen + ")");
                }
            } else {
                sinkLine(w, "s != null", "s.bytes(" + fc + ", b, p, " + vlen + ")");
            }
        }
        o.line("p = " + next);
        if (text && f.encoding == null && !f.type.equals("strz")) {
            throw new io.pcapkit.generator.GeneratorException(f.where, "str needs an encoding");
        }
        // the fast codec hands text on as bytes, which the dumpers decode as UTF-8: another
        // encoding would show differently from the Kaitai-backed codec
        if (text && f.encoding != null && !f.encoding.equalsIgnoreCase("UTF-8")) {
            throw new io.pcapkit.generator.GeneratorException(f.where, "encoding: only UTF-8 is supported (found '" + f.encoding + "')");
        }
    }

    /**
     * A sized field with {@code process:}: the runtime processor decodes it (once per frame, see
     * DissectContext), then its type is walked over the decoded bytes; a failure inside them is
     * reported at this field.
     */
    private void processed(W w, FieldDef f, TypeDef ut, boolean visible) {
        Body o = w.out;
        String fc = fieldConst(f);
        RuntimeTypes.Processor proc = RuntimeTypes.PROCESSORS.get(f.processName);
        String[] reg = region(w, f);
        String arg = f.processArg == null ? "0L" : argOf(w, f);
        String n = "pn" + (tmp++);
        String r = "r" + (tmp++);
        String pb = "pb" + (tmp++);
        String ps = "ps" + (tmp++);
        o.line(w.off(f) + " = p");
        o.line("int " + n + " = c.context().process(" + proc.impl() + ", b, p, " + reg[0] + " - p, " + arg + ")");
        o.open("if (" + n + " < 0)").line("return c.processFailed(" + fc + ", p, " + n + ", " + reg[0] + ")").close();
        o.line("java.nio.ByteBuffer " + pb + " = c.context().resultBuffer()");
        o.line("int " + ps + " = c.context().resultOffset()");
        boolean group = visible && !f.flatten;
        String sink = visible ? "s" : "null";
        if (group) o.line("if (s != null) s.beginGroup(" + fc + ")");
        o.line("int " + r + " = " + walkerName(ut) + "(" + pb + ", " + ps + ", " + ps + " + " + n + ", " + sink + ", " + ps + ", -1, -1, c, "
                + (w.top ? "1" : "depth + 1") + ")");
        o.open("if (" + r + " < 0)").line("c.relocateError(p)").line("return ERROR").close();
        if (group) o.line("if (s != null) s.endGroup(" + fc + ")");
        o.line("p = " + reg[1]);
        o.line(w.len(f) + " = p - " + w.off(f));
    }

    private String argOf(W w, FieldDef f) {
        JavaExpr.Code c = w.expr(f.processArg, f.where);
        if (c.isText()) throw new Unsupported(f.where, "a text argument to process");
        return c.bool() ? "(" + c.java() + " ? 1L : 0L)" : c.java();
    }

    private void callNested(W w, FieldDef f, TypeDef ut, String region, String sink, String r, String depth, boolean visible) {
        Body o = w.out;
        String fc = fieldConst(f);
        boolean group = visible && !f.flatten;
        String args = "(b, p, " + region + ", " + sink + ", " + (region.equals("end") ? "io0" : "p") + ", io0, end, c, " + depth;
        if (w.json && visible) {
            if (group) directOpen(w, "s != null", plan.desc(f).name(), ":{");
            o.open("if (s != null)").line("j.at(jq, jc)").line(r + " = " + jsonWalkerName(ut) + args + ", j)")
                    .line("jq = j.position()").line("jc = j.comma()");
            o.next("else").line(r + " = " + walkerName(ut) + args + ")").close();
            if (group) directClose(w, "s != null && " + r + " >= 0", "closeGroup");
            return;
        }
        if (group) o.line("if (s != null) s.beginGroup(" + fc + ")");
        // a sized field opens a stream of its own; an unsized one reads on in the parent's
        o.line(r + " = " + walkerName(ut) + args + ")");
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
            o.open("if (pl == Long.MIN_VALUE)").line("c.payloadLength = -1L").line("c.payloadToEnd = true");
            o.next("else if (pl < 0)").line("return c.invalid(" + pl + ", he, pl, \"payload length must not be negative\")");
            o.next("else").line("c.payloadLength = pl").line("c.payloadToEnd = false").close();
            if (l.payloadRequired) {
                // a message cut by the end of its segment: truncated (the TCP stream hook waits for more)
                o.open("if (c.payloadLength > end - he)").line("return c.truncated(" + pl + ", he, c.payloadLength, end - he)").close();
            }
        } else {
            o.line("c.payloadLength = -1L");
            o.line("c.payloadToEnd = false");
        }
        if (l.fragment != null) {
            o.line("c.fragment = " + w.boolExpr(l.fragment, g.relPath + ": meta/-pcapkit/fragment"));
        } else {
            o.line("c.fragment = false");
        }
        o.line("return he");
    }

    /** Translates layer-level expressions in a method of the codec (b, io0 and end are locals there). */
    private LayerMethods.Translator methodResolver() {
        return src -> new W(g.top).expr(src, g.relPath + ": meta/-pcapkit");
    }

    private MethodSpec nextMethod() {
        W w = new W(g.top);
        Body o = w.out;
        o.line("final " + codecName + " c = this");
        o.line("final java.nio.ByteBuffer b = c.buf");
        o.line("final int io0 = c.start");
        o.line("final int end = c.limit");
        // only grammars that quote set the flag; each call starts it afresh
        if (g.layer.next.stream().anyMatch(LayerMeta.NextRule::quoted)) o.line("c.nextQuoted = false");
        o.line("int id");
        for (LayerMeta.NextRule r : g.layer.next) {
            boolean cond = r.condition() != null;
            if (cond) o.open("if (" + w.boolExpr(r.condition(), r.where()) + ")");
            // a quoted payload (an ICMP error's datagram) is marked for the dissector
            String ret = r.quoted() ? "return c.quoted(" : "return ";
            String close = r.quoted() ? ")" : "";
            if (r.protocol() != null) {
                o.line(ret + index.protocolConstant(r.protocol(), r.where()) + close);
            } else {
                String table = index.tableConstant(r.table(), r.where());
                for (String k : r.keys()) {
                    o.line("id = d.lookup(" + table + ", " + w.intExpr(k, r.where()) + ")");
                    o.line("if (id >= 0) " + ret + "id" + close);
                }
            }
            if (cond) o.close();
            if (!cond && r.protocol() != null) return nextSpec(o); // an unconditional protocol ends the rules
        }
        o.line("return -1");
        return nextSpec(o);
    }

    private static MethodSpec nextSpec(Body o) {
        return MethodSpec.methodBuilder("next").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(TypeName.INT).addParameter(DISPATCHER, "d").addCode(o.build()).build();
    }
}
