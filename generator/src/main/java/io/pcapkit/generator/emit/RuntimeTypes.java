package io.pcapkit.generator.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.Modifier;

/**
 * What the runtime provides to grammars beyond Kaitai's built-in types: primitive types (an
 * opaque type to the Kaitai compiler, {@code ks-opaque-types: true}) and processors
 * ({@code process:}). Each has one implementation in the runtime that both codecs use; the
 * generator emits the small adapters the Kaitai-generated parsers instantiate by name in their
 * package.
 */
public final class RuntimeTypes {
    private RuntimeTypes() {
    }

    /**
     * A primitive type: its in-place length and validity come from {@code scan}, its text from
     * {@code renderer}; its one argument names the stream its references resolve in.
     *
     * @param name       the type name grammars use
     * @param helper     the runtime class with {@code scan(b, base, end, p, limit)}, {@code reason(code)}
     *                   and {@code RENDERER}
     * @param struct     the runtime base of the Kaitai adapter (a KaitaiStruct taking (own, arg))
     */
    public record Primitive(String name, String helper, String struct) {
        public String adapter() {
            return Naming.upperCamel(name);
        }
    }

    /** A processor ({@code process: name(arg)}): {@code impl} is its runtime class's instance. */
    public record Processor(String name, String impl) {
        public String adapter() {
            return Naming.upperCamel(name);
        }
    }

    public static final Map<String, Primitive> PRIMITIVES = new TreeMap<>(Map.of(
            "dns_name", new Primitive("dns_name", "io.pcapkit.dissect.prim.DnsName", "io.pcapkit.dissect.prim.DnsNameStruct")));

    public static final Map<String, Processor> PROCESSORS = new TreeMap<>(Map.of(
            "hpack", new Processor("hpack", "io.pcapkit.dissect.proc.Hpack.INSTANCE")));

    public static boolean isPrimitive(String type) {
        return type != null && PRIMITIVES.containsKey(type);
    }

    /** The adapters, in package {@code io.pcapkit.kaitai}, that the Kaitai-generated parsers use. */
    public static List<TypeSpec> adapters() {
        ClassName stream = ClassName.get("io.kaitai.struct", "KaitaiStream");
        java.util.ArrayList<TypeSpec> out = new java.util.ArrayList<>();
        for (Primitive p : PRIMITIVES.values()) {
            out.add(TypeSpec.classBuilder(p.adapter()).addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                    .superclass(ClassName.bestGuess(p.struct()))
                    .addJavadoc("The runtime primitive type {@code $L} for Kaitai-generated parsers. Generated: do not edit.\n", p.name())
                    .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                            .addParameter(stream, "own").addParameter(stream, "arg").addStatement("super(own, arg)").build())
                    .build());
        }
        ClassName decoder = ClassName.get("io.kaitai.struct", "CustomDecoder");
        for (Processor p : PROCESSORS.values()) {
            MethodSpec decode = MethodSpec.methodBuilder("decode").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                    .returns(byte[].class).addParameter(byte[].class, "src")
                    .addStatement("io.pcapkit.dissect.DissectContext ctx = io.pcapkit.dissect.DissectContext.current()")
                    .addStatement("int n = ctx.process($L, java.nio.ByteBuffer.wrap(src), 0, src.length, arg)", p.impl())
                    .beginControlFlow("if (n == io.pcapkit.dissect.proc.Processor.TRUNCATED)")
                    .addStatement("throw new io.pcapkit.dissect.BoundedKaitaiStream.Truncated(src.length + 1, src.length)")
                    .endControlFlow()
                    .beginControlFlow("if (n < 0)")
                    .addStatement("throw new IllegalArgumentException(ctx.failure())")
                    .endControlFlow()
                    .addStatement("byte[] out = new byte[n]")
                    .addStatement("ctx.resultBuffer().get(ctx.resultOffset(), out, 0, n)")
                    .addStatement("return out")
                    .build();
            out.add(TypeSpec.classBuilder(p.adapter()).addModifiers(Modifier.PUBLIC, Modifier.FINAL).addSuperinterface(decoder)
                    .addJavadoc("The runtime processor {@code $L} for Kaitai-generated parsers. Generated: do not edit.\n", p.name())
                    .addField(TypeName.LONG, "arg", Modifier.PRIVATE, Modifier.FINAL)
                    .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC).addStatement("this.arg = 0").build())
                    .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC).addParameter(TypeName.LONG, "arg")
                            .addStatement("this.arg = arg").build())
                    .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC).addParameter(TypeName.INT, "arg")
                            .addStatement("this.arg = arg").build())
                    .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC).addParameter(TypeName.BOOLEAN, "arg")
                            .addStatement("this.arg = arg ? 1 : 0").build())
                    .addMethod(decode).build());
        }
        return out;
    }
}
