package io.pcapkit.generator.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.pcapkit.generator.model.Grammar;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.Modifier;

/** Emits {@code Protocols}: the protocol entries, the dispatch tables and the codec factories. */
public final class ProtocolsEmitter {
    static final ClassName PROTOCOL = ClassName.get("io.pcapkit.dissect", "Protocol");
    static final ClassName LAYER_TYPE = ClassName.get("io.pcapkit.dissect", "LayerType");

    private ProtocolsEmitter() {
    }

    public static TypeSpec emit(ProtocolIndex ix, Map<String, Boolean> hasFast, Map<String, Boolean> hasReference, int fieldCount) {
        TypeSpec.Builder c = TypeSpec.classBuilder("Protocols").addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("Every protocol the grammars define and the dispatch tables they declare. Generated: do not edit.\n")
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        // tables
        CodeBlock.Builder tableNames = CodeBlock.builder().add("$T.of(", List.class);
        int ti = 0;
        for (String t : ix.tables.keySet()) {
            c.addField(FieldSpec.builder(TypeName.INT, "T_" + Naming.constant(t), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .initializer("$L", ix.tables.get(t)).addJavadoc("Dispatch table {@code $L}.\n", t).build());
            tableNames.add(ti++ == 0 ? "$S" : ", $S", t);
        }
        tableNames.add(")");
        c.addField(FieldSpec.builder(ParameterizedTypeName.get(List.class, String.class), "TABLES", Modifier.PUBLIC,
                Modifier.STATIC, Modifier.FINAL).initializer(tableNames.build()).addJavadoc("Table names by id.\n").build());
        // protocols
        CodeBlock.Builder all = CodeBlock.builder().add("{\n$>");
        for (ProtocolIndex.Entry e : ix.entries) {
            c.addField(FieldSpec.builder(TypeName.INT, e.constant(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .initializer("$L", e.id()).addJavadoc("$L ({@code grammars/$L}).\n", e.name(), e.grammar().relPath).build());
            CodeBlock groups = CodeBlock.of("$T.of($L)", List.class,
                    String.join(", ", e.grammar().layer.groups.stream().map(x -> "\"" + x + "\"").toList()));
            io.pcapkit.generator.model.LayerMeta.Heuristic h = e.grammar().layer.heuristic;
            String declines = e.grammar().layer.declines;
            CodeBlock declinesField = declines == null ? CodeBlock.of("null")
                    : CodeBlock.of("$L.$L", Naming.upperCamel(e.grammar().id) + "Fields", Naming.constant(declines));
            io.pcapkit.generator.model.LayerMeta lm = e.grammar().layer;
            CodeBlock handOver = lm.handOver == null ? CodeBlock.of("null, -1, 0, 0")
                    : CodeBlock.of("$L.$L, $L, $L, $L", Naming.upperCamel(e.grammar().id) + "Fields", Naming.constant(lm.handOver),
                            ix.tableConstant(lm.handOverTable, "grammars/" + e.grammar().relPath + ": meta/-pcapkit/hand-over"),
                            lm.handOverBitOffset, lm.handOverBits);
            CodeBlock.Builder roles = CodeBlock.builder().add("$T.of(", Map.class);
            int ri = 0;
            for (Map.Entry<String, int[]> r : lm.roleBits.entrySet()) {
                roles.add(ri++ == 0 ? "$S, new int[] {$L, $L}" : ", $S, new int[] {$L, $L}", r.getKey(), r.getValue()[0], r.getValue()[1]);
            }
            roles.add(")");
            all.add("new $T($L, $S, $S, $T.$L, $L, $L, $S, $L, $L, $L, $L, $L, $L, $L, $L, $L, $L),\n", PROTOCOL, e.id(), e.name(), e.key(), LAYER_TYPE,
                    lm.layer.toUpperCase(java.util.Locale.ROOT), groups, e.codec(), e.grammar().id,
                    lm.transparent, lm.nextWhenEmpty, h != null, h != null && h.guard(),
                    h != null && h.conversation(), declinesField, lm.declinesBytes, lm.nextWhenCut, handOver, roles.build());
        }
        all.add("$<}");
        c.addField(FieldSpec.builder(ArrayTypeName.of(PROTOCOL), "ALL", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(all.build()).build());
        c.addMethod(MethodSpec.methodBuilder("all").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ParameterizedTypeName.get(ClassName.get(List.class), PROTOCOL))
                .addJavadoc("Every protocol entry, by id.\n").addStatement("return $T.of(ALL)", List.class).build());
        c.addMethod(MethodSpec.methodBuilder("get").addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(PROTOCOL)
                .addParameter(TypeName.INT, "id").addStatement("return ALL[id]").build());
        StringBuilder hs = new StringBuilder();
        for (ProtocolIndex.Entry e : ix.heuristics) hs.append(hs.length() == 0 ? "" : ", ").append(e.constant());
        c.addField(FieldSpec.builder(int[].class, "HEURISTICS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("{$L}", hs).build());
        c.addMethod(MethodSpec.methodBuilder("heuristics").addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(int[].class)
                .addJavadoc("Protocols that can be found by content, in the order they are tried (do not modify).\n")
                .addStatement("return HEURISTICS").build());
        // a method, not a constant: hand-written code must not inline generated values (a new grammar set shifts them)
        c.addMethod(MethodSpec.methodBuilder("fieldCount").addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(TypeName.INT)
                .addJavadoc("Number of field descriptors over all grammars (their ids are below it).\n")
                .addStatement("return $L", fieldCount).build());
        // codecs
        CodeBlock.Builder grammars = CodeBlock.builder().add("$T.of(", List.class);
        MethodSpec.Builder fast = MethodSpec.methodBuilder("newCodec").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(FastCodecEmitter.LAYER_CODEC).addParameter(TypeName.INT, "codec")
                .addJavadoc("A new codec for the grammar at {@code codec}: the fast one where the grammar has one.\n")
                .beginControlFlow("switch (codec)");
        MethodSpec.Builder ref = MethodSpec.methodBuilder("newReferenceCodec").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(FastCodecEmitter.LAYER_CODEC).addParameter(TypeName.INT, "codec")
                .addJavadoc("A new Kaitai-backed reference codec, or null when the grammar has none.\n")
                .beginControlFlow("switch (codec)");
        int gi = 0;
        for (Grammar g : ix.protocolGrammars) {
            String base = Naming.upperCamel(g.id);
            grammars.add(gi == 0 ? "$S" : ", $S", g.id);
            boolean f = hasFast.getOrDefault(g.id, false);
            boolean r = hasReference.getOrDefault(g.id, false);
            String fastClass = f ? base + "Codec" : (r ? base + "KaitaiCodec" : null);
            fast.addStatement("case $L: return $L", gi, fastClass == null ? "null" : "new " + fastClass + "()");
            ref.addStatement("case $L: return $L", gi, r ? "new " + base + "KaitaiCodec()" : "null");
            gi++;
        }
        grammars.add(")");
        fast.addStatement("default: throw new IllegalArgumentException(\"no codec \" + codec)").endControlFlow();
        ref.addStatement("default: throw new IllegalArgumentException(\"no codec \" + codec)").endControlFlow();
        c.addMethod(fast.build()).addMethod(ref.build());
        c.addField(FieldSpec.builder(ParameterizedTypeName.get(List.class, String.class), "GRAMMARS", Modifier.PUBLIC,
                Modifier.STATIC, Modifier.FINAL).initializer(grammars.build()).addJavadoc("Grammar ids by codec index.\n").build());
        // lookup
        MethodSpec.Builder lookup = MethodSpec.methodBuilder("lookup").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(TypeName.INT).addParameter(TypeName.INT, "table").addParameter(TypeName.LONG, "key")
                .addJavadoc("The protocol id for {@code key} in {@code table}, or -1.\n")
                .beginControlFlow("switch (table)");
        for (Map.Entry<String, TreeMap<Long, Integer>> t : ix.tableEntries.entrySet()) {
            String m = "t_" + t.getKey();
            lookup.addStatement("case $L: return $L(key)", ix.tables.get(t.getKey()), m);
            MethodSpec.Builder tm = MethodSpec.methodBuilder(m).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(TypeName.INT).addParameter(TypeName.LONG, "key");
            if (t.getValue().isEmpty()) {
                tm.addStatement("return -1");
            } else {
                tm.beginControlFlow("if (key < $L || key > $L)", Integer.MIN_VALUE, Integer.MAX_VALUE).addStatement("return -1").endControlFlow();
                tm.beginControlFlow("switch ((int) key)");
                for (Map.Entry<Long, Integer> e : t.getValue().entrySet()) {
                    tm.addStatement("case $L: return $L", e.getKey(), ix.entries.get(e.getValue()).constant());
                }
                tm.addStatement("default: return -1").endControlFlow();
            }
            c.addMethod(tm.build());
        }
        lookup.addStatement("default: return -1").endControlFlow();
        c.addMethod(lookup.build());
        // table contents, for documentation and listings
        MethodSpec.Builder entries = MethodSpec.methodBuilder("entries").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(long[].class).addParameter(TypeName.INT, "table")
                .addJavadoc("The keys declared in {@code table}, ascending.\n").beginControlFlow("switch (table)");
        for (Map.Entry<String, TreeMap<Long, Integer>> t : ix.tableEntries.entrySet()) {
            StringBuilder keys = new StringBuilder();
            for (Long k : t.getValue().keySet()) keys.append(keys.length() == 0 ? "" : ", ").append(k).append('L');
            entries.addStatement("case $L: return new long[] {$L}", ix.tables.get(t.getKey()), keys);
        }
        entries.addStatement("default: return new long[0]").endControlFlow();
        c.addMethod(entries.build());
        return c.build();
    }
}
