package io.pcapkit.generator.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.pcapkit.generator.GeneratorException;
import io.pcapkit.generator.expr.JavaExpr;
import io.pcapkit.generator.model.FieldDef;
import io.pcapkit.generator.model.Grammar;
import io.pcapkit.generator.model.IntType;
import io.pcapkit.generator.model.LayerMeta;
import io.pcapkit.generator.model.ParamDef;
import io.pcapkit.generator.model.TypeDef;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Emits the reference codec of a grammar: it parses with the class the Kaitai Struct compiler
 * generated and walks the result through its accessors into the same sink calls as the fast codec.
 * It is the fallback for grammars outside the fast subset and the oracle of the differential test.
 */
public final class KaitaiCodecEmitter {
    static final String KSC_PKG = "io.pcapkit.kaitai";
    static final ClassName STREAM = ClassName.get("io.pcapkit.dissect", "BoundedKaitaiStream");
    static final ClassName ERROR_KIND = ClassName.get("io.pcapkit.dissect", "ErrorKind");

    private final Grammar g;
    private final OutputPlan plan;
    private final String codecName;
    private final String fieldsName;
    private final ProtocolIndex index;
    private int tmp;

    public KaitaiCodecEmitter(Grammar g, OutputPlan plan, ProtocolIndex index) {
        this.g = g;
        this.plan = plan;
        this.codecName = Naming.upperCamel(g.id) + "KaitaiCodec";
        this.fieldsName = Naming.upperCamel(g.id) + "Fields";
        this.index = index;
    }

    public String className() {
        return codecName;
    }

    ClassName kscClass(TypeDef t) {
        List<String> path = t.path();
        String top = Naming.upperCamel(path.get(0));
        String[] rest = path.subList(1, path.size()).stream().map(Naming::upperCamel).toArray(String[]::new);
        return ClassName.get(KSC_PKG, top, rest);
    }

    public TypeSpec emit() {
        ClassName top = kscClass(g.top);
        TypeSpec.Builder cls = TypeSpec.classBuilder(codecName).addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(FastCodecEmitter.LAYER_CODEC)
                .addJavadoc("Reference codec for {@code grammars/$L}: parses with the Kaitai-generated {@link $T}. Generated: do not edit.\n",
                        g.relPath, top);
        cls.addField(FieldSpec.builder(top, "o", Modifier.PRIVATE).build());
        for (ParamDef p : g.top.params) {
            TypeName t = p.isBool() ? TypeName.BOOLEAN : TypeName.LONG;
            cls.addField(FieldSpec.builder(t, "s_" + p.id()).build());
            cls.addMethod(MethodSpec.methodBuilder("set" + Naming.upperCamel(p.id())).addModifiers(Modifier.PUBLIC)
                    .addParameter(t, "v").addStatement("this.s_$L = v", p.id()).build());
        }
        cls.addMethod(MethodSpec.methodBuilder("grammar").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(String.class).addStatement("return $S", g.id).build());
        cls.addMethod(MethodSpec.methodBuilder("parsed").addModifiers(Modifier.PUBLIC).returns(top)
                .addJavadoc("The Kaitai object of the last decode.\n").addStatement("return o").build());
        for (LayerMeta.Lookup l : g.layer.lookups.values()) {
            cls.addField(FieldSpec.builder(lookupIsBool(l) ? TypeName.BOOLEAN : TypeName.LONG, "l_" + l.name()).build());
        }
        LayerMethods.add(cls, g, index, codecName, src -> new Res(g.top, "o").expr(src, g.relPath + ": meta/-pcapkit"), List.of());
        cls.addMethod(top());
        cls.addMethod(walker(g.top));
        for (TypeDef t : FastCodecEmitter.allNested(g.top)) cls.addMethod(walker(t));
        if (!g.layer.next.isEmpty()) cls.addMethod(next());
        return cls.build();
    }

