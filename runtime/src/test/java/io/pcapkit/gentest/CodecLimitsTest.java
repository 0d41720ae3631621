package io.pcapkit.gentest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.dissect.ErrorKind;
import io.pcapkit.dissect.LayerCodec;
import io.pcapkit.dissect.Limits;
import io.pcapkit.frame.InfoBuilder;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounds inside one layer, which the core grammars cannot reach (their headers are too short
 * for 65,536 options and nest no type in itself), on toy grammars run through the real generator
 * and Kaitai compiler: items per list ({@link Limits#MAX_LIST_ITEMS}) and nesting of types
 * ({@link Limits#MAX_TYPE_DEPTH}) in the fast codecs; in the Kaitai-backed codecs, a type nested
 * in itself as deep as the input goes (a stack overflow, reported as LIMIT_EXCEEDED) and
 * instances that are parsed lazily (their failure fails the layer, in decode as in emit).
 */
class CodecLimitsTest {
    static final String DEEP = """
            meta:
              id: deep_toy
              endian: be
              -pcapkit:
                name: DeepToy
                layer: internet
                dispatch:
                  linktype: 147
            seq:
              - id: kind
                type: u1
              - id: flat
                type: u1
                repeat: eos
                if: kind == 1
                -json: flat
              - id: tree
                type: node
                if: kind == 2
            types:
              node:
                seq:
                  - id: more
                    type: u1
                  - id: child
                    type: node
                    if: more != 0
            """;

    /** A positional instance: no fast path, so the Kaitai-backed codec is this grammar's only codec. */
    static final String LAZY = """
            meta:
              id: lazy_toy
              endian: be
              -pcapkit:
                name: LazyToy
                layer: internet
                dispatch:
                  linktype: 148
            seq:
              - id: offset
                type: u1
            instances:
              far:
                pos: offset
                type: u4
                -json: far
            """;

    @TempDir
    static Path dir;
    static ClassLoader loader;

    @BeforeAll
    static void generateAndCompile() throws Exception {
        Path grammars = Files.createDirectories(dir.resolve("grammars"));
        Files.writeString(grammars.resolve("deep_toy.ksy"), DEEP, StandardCharsets.UTF_8);
        Files.writeString(grammars.resolve("lazy_toy.ksy"), LAZY, StandardCharsets.UTF_8);
        Path registry = Files.createDirectories(grammars.resolve("registry"));
        try (Stream<Path> s = Files.list(io.pcapkit.testing.Corpus.repoRoot().resolve("grammars/registry"))) {
            for (Path p : (Iterable<Path>) s::iterator) Files.copy(p, registry.resolve(p.getFileName()));
        }
        Path gen = dir.resolve("gen");
        Path ksc = dir.resolve("ksc");
        io.pcapkit.generator.Main.main(new String[] {"--grammars", grammars.toString(), "--out", gen.toString(), "--ksc-out", ksc.toString()});

        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Stream.concat(Files.walk(gen), Files.walk(ksc))) {
            // only the toys' classes: the real generated ones are already on the class path
            s.filter(p -> p.toString().endsWith(".java") && (p.getFileName().toString().contains("Toy"))).forEach(p -> files.add(p.toString()));
        }
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-classpath", cp, "-d", classes.toString(), "--release", "17", "-Xlint:none", "-proc:none"));
        args.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        assertEquals(0, javac.run(null, null, err, args.toArray(new String[0])), "generated code compiles:\n" + err);
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, CodecLimitsTest.class.getClassLoader());
    }

    private static LayerCodec codec(String name) throws Exception {
        return (LayerCodec) loader.loadClass("io.pcapkit.gen." + name).getConstructor().newInstance();
    }

    private static byte[] bytes(int kind, int n, int fill) {
        byte[] b = new byte[1 + n];
        b[0] = (byte) kind;
        Arrays.fill(b, 1, b.length, (byte) fill);
        return b;
    }

    private static int decode(LayerCodec c, byte[] b) {
        return c.decode(ByteBuffer.wrap(b), 0, b.length);
    }

    @Test
    void itemsPerListStopAtTheLimit() throws Exception {
        LayerCodec c = codec("DeepToyCodec");
        byte[] most = bytes(1, Limits.MAX_LIST_ITEMS, 7);
        assertEquals(most.length, decode(c, most), "as many items as the limit allows");
        byte[] over = bytes(1, Limits.MAX_LIST_ITEMS + 1, 7);
        assertEquals(LayerCodec.ERROR, decode(c, over));
        assertEquals(ErrorKind.LIMIT_EXCEEDED, c.errorKind(), c.errorReason());
        assertTrue(c.errorReason().contains(String.valueOf(Limits.MAX_LIST_ITEMS)), c.errorReason());
        assertTrue(c.errorOffset() > 0 && c.errorOffset() <= over.length, "offset " + c.errorOffset());
    }

    @Test
    void nestingOfTypesStopsAtTheLimit() throws Exception {
        LayerCodec c = codec("DeepToyCodec");
        // n nodes, each but the last with more = 1: node k sits at nesting depth k
        for (int n = 1; n <= Limits.MAX_TYPE_DEPTH + 4; n++) {
            byte[] b = bytes(2, n, 1);
            b[b.length - 1] = 0;
            int he = decode(c, b);
            if (n <= Limits.MAX_TYPE_DEPTH) {
                assertEquals(b.length, he, n + " nodes: " + c.errorReason());
            } else {
                assertEquals(LayerCodec.ERROR, he, n + " nodes");
                assertEquals(ErrorKind.LIMIT_EXCEEDED, c.errorKind(), c.errorReason());
                assertTrue(c.errorReason().contains(String.valueOf(Limits.MAX_TYPE_DEPTH)), c.errorReason());
            }
        }
    }

    /** The Kaitai-backed codec has no depth count: a node chain as long as the input overflows the stack, which is reported. */
    @Test
    void aReferenceCodecNestedPastTheStackIsALimit() throws Exception {
        LayerCodec c = codec("DeepToyKaitaiCodec");
        byte[] shallow = bytes(2, 10, 1);
        shallow[shallow.length - 1] = 0;
        assertEquals(shallow.length, decode(c, shallow));
        byte[] deep = bytes(2, 1 << 20, 1);
        assertEquals(LayerCodec.ERROR, decode(c, deep));
        assertTrue(c.errorKind() == ErrorKind.LIMIT_EXCEEDED || c.errorKind() == ErrorKind.TRUNCATED, c.errorKind() + ": " + c.errorReason());
        // and the codec is fine afterwards
        assertEquals(shallow.length, decode(c, shallow));
    }

    /** A positional instance past the end fails the layer in decode (without a sink) as in emit, never escaping. */
    @Test
    void lazyInstancesFailTheLayer() throws Exception {
        LayerCodec c = codec("LazyToyKaitaiCodec");
        byte[] ok = {1, 0, 0, 0, 42};
        assertEquals(1, decode(c, ok), c.errorKind() + ": " + c.errorReason());
        InfoBuilder sink = new InfoBuilder().reset();
        c.emit(ByteBuffer.wrap(ok), sink);
        assertEquals(42L, sink.fields().get("far"));
        byte[] far = {100, 0, 0, 0, 42};
        assertEquals(LayerCodec.ERROR, decode(c, far));
        assertEquals(ErrorKind.TRUNCATED, c.errorKind(), c.errorReason());
        assertEquals(LayerCodec.ERROR, c.walk(ByteBuffer.wrap(far), 0, far.length, new InfoBuilder().reset()));
    }
}
