package io.pcapkit.generator.emit;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.pcapkit.generator.GeneratorException;
import io.pcapkit.generator.expr.JavaExpr;
import io.pcapkit.generator.model.Grammar;
import io.pcapkit.generator.model.ParamDef;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The layer-level methods both codecs of a grammar have, from its {@code meta/-pcapkit}:
 * {@code bind} (parameters a dispatch key sets), {@code variant} (the chain token chosen by
 * content) and {@code heuristic} (recognition by content).
 */
final class LayerMethods {
    private LayerMethods() {
    }

    /** Translates a layer-level expression where the method's preamble has run. */
    interface Translator {
        JavaExpr.Code translate(String src);
    }

    static void add(TypeSpec.Builder cls, Grammar g, ProtocolIndex ix, String codecName, Translator tr, List<String> preamble) {
        List<ProtocolIndex.Entry> bound = ix.parameterEntries(g);
        if (!bound.isEmpty()) {
            Body o = new Body();
            for (ProtocolIndex.Entry e : bound) {
                o.open("if (protocolId == Protocols." + e.constant() + ")");
                for (ParamDef p : g.top.params) {
                    Object v = e.params().get(p.id());
                    o.line("s_" + p.id() + " = " + literal(p, v));
                }
                o.line("return");
                o.close();
            }
            for (ParamDef p : g.top.params) o.line("s_" + p.id() + " = " + literal(p, null));
            cls.addMethod(MethodSpec.methodBuilder("bind").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                    .addParameter(TypeName.INT, "protocolId").addCode(o.build()).build());
            cls.addMethod(MethodSpec.methodBuilder("binds").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                    .returns(TypeName.BOOLEAN).addStatement("return true").build());
        }
        List<ProtocolIndex.VariantEntry> vs = ix.variants.getOrDefault(g.id, List.of());
        if (!vs.isEmpty()) {
            Body o = new Body();
            o.open("if (protocolId != Protocols." + ix.defaultEntry(g).constant() + ")").line("return -1").close();
            o.line("final " + codecName + " c = this");
            for (String p : preamble) o.line(p);
            for (ProtocolIndex.VariantEntry v : vs) {
                JavaExpr.Code c;
                try {
                    c = tr.translate(v.variant().condition());
                } catch (IllegalArgumentException x) {
                    throw new GeneratorException("grammars/" + g.relPath + ": " + v.variant().where(), x.getMessage());
                }
                if (!c.bool()) throw new GeneratorException("grammars/" + g.relPath + ": " + v.variant().where(), "if: expected a condition");
                o.open("if (" + c.java() + ")").line("return Protocols." + v.entry().constant()).close();
            }
            o.line("return -1");
            cls.addMethod(MethodSpec.methodBuilder("variant").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                    .returns(TypeName.INT).addParameter(TypeName.INT, "protocolId").addCode(o.build()).build());
            cls.addMethod(MethodSpec.methodBuilder("hasVariants").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                    .returns(TypeName.BOOLEAN).addStatement("return true").build());
        }
        if (g.layer.exchange != null) {
            Body o = new Body();
            o.line("final " + codecName + " c = this");
            for (String p : preamble) o.line(p);
            JavaExpr.Code req;
            JavaExpr.Code note;
            try {
                req = tr.translate(g.layer.exchange.request());
                note = tr.translate(g.layer.exchange.note());
            } catch (IllegalArgumentException x) {
                throw new GeneratorException("grammars/" + g.relPath + ": " + g.layer.exchange.where(), x.getMessage());
            }
            if (!req.bool() || !note.bool()) throw new GeneratorException("grammars/" + g.relPath + ": " + g.layer.exchange.where(), "request and note must be conditions");
            o.open("if (!(" + req.java() + "))").line("return -1").close();
            o.line("return (" + note.java() + ") ? 1 : 0");
            cls.addMethod(MethodSpec.methodBuilder("exchangeNote").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                    .returns(TypeName.INT).addCode(o.build()).build());
        }
        if (g.layer.heuristic != null) {
            cls.addMethod(MethodSpec.methodBuilder("heuristic").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                    .returns(TypeName.BOOLEAN).addParameter(ByteBuffer.class, "b").addParameter(TypeName.INT, "start")
                    .addParameter(TypeName.INT, "end")
                    .addStatement("return matchHeuristic($L.HEURISTIC, $L, b, start, end)", Naming.upperCamel(g.id) + "Fields",
                            g.layer.heuristic.window())
                    .build());
        }
    }

    private static String literal(ParamDef p, Object v) {
        if (p.isBool()) return v == null ? "false" : String.valueOf(Boolean.TRUE.equals(v));
        return v == null ? "0L" : ((Number) v).longValue() + "L";
    }

    static Map<String, Object> none() {
        return Map.of();
    }
}