    /**
     * The field a failure Kaitai does not place is reported at: the first field, unless that is the
     * declining or handing-over field (whose failure means more than a malformed layer), then the
     * next one.
     */
    private String fallbackField() {
        for (FieldDef f : g.top.seq) {
            if (f.id.equals(g.layer.declines) || f.id.equals(g.layer.handOver)) continue;
            return fieldsName + "." + plan.desc(f).constant();
        }
        return fieldsName + "." + plan.pseudo("HEADER__LENGTH").constant();
    }

    /**
     * The condition that Kaitai's validation error {@code e} is about top-level field {@code id}:
     * the runtime's message names a top-level field by its place ("/seq/N: ...").
     */
    private String failedAt(String id) {
        for (int i = 0; i < g.top.seq.size(); i++) {
            if (g.top.seq.get(i).id.equals(id)) return "String.valueOf(e.getMessage()).startsWith(\"/seq/" + i + ":\")";
        }
        throw new IllegalStateException("no top-level field " + id);
    }

    /**
     * The field a failed check is reported at: the grammar's declining and handing-over fields by
     * their place, so that this codec declines and hands over where the fast one does; any other
     * check at {@link #fallbackField()}.
     */
    private String validationField() {
        String at = fallbackField();
        for (String named : new String[] {g.layer.declines, g.layer.handOver}) {
            if (named == null) continue;
            at = "(" + failedAt(named) + " ? " + fieldsName + "." + plan.desc(g.top.field(named)).constant() + " : " + at + ")";
        }
        return at;
    }

    private boolean usesProcessors() {
        List<TypeDef> all = new java.util.ArrayList<>(List.of(g.top));
        all.addAll(FastCodecEmitter.allNested(g.top));
        for (TypeDef t : all) for (FieldDef f : t.seq) if (f.processName != null) return true;
        return false;
    }

