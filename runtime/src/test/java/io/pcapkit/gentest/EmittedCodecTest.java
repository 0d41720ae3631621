package io.pcapkit.gentest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import io.pcapkit.dissect.Dispatcher;
import io.pcapkit.dissect.ErrorKind;
import io.pcapkit.dissect.LayerCodec;
import io.pcapkit.frame.EnumValue;
import io.pcapkit.frame.Info;
import io.pcapkit.frame.InfoBuilder;
import io.pcapkit.generator.emit.FastCodecEmitter;
import io.pcapkit.generator.emit.FieldsEmitter;
import io.pcapkit.generator.emit.OutputPlan;
import io.pcapkit.generator.emit.ProtocolIndex;
import io.pcapkit.generator.emit.ProtocolsEmitter;
import io.pcapkit.generator.emit.Registries;
import io.pcapkit.generator.model.Grammar;
import io.pcapkit.generator.model.GrammarLoader;
import java.io.File;
import java.lang.reflect.Method;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs the generator's fast path for a small grammar that uses its features (bit
 * fields in a -json group with -value, valid, an enum, an optional field, a repeated nested type
 * that shares its parent's stream and reads {@code _io.pos}, an output instance, payload-length,
 * fragment and next rules, one of them quoted). It lives with the runtime because emitted code links the runtime's
 * API; it is a generator test.
 */
class EmittedCodecTest {
    static final String GRAMMAR = """
            meta:
              id: demo
              endian: be
              -pcapkit:
                name: Demo
                layer: internet
                dispatch:
                  linktype: 147
                payload-length: "total - hdr_words * 4"
                fragment: more
                next:
                  - if: kind == 1
                    protocol: demo
                    quoted: true
                  - table: demo_kind
                    key: kind
            seq:
              - id: version
                type: b4
                valid: 2
              - id: hdr_words
                type: b3
                -json: hdr.len
                -value: _ * 4
              - id: more
                type: b1
                -json: hdr.more
              - id: kind
                type: u1
                -enum: kinds
              - id: total
                type: u2
              - id: extra
                type: u2
                if: kind != 1
                -format: hex
              - id: body
                size: hdr_words * 4 - 5
                type: items
                -flatten: true
            types:
              items:
                seq:
                  - id: entries
                    type: item
                    repeat: eos
                    -json: items
              item:
                seq:
                  - id: tag
                    type: u1
                  # Kaitai: an unsized type shares its parent's stream, so _io.pos counts from the
                  # start of body, not of the item: only the first item has a 2-byte value
                  - id: value
                    size: "_io.pos == 1 ? 2 : 1"
            instances:
              double_total:
                value: total * 2
                -json: double_total
            enums:
              kinds:
                1: {id: again, -name: Again}
                2: {id: other, -name: Other}
            """;

    @TempDir
    static Path dir;
    static Class<?> codecClass;
    static Method lookup;

