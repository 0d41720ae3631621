package io.pcapkit.gentest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import io.pcapkit.dissect.Dispatcher;
import io.pcapkit.dissect.LayerCodec;
import io.pcapkit.generator.emit.FastCodecEmitter;
import io.pcapkit.generator.emit.FieldsEmitter;
import io.pcapkit.generator.emit.OutputPlan;
import io.pcapkit.generator.emit.ProtocolIndex;
import io.pcapkit.generator.emit.ProtocolsEmitter;
import io.pcapkit.generator.emit.Registries;
import io.pcapkit.generator.model.Grammar;
import io.pcapkit.generator.model.GrammarLoader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code next} whose only rule names a protocol without an {@code if} (PPPoE's session payload
 * is always PPP): the emitted {@code next} returns it and has no unreachable fallback, which
 * javac would reject.
 */
class UnconditionalNextTest {
    static final String GRAMMAR = """
            meta:
              id: wrapper
              endian: be
              -pcapkit:
                name: Wrapper
                layer: link
                dispatch:
                  linktype: 148
                payload-length: length
                next:
                  - protocol: wrapper
            seq:
              - id: length
                type: u1
            """;

    @TempDir
    Path dir;

    @Test
    void anUnconditionalProtocolRuleCompilesAndDispatches() throws Exception {
        Path grammars = Files.createDirectories(dir.resolve("grammars"));
        Path ksy = grammars.resolve("wrapper.ksy");
        Files.writeString(ksy, GRAMMAR, StandardCharsets.UTF_8);
        Grammar g = GrammarLoader.load(grammars, ksy);
        ProtocolIndex index = new ProtocolIndex(List.of(g));
        OutputPlan plan = new OutputPlan(g, Registries.load(grammars.resolve("registry")), 0);
        String pkg = "io.pcapkit.gentest.wrapper";
        Path src = dir.resolve("src");
        List<TypeSpec> types = List.of(FieldsEmitter.emit(g, plan), new FastCodecEmitter(g, plan, pkg, index).emit(),
                ProtocolsEmitter.emit(index, Map.of("wrapper", true), Map.of(), plan.nextId()));
        for (TypeSpec t : types) JavaFile.builder(pkg, t).build().writeTo(src);
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(src)) {
            s.filter(p -> p.toString().endsWith(".java")).forEach(p -> files.add(p.toString()));
        }
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-classpath", cp, "-d", classes.toString(), "--release", "17", "-Xlint:none"));
        args.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        assertEquals(0, javac.run(null, null, err, args.toArray(new String[0])), "emitted code compiles:\n" + err);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            LayerCodec c = (LayerCodec) loader.loadClass(pkg + ".WrapperCodec").getConstructor().newInstance();
            assertEquals(1, c.decode(ByteBuffer.wrap(new byte[] {3, 1, 2, 3}), 0, 4));
            assertEquals(3, c.payloadLength());
            Dispatcher none = (table, key) -> -1;
            assertEquals(0, c.next(none), "the rule needs no table: protocol wrapper (id 0)");
        }
    }
}