    private MethodSpec top() {
        ClassName top = kscClass(g.top);
        Body o = new Body();
        o.line("final " + codecName + " c = this");
        o.line("ByteBuffer dup = b.duplicate()");
        o.line("dup.limit(end)");
        o.line("dup.position(start)");
        o.line("BoundedKaitaiStream ks = new BoundedKaitaiStream(dup.slice())");
        StringBuilder args = new StringBuilder("ks");
        if (!g.top.params.isEmpty()) {
            args.append(", null, null");
            for (ParamDef p : g.top.params) args.append(", s_").append(p.id());
        }
        // Everything that touches the Kaitai object runs inside the try: its instances are parsed
        // lazily, on first access, so the walk, the layer expressions and the dispatch keys can
        // read (and fail) as much as the constructor. The walk runs even without a sink, so that
        // decode fails exactly where emit would; next() then finds its keys already computed.
        boolean ctx = usesProcessors();
        o.line("int he");
        o.open("try");
        // processors reach the dissector's context through the thread while ksc's parser runs
        if (ctx) o.line("c.context().enter(start)");
        o.line("o = new " + top.canonicalName() + "(" + args + ")");
        for (LayerMeta.Lookup l : g.layer.lookups.values()) lookup(o, l);
        o.line("w_(o, s != null ? s : io.pcapkit.dissect.FieldSinkAdapter.NOWHERE)");
        // layer meta over the accessors
        Res r = new Res(g.top, "o");
        LayerMeta l = g.layer;
        o.line("he = start + (int) ks.pos()");
        if (l.headerLength != null) {
            o.line("long hl = " + r.intExpr(l.headerLength, g.relPath + ": meta/-pcapkit/header-length"));
            o.open("if (hl < 0 || hl > end - start)")
                    .line("return failed(" + fieldsName + "." + plan.pseudo("HEADER__LENGTH").constant()
                            + ", start, ErrorKind.INVALID, \"header length\")")
                    .close();
            o.line("he = start + (int) hl");
        }
        o.line("c.headerEnd = he");
        if (l.payloadLength != null) {
            o.line("long pl = " + r.intExpr(l.payloadLength, g.relPath + ": meta/-pcapkit/payload-length"));
            o.open("if (pl == Long.MIN_VALUE)").line("c.payloadLength = -1L").line("c.payloadToEnd = true");
            o.next("else if (pl < 0)").line("return failed(" + fieldsName + "." + plan.pseudo("PAYLOAD__LENGTH").constant()
                    + ", he, ErrorKind.INVALID, \"payload length must not be negative\")");
            o.next("else").line("c.payloadLength = pl").line("c.payloadToEnd = false").close();
            if (l.payloadRequired) {
                o.open("if (c.payloadLength > end - he)").line("return failed(" + fieldsName + "." + plan.pseudo("PAYLOAD__LENGTH").constant()
                        + ", he, ErrorKind.TRUNCATED, \"the payload runs past the end\")").close();
            }
        } else {
            o.line("c.payloadLength = -1L");
            o.line("c.payloadToEnd = false");
        }
        o.line("c.fragment = " + (l.fragment != null ? r.boolExpr(l.fragment, g.relPath + ": meta/-pcapkit/fragment") : "false"));
        o.line("next(io.pcapkit.dissect.Dispatcher.NONE)");
        o.next("catch (io.kaitai.struct.KaitaiStream.ValidationFailedError e)");
        if (l.handOver != null) {
            // the field the layer hands over at is shown, as the fast codec shows it before its check
            FieldDef h = g.top.field(l.handOver);
            o.open("if (s != null && " + failedAt(l.handOver) + ")")
                    .line("s.number(" + fieldsName + "." + plan.desc(h).constant() + ", bitsAt(b, start, " + l.handOverBitOffset + ", "
                            + l.handOverBits + "), start + " + l.handOverBitOffset / 8 + ", " + (l.handOverBits + 7) / 8 + ")")
                    .close();
        }
        o.line("return failed(" + validationField() + ", start + (int) ks.pos(), ErrorKind.INVALID, e.getMessage())");
        o.next("catch (java.nio.BufferUnderflowException | BoundedKaitaiStream.Truncated e)");
        o.line("return failed(" + fallbackField() + ", start + (int) ks.pos(), ErrorKind.TRUNCATED, \"read past the end\")");
        o.next("catch (RuntimeException e)");
        o.line("return failed(" + fallbackField() + ", start + (int) ks.pos(), ErrorKind.INVALID, String.valueOf(e))");
        // a type or an instance that refers to itself (a DNS name pointing at itself) recurses
        // as deep as the input lets it: the stack is the limit, reported as one
        o.next("catch (StackOverflowError e)");
        o.line("return failed(" + fallbackField() + ", start, ErrorKind.LIMIT_EXCEEDED, \"nesting deeper than the stack allows\")");
        if (ctx) {
            o.next("finally");
            o.line("c.context().exit()");
        }
        o.close();
        o.line("return he");
        return MethodSpec.methodBuilder("walkTop").addAnnotation(Override.class).addModifiers(Modifier.PROTECTED)
                .returns(TypeName.INT).addParameter(ByteBuffer.class, "b").addParameter(TypeName.INT, "start")
                .addParameter(TypeName.INT, "end").addParameter(FastCodecEmitter.FIELD_SINK, "s")
                .addCode(fixImports(o.build().toString())).build();
    }

    /** A lookup over the parsed list: the first element whose condition holds gives the value. */
    private void lookup(Body o, LayerMeta.Lookup l) {
        FieldDef list = g.top.field(l.in());
        TypeDef et = list == null || list.type == null ? null : g.top.resolve(list.type);
        if (et == null || !list.isRepeated()) throw new GeneratorException(l.where(), "in: '" + l.in() + "' is not a top-level list of a user type");
        Res top = new Res(g.top, "o");
        o.line("c.l_" + l.name() + " = " + top.expr(l.dflt(), l.where()).java());
        String e = "e" + (tmp++);
        Res er = new Res(et, e);
        er.element = top;
        String cond = l.condition() == null ? "true" : er.boolExpr(l.condition(), l.where());
        JavaExpr.Code v = er.expr(l.value(), l.where());
        String acc = "o." + Naming.lowerCamel(list.id) + "()";
        o.open("if (" + acc + " != null)");
        o.open("for (var " + e + " : " + acc + ")");
        o.open("if (" + cond + ")").line("c.l_" + l.name() + " = " + v.java()).line("break").close();
        o.close();
        o.close();
    }

