package io.pcapkit.generator.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.pcapkit.generator.model.EnumDef;
import io.pcapkit.generator.model.Grammar;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/** Emits a grammar's field descriptors and its local name tables ({@code enums:} used by {@code -enum}). */
public final class FieldsEmitter {
    static final ClassName FIELD = ClassName.get("io.pcapkit.dissect", "Field");
    static final ClassName KIND = ClassName.get("io.pcapkit.dissect", "FieldKind");
    static final ClassName FORMAT = ClassName.get("io.pcapkit.dissect", "Format");

    private FieldsEmitter() {
    }

    public static TypeSpec emit(Grammar g, OutputPlan plan) {
        String name = Naming.upperCamel(g.id) + "Fields";
        TypeSpec.Builder cls = TypeSpec.classBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("Field descriptors of {@code grammars/$L}, generated: do not edit.\n", g.relPath)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        CodeBlock.Builder all = CodeBlock.builder().add("$T.of(", List.class);
        boolean first = true;
        for (OutputPlan.Desc d : plan.descs.values()) {
            cls.addField(FieldSpec.builder(FIELD, d.constant(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .initializer("new $T($L, $S, $S, $T.$L, $T.$L, $S)", FIELD, d.id(), d.name(), d.path(), KIND, d.kind(),
                            FORMAT, d.format(), g.id)
                    .build());
            all.add(first ? "$L" : ", $L", d.constant());
            first = false;
        }
        all.add(")");
        cls.addField(FieldSpec.builder(ParameterizedTypeName.get(ClassName.get(List.class), FIELD), "ALL",
                Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL).initializer(all.build())
                .addJavadoc("Every descriptor of the grammar, in declaration order.\n").build());
        if (g.layer.heuristic != null) {
            cls.addField(FieldSpec.builder(java.util.regex.Pattern.class, "HEURISTIC", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .initializer("java.util.regex.Pattern.compile($S)", g.layer.heuristic.match())
                    .addJavadoc("The grammar's heuristic: matched at the start of a payload's first $L bytes (ISO-8859-1).\n",
                            g.layer.heuristic.window()).build());
        }
        for (EnumDef e : g.enums.values()) {
            CodeBlock.Builder body = CodeBlock.builder();
            body.beginControlFlow("if (v < $L || v > $L)", Integer.MIN_VALUE, Integer.MAX_VALUE).addStatement("return null").endControlFlow();
            body.beginControlFlow("switch ((int) v)");
            for (Map.Entry<Long, String> v : e.values().entrySet()) {
                body.addStatement("case $L: return $S", v.getKey(), v.getValue());
            }
            body.addStatement("default: return null");
            body.endControlFlow();
            cls.addMethod(MethodSpec.methodBuilder("e_" + e.name()).addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(String.class).addParameter(TypeName.LONG, "v").addCode(body.build())
                    .addJavadoc("The short name of a value of enum {@code $L}, or null when it has none.\n", e.name()).build());
        }
        return cls.build();
    }
}