    @BeforeAll
    static void generateAndCompile() throws Exception {
        Path grammars = Files.createDirectories(dir.resolve("grammars"));
        Path ksy = grammars.resolve("demo.ksy");
        Files.writeString(ksy, GRAMMAR, StandardCharsets.UTF_8);
        Grammar g = GrammarLoader.load(grammars, ksy);
        ProtocolIndex index = new ProtocolIndex(List.of(g));
        OutputPlan plan = new OutputPlan(g, Registries.load(grammars.resolve("registry")), 0);
        String pkg = "io.pcapkit.gentest.out";
        Path src = dir.resolve("src");
        List<TypeSpec> types = List.of(FieldsEmitter.emit(g, plan), new FastCodecEmitter(g, plan, pkg, index).emit(),
                ProtocolsEmitter.emit(index, Map.of("demo", true), Map.of(), plan.nextId()));
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
        int rc = javac.run(null, null, err, args.toArray(new String[0]));
        assertEquals(0, rc, "emitted code compiles:\n" + err);

        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, EmittedCodecTest.class.getClassLoader());
        codecClass = loader.loadClass(pkg + ".DemoCodec");
        lookup = loader.loadClass(pkg + ".Protocols").getMethod("lookup", int.class, long.class);
    }

    private static LayerCodec codec() throws Exception {
        return (LayerCodec) codecClass.getConstructor().newInstance();
    }

    private static final byte[] PACKET = {
        0x26, 0x02, 0x00, 0x14, (byte) 0xBE, (byte) 0xEF, // version 2, 3 words, more 0; kind 2; total 20; extra
        0x0A, 0x01, 0x02, 0x0B, 0x03, 0x0C, 0x04,          // items: (10, 0102), (11, 03), (12, 04)
        1, 2, 3, 4, 5, 6, 7, 8, 9                          // payload (8 bytes by total) and a trailer
    };

    @Test
    void decodesFieldsBoundsAndDispatch() throws Exception {
        LayerCodec c = codec();
        InfoBuilder b = new InfoBuilder().reset();
        int he = c.walk(ByteBuffer.wrap(PACKET), 0, PACKET.length, b);
        assertEquals(13, he, "header end");
        assertEquals(8, c.payloadLength(), "total - hdr_words * 4");
        assertEquals(false, c.isFragment());
        Info i = b.fields();
        assertEquals(2L, i.get("version"));
        assertEquals(12L, i.get("hdr.len"), "-value: _ * 4");
        assertEquals(false, i.get("hdr.more"));
        assertEquals(new EnumValue(2, "Other"), i.get("kind"));
        assertEquals(20L, i.get("total"));
        assertEquals(0xBEEFL, i.get("extra"));
        assertEquals(List.of(Map.of("tag", 10L, "value", "0102"), Map.of("tag", 11L, "value", "03"), Map.of("tag", 12L, "value", "04")),
                i.get("items"));
        assertEquals(40L, i.get("double_total"));
        assertEquals(List.of("version", "hdr", "kind", "total", "extra", "items", "double_total"), List.copyOf(i.keySet()));

        Dispatcher d = (table, key) -> {
            try {
                return (int) lookup.invoke(null, table, key);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        };
        assertEquals(-1, c.next(d), "kind 2 is in no table");
        assertEquals(false, c.nextQuoted(), "only the quoted rule marks the payload");
        byte[] again = PACKET.clone();
        again[1] = 1;
        again[0] = 0x27; // more set
        // kind 1 drops 'extra' (if: kind != 1): the body starts 2 bytes earlier
        assertEquals(11, c.decode(ByteBuffer.wrap(again), 0, again.length));
        assertEquals(0, c.next(d), "kind 1 goes to protocol demo (id 0)");
        assertTrue(c.nextQuoted(), "a rule with quoted: true marks its payload as a quoted datagram");
        assertTrue(c.isFragment(), "fragment: more");
    }

    @Test
    void failuresNameTheFieldAndShowTheBadValue() throws Exception {
        LayerCodec c = codec();
        byte[] bad = PACKET.clone();
        bad[0] = 0x36; // version 3
        InfoBuilder b = new InfoBuilder().reset();
        assertEquals(LayerCodec.ERROR, c.walk(ByteBuffer.wrap(bad), 0, bad.length, b));
        assertEquals(ErrorKind.INVALID, c.errorKind());
        assertEquals("version", c.errorField().path);
        assertEquals(3L, b.fields().get("version"), "the bad value is shown before the failure");

        assertEquals(LayerCodec.ERROR, c.decode(ByteBuffer.wrap(PACKET), 0, 11));
        assertEquals(ErrorKind.TRUNCATED, c.errorKind(), "the body runs past the bytes present");
        assertEquals(LayerCodec.ERROR, c.decode(ByteBuffer.wrap(PACKET), 0, 3));
        assertEquals(ErrorKind.TRUNCATED, c.errorKind());
        assertEquals("total", c.errorField().path);
        assertTrue(c.errorReason().contains("needs 2 bytes, 1 available"), c.errorReason());
    }
}