    private boolean lookupIsBool(LayerMeta.Lookup l) {
        FieldDef list = g.top.field(l.in());
        TypeDef et = list == null || list.type == null ? null : g.top.resolve(list.type);
        return et != null && OutputPlan.isBoolExpr(et, l.value());
    }

    /** Body text uses simple names for a few runtime types; qualify them. */
    private static com.palantir.javapoet.CodeBlock fixImports(String code) {
        code = code.replace("new BoundedKaitaiStream(", "new io.pcapkit.dissect.BoundedKaitaiStream(")
                .replace("BoundedKaitaiStream ks =", "io.pcapkit.dissect.BoundedKaitaiStream ks =")
                .replace("| BoundedKaitaiStream.Truncated", "| io.pcapkit.dissect.BoundedKaitaiStream.Truncated")
                .replace("ErrorKind.", "io.pcapkit.dissect.ErrorKind.")
                .replace("ByteBuffer dup", "java.nio.ByteBuffer dup");
        return com.palantir.javapoet.CodeBlock.of("$L", code);
    }

    private String walkerName(TypeDef t) {
        List<String> p = t.path();
        p.remove(0);
        return "w_" + String.join("__", p);
    }

    private MethodSpec walker(TypeDef t) {
        Body o = new Body();
        // the codec's per-layer inputs (_ip_version, _reported_size) for -value and if expressions
        o.line("final " + codecName + " c = this");
        Res r = new Res(t, "o");
        Groups groups = new Groups();
        for (FieldDef f : OutputPlan.outputs(t)) {
            Groups.Step step = groups.before(f.outputPath());
            for (String gp : step.close()) endGroup(o, t, gp);
            for (String gp : step.open()) {
                String gc = fieldsName + "." + plan.group(t, gp).constant();
                List<FieldDef> members = OutputPlan.conditionalGroup(t, gp);
                if (members == null) {
                    o.line("s.beginGroup(" + gc + ")");
                } else {
                    // every field of the group is conditional: show it only when one is there
                    List<String> any = new java.util.ArrayList<>();
                    for (FieldDef m : members) {
                        any.add(m.isInstance ? r.boolExpr(m.ifExpr, m.where) : "o." + Naming.lowerCamel(m.id) + "() != null");
                    }
                    o.line("boolean gv_" + plan.group(t, gp).constant() + " = " + String.join(" || ", new java.util.LinkedHashSet<>(any)));
                    o.line("if (gv_" + plan.group(t, gp).constant() + ") s.beginGroup(" + gc + ")");
                }
            }
            String fc = fieldsName + "." + plan.desc(f).constant();
            // a value instance is computed here; a positional one (pos + type) is read through its
            // accessor like a seq field (Kaitai parses it then, lazily)
            if (f.isInstance && f.value != null) {
                JavaExpr.Code c = r.expr(f.value, f.where);
                if (f.ifExpr != null) o.open("if (" + r.boolExpr(f.ifExpr, f.where) + ")");
                scalar(o, r, f, fc, c.java(), c.bool());
                if (f.ifExpr != null) o.close();
                continue;
            }
            String acc = "o." + Naming.lowerCamel(f.id) + "()";
            boolean opt = f.ifExpr != null;
            if (opt) o.open("if (" + acc + " != null)");
            if (f.isRepeated()) {
                o.line("s.beginList(" + fc + ")");
                String e = "e" + (tmp++);
                o.open("for (var " + e + " : " + acc + ")");
                element(o, r, t, f, fc, e, true);
                o.close();
                o.line("s.endList(" + fc + ")");
            } else {
                element(o, r, t, f, fc, acc, false);
            }
            if (opt) o.close();
        }
        for (String gp : groups.closeAll()) endGroup(o, t, gp);
        return MethodSpec.methodBuilder(walkerName(t)).addModifiers(Modifier.PRIVATE)
                .addParameter(kscClass(t), "o").addParameter(FastCodecEmitter.FIELD_SINK, "s")
                .addCode(o.build()).build();
    }

    private void endGroup(Body o, TypeDef t, String gp) {
        String gc = fieldsName + "." + plan.group(t, gp).constant();
        if (OutputPlan.conditionalGroup(t, gp) == null) o.line("s.endGroup(" + gc + ")");
        else o.line("if (gv_" + plan.group(t, gp).constant() + ") s.endGroup(" + gc + ")");
    }

    private void scalar(Body o, Res r, FieldDef f, String fc, String raw, boolean rawBool) {
        String v = raw;
        boolean vb = rawBool;
        if (f.valueExpr != null) {
            r.underscore = "(" + raw + ")";
            r.underscoreBool = rawBool;
            JavaExpr.Code c = r.expr(f.valueExpr, f.where);
            r.underscore = null;
            v = c.java();
            vb = false;
        }
        if (f.namesEnum != null) {
            String tv = "x" + (tmp++);
            o.line("long " + tv + " = " + v);
            o.line("s.enumerated(" + fc + ", " + tv + ", " + plan.namesCall(f, tv) + ", -1, 0)");
        } else if (vb) {
            o.line("s.bool(" + fc + ", " + v + ", -1, 0)");
        } else {
            o.line("s.number(" + fc + ", " + v + ", -1, 0)");
        }
    }

    private void element(Body o, Res r, TypeDef t, FieldDef f, String fc, String value, boolean inList) {
        IntType it = f.intType();
        if (it != null) {
            scalar(o, r, f, fc, value, it.isBool());
            return;
        }
        if (f.switchOn != null) {
            String v = "v" + (tmp++);
            o.line("Object " + v + " = " + value);
            boolean first = true;
            Set<String> seen = new HashSet<>();
            for (Map.Entry<Object, String> c : f.switchCases.entrySet()) {
                TypeDef ut = t.resolve(c.getValue());
                if (ut == null || !seen.add(ut.name)) continue;
                ClassName cn = kscClass(ut);
                String head = "if (" + v + " instanceof " + cn.canonicalName() + ")";
                if (first) o.open(head);
                else o.next("else " + head);
                first = false;
                nested(o, f, fc, "(" + cn.canonicalName() + ") " + v, ut, inList);
            }
            String head = "if (" + v + " instanceof byte[])";
            if (first) o.open(head);
            else o.next("else " + head);
            o.line("byte[] raw = (byte[]) " + v);
            o.line("s.bytes(" + fc + ", java.nio.ByteBuffer.wrap(raw), 0, raw.length)");
            o.close();
            return;
        }
        if (RuntimeTypes.isPrimitive(f.type)) {
            o.line("s.text(" + fc + ", " + value + ".text())");
            return;
        }
        TypeDef ut = f.type == null ? null : t.resolve(f.type);
        if (ut != null) {
            nested(o, f, fc, value, ut, inList);
            return;
        }
        if (f.valueExpr != null && f.intType() == null) {
            // -value on text: a number made from it
            r.underscoreText = JavaExpr.Text.object(value);
            JavaExpr.Code c = r.expr(f.valueExpr, f.where);
            r.underscoreText = null;
            if (f.namesEnum != null) {
                String tv = "x" + (tmp++);
                o.line("long " + tv + " = " + c.java());
                o.line("s.enumerated(" + fc + ", " + tv + ", " + plan.namesCall(f, tv) + ", -1, 0)");
            } else {
                o.line("s.number(" + fc + ", " + c.java() + ", -1, 0)");
            }
            return;
        }
        if (f.type != null && (f.type.equals("str") || f.type.equals("strz"))) {
            o.line("s.text(" + fc + ", " + value + ")");
            return;
        }
        String v = "v" + (tmp++);
        o.line("byte[] " + v + " = " + value);
        o.line("s.bytes(" + fc + ", java.nio.ByteBuffer.wrap(" + v + "), 0, " + v + ".length)");
    }

    private void nested(Body o, FieldDef f, String fc, String value, TypeDef ut, boolean inList) {
        if (inList) {
            o.line("s.beginItem(" + fc + ")");
            o.line(walkerName(ut) + "(" + value + ", s)");
            o.line("s.endItem(" + fc + ")");
        } else if (f.flatten) {
            o.line(walkerName(ut) + "(" + value + ", s)");
        } else {
            o.line("s.beginGroup(" + fc + ")");
            o.line(walkerName(ut) + "(" + value + ", s)");
            o.line("s.endGroup(" + fc + ")");
        }
    }

    private MethodSpec next() {
        Res r = new Res(g.top, "o");
        Body o = new Body();
        o.line("final " + codecName + " c = this");
        // only grammars that quote set the flag; each call starts it afresh
        if (g.layer.next.stream().anyMatch(LayerMeta.NextRule::quoted)) o.line("nextQuoted = false");
        o.line("int id");
        for (LayerMeta.NextRule rule : g.layer.next) {
            boolean cond = rule.condition() != null;
            if (cond) o.open("if (" + r.boolExpr(rule.condition(), rule.where()) + ")");
            String ret = rule.quoted() ? "return quoted(" : "return ";
            String close = rule.quoted() ? ")" : "";
            if (rule.protocol() != null) {
                o.line(ret + index.protocolConstant(rule.protocol(), rule.where()) + close);
            } else {
                String table = index.tableConstant(rule.table(), rule.where());
                for (String k : rule.keys()) {
                    o.line("id = d.lookup(" + table + ", " + r.intExpr(k, rule.where()) + ")");
                    o.line("if (id >= 0) " + ret + "id" + close);
                }
            }
            if (cond) o.close();
            if (!cond && rule.protocol() != null) return nextSpec(o); // an unconditional protocol ends the rules
        }
        o.line("return -1");
        return nextSpec(o);
    }

    private static MethodSpec nextSpec(Body o) {
        return MethodSpec.methodBuilder("next").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(TypeName.INT).addParameter(FastCodecEmitter.DISPATCHER, "d").addCode(o.build()).build();
    }

    /** Resolves names to accessors of a Kaitai object. */
    private final class Res implements JavaExpr.Resolver {
        final TypeDef t;
        final String obj;
        String underscore;
        boolean underscoreBool;
        JavaExpr.Text underscoreText;
        /** In an element context (a lookup): bare names resolve here, {@code _.x} in this type. */
        Res element;
        private final Set<String> inlining = new HashSet<>();

        Res(TypeDef t, String obj) {
            this.t = t;
            this.obj = obj;
        }

        JavaExpr.Code expr(String src, String where) {
            try {
                return new JavaExpr(this).translate(src);
            } catch (IllegalArgumentException e) {
                throw new GeneratorException(where, e.getMessage());
            }
        }

        String intExpr(String src, String where) {
            JavaExpr.Code c = expr(src, where);
            if (c.bool() || c.isText()) throw new GeneratorException(where, "expected an integer expression: " + src);
            return c.java();
        }

        String boolExpr(String src, String where) {
            JavaExpr.Code c = expr(src, where);
            if (!c.bool()) throw new GeneratorException(where, "expected a condition: " + src);
            return c.java();
        }

        @Override
        public JavaExpr.Code name(String n) {
            if (n.equals("_")) {
                if (underscoreText != null) return JavaExpr.Code.of(underscoreText);
                if (underscore == null) throw new IllegalArgumentException("'_' outside -value");
                return new JavaExpr.Code(underscore, underscoreBool);
            }
            if (n.equals("_rest")) return new JavaExpr.Code("Long.MIN_VALUE", false);
            // _answers_note: the message answers a request whose exchange note held (a response to HEAD)
            if (n.equals("_answers_note")) return new JavaExpr.Code("c.answersNote", true);
            // _ip_version: the version of the innermost IP layer before this one (0 when none)
            if (n.equals("_ip_version")) return new JavaExpr.Code("c.ipVersion", false);
            // _reported_size: the bytes from this layer's start by the lengths announced before it
            // (the frame's original length, the enclosing length fields), past a cut
            if (n.equals("_reported_size")) return new JavaExpr.Code("c.reportedSize", false);
            if (element != null) return element.name(n);
            if (t.isTop() && g.layer.lookups.containsKey(n)) return new JavaExpr.Code("c.l_" + n, lookupIsBool(g.layer.lookups.get(n)));
            return in(t, obj, n);
        }

        private JavaExpr.Code in(TypeDef type, String o, String n) {
            FieldDef f = type.field(n);
            if (f != null && FastCodecEmitter.isText(type, f)) return JavaExpr.Code.of(JavaExpr.Text.object(o + "." + Naming.lowerCamel(n) + "()"));
            if (f != null) {
                IntType it = f.intType();
                if (it == null || f.isRepeated()) throw new IllegalArgumentException("'" + n + "' is not an integer field");
                String acc = o + "." + Naming.lowerCamel(n) + "()";
                if (f.ifExpr != null) {
                    return it.isBool() ? new JavaExpr.Code("(" + acc + " != null && " + acc + ")", true)
                            : new JavaExpr.Code("(" + acc + " == null ? 0L : " + acc + ".longValue())", false);
                }
                return new JavaExpr.Code("((" + (it.isBool() ? "boolean" : "long") + ") " + acc + ")", it.isBool());
            }
            FieldDef inst = type.instances.get(n);
            if (inst != null && inst.value == null) {
                // a positional instance: Kaitai's accessor reads it (null when its if fails)
                String acc = o + "." + Naming.lowerCamel(n) + "()";
                if (inst.intType() != null) return new JavaExpr.Code("(" + acc + " == null ? 0L : " + acc + ".longValue())", false);
                return JavaExpr.Code.of(JavaExpr.Text.object(acc));
            }
            if (inst != null) {
                if (!inlining.add(type.name + "." + n)) throw new IllegalArgumentException("instance '" + n + "' refers to itself");
                Res sub = type == t ? this : new Res(type, o);
                sub.inlining.addAll(inlining);
                JavaExpr.Code c = new JavaExpr(sub).translate(inst.value);
                inlining.remove(type.name + "." + n);
                return new JavaExpr.Code("(" + c.java() + ")", c.bool());
            }
            ParamDef p = type.param(n);
            if (p != null) {
                String acc = o + "." + Naming.lowerCamel(n) + "()";
                return new JavaExpr.Code(p.isBool() ? acc : "((long) " + acc + ")", p.isBool());
            }
            throw new IllegalArgumentException("unknown name '" + n + "'");
        }

        @Override
        public JavaExpr.Code attr(String target, String a) {
            if (target.equals("_") && element != null) return in(t, obj, a);
            if (target.equals("_io") && a.equals("size")) return new JavaExpr.Code("((long) " + obj + "._io().size())", false);
            if (target.equals("_parent") && t.parent != null) {
                return in(t.parent, "((" + kscClass(t.parent).canonicalName() + ") " + obj + "._parent())", a);
            }
            if (target.equals("_root")) {
                return in(g.top, "((" + kscClass(g.top).canonicalName() + ") " + obj + "._root())", a);
            }
            FieldDef f = t.field(target);
            if (f != null && a.equals("length") && f.intType() == null) {
                return new JavaExpr.Code("((long) " + obj + "." + Naming.lowerCamel(target) + "().length)", false);
            }
            return null;
        }
    }
}
