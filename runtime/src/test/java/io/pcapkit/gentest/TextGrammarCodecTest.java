package io.pcapkit.gentest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import io.pcapkit.dissect.ErrorKind;
import io.pcapkit.dissect.LayerCodec;
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
 * Compiles and runs the fast path of a small text grammar that uses the generic capabilities the
 * application grammars brought: lines as terminator-bounded types, repeat-until over a user type
 * (its condition on the element, {@code _.is_end}), positional instances (a peek at the first
 * bytes), text comparisons and {@code to_i}, {@code -value} on text, lookups over a list, a
 * variant chain token, payload-required, a heuristic, a parameter set by a dispatch key, a dotted
 * group that appears only when one of its conditional fields does, and the {@code dns_name}
 * runtime primitive.
 */
class TextGrammarCodecTest {
    static final String GRAMMAR = """
            meta:
              id: texty
              endian: be
              ks-opaque-types: true
              -pcapkit:
                name: TEXTY
                layer: application
                dispatch:
                  udp_port:
                    - 7000
                    - {value: 7001, params: {prefixed: true}}
                heuristic:
                  match: 'TX/[0-9] '
                  guard: true
                variants:
                  - if: 'version == "TX/2"'
                    name: TEXTY2
                lookups:
                  size:
                    in: fields
                    if: '_.key.equals_ignore_case("size")'
                    value: _.val.to_i
                    default: -1
                  flagged:
                    in: fields
                    if: '_.key == "flag"'
                    value: 'true'
                    default: 'false'
                payload-length: 'size >= 0 ? size : _rest'
                payload-required: true
            params:
              - id: prefixed
                type: bool
            seq:
              - id: prefix
                type: u1
                if: prefixed
              - id: version
                type: str
                terminator: 0x20
                encoding: UTF-8
                if: is_tx
                -json: head.version
              - id: code
                size: 3
                if: is_tx
                -json: head.code
                -value: _.to_i
              - id: eol
                contents: [0x0a]
                -hide: true
              - id: fields
                type: field_line
                terminator: 0x0a
                repeat: until
                repeat-until: _.is_end
              - id: origin
                type: dns_name(_io)
                if: not _io.eof and size < 0
            instances:
              magic:
                pos: 'prefixed ? 1 : 0'
                size: 3
                if: _io.size >= 4
              is_tx:
                value: magic == "TX/"
            types:
              field_line:
                seq:
                  - id: key
                    terminator: 0x3d
                    -format: text
                    if: not is_end
                  - id: val
                    size-eos: true
                    -format: text
                    if: not is_end
                instances:
                  is_end:
                    value: _io.size == 0
            """;

    @TempDir
    static Path dir;
    static Class<?> codecClass;
    static Class<?> protocols;

    @BeforeAll
    static void generateAndCompile() throws Exception {
        Path grammars = Files.createDirectories(dir.resolve("grammars"));
        Path ksy = grammars.resolve("texty.ksy");
        Files.writeString(ksy, GRAMMAR, StandardCharsets.UTF_8);
        Grammar g = GrammarLoader.load(grammars, ksy);
        // a parent naming the table, so that the dispatch keys have a table to go in
        Path udp = grammars.resolve("udpish.ksy");
        Files.writeString(udp, """
                meta:
                  id: udpish
                  endian: be
                  -pcapkit:
                    name: UDPISH
                    layer: transport
                    next:
                      - table: udp_port
                        key: port
                seq:
                  - id: port
                    type: u2
                """, StandardCharsets.UTF_8);
        Grammar parent = GrammarLoader.load(grammars, udp);
        ProtocolIndex index = new ProtocolIndex(List.of(parent, g));
        OutputPlan plan = new OutputPlan(g, Registries.load(grammars.resolve("registry")), 0);
        String pkg = "io.pcapkit.gentest.text";
        Path src = dir.resolve("src");
        List<TypeSpec> types = List.of(FieldsEmitter.emit(g, plan), new FastCodecEmitter(g, plan, pkg, index).emit(),
                ProtocolsEmitter.emit(index, Map.of("texty", true), Map.of(), plan.nextId()));
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
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, TextGrammarCodecTest.class.getClassLoader());
        codecClass = loader.loadClass(pkg + ".TextyCodec");
        protocols = loader.loadClass(pkg + ".Protocols");
    }

    private static LayerCodec codec() throws Exception {
        return (LayerCodec) codecClass.getConstructor().newInstance();
    }

    private static int protocol(String constant) throws Exception {
        return protocols.getField(constant).getInt(null);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private record Result(int headerEnd, Info fields, LayerCodec codec) {
    }

    private static Result walk(String text, String entry) throws Exception {
        LayerCodec c = codec();
        c.bind(protocol(entry));
        byte[] b = bytes(text);
        InfoBuilder ib = new InfoBuilder().reset();
        int he = c.walk(ByteBuffer.wrap(b), 0, b.length, ib);
        return new Result(he, ib.fields(), c);
    }

    @Test
    void linesListsLookupsAndTextValues() throws Exception {
        Result r = walk("TX/1 200\nsize=3\nFlag=x\n\nabc", "P_TEXTY");
        assertEquals(27 - 3, r.headerEnd());
        Info f = r.fields();
        assertEquals(Map.of("version", "TX/1", "code", 200L), f.get("head"), "a text field shown as a number with -value: _.to_i");
        assertEquals(List.of(Map.of("key", "size", "val", "3"), Map.of("key", "Flag", "val", "x")), f.get("fields"),
                "repeat-until over a terminator-bounded type: the empty line ends the list (the header ends after it) and, "
                        + "with no field to show, is left out");
        assertEquals(3, r.codec().payloadLength(), "the lookup (any case) gives the payload length");
        assertEquals(-1, r.codec().variant(protocol("P_TEXTY")), "TX/1 keeps the chain token");
        assertNull(f.get("origin"), "size >= 0: no name");
    }

    @Test
    void variantsParamsAndConditionalGroups() throws Exception {
        assertEquals(protocol("P_TEXTY__TEXTY2"), walk("TX/2 200\n\n", "P_TEXTY").codec().variant(protocol("P_TEXTY")));
        // the second dispatch key sets 'prefixed': one byte before the magic
        Result p = walk("\u0007TX/2 201\nsize=0\n\n", "P_TEXTY__TEXTY__PREFIXED_TRUE");
        assertEquals(7L, p.fields().get("prefix"));
        assertEquals(201L, ((Map<?, ?>) p.fields().get("head")).get("code"));
        // not TX: every field of group 'head' is absent, so is the group
        Result n = walk("XX/1 000\n\n", "P_TEXTY");
        assertFalse(n.fields().containsKey("head"), n.fields().toString());
    }

    @Test
    void cutMessagesAreTruncatedAndBadLinesFail() throws Exception {
        Result r = walk("TX/1 200\nsize=10\n\nabc", "P_TEXTY");
        assertEquals(LayerCodec.ERROR, r.headerEnd());
        assertEquals(ErrorKind.TRUNCATED, r.codec().errorKind(), "payload-required: 10 bytes declared, 3 present");
        assertEquals("payload_length", r.codec().errorField().path);
        r = walk("TX/1 200\nsize=1\nno-blank-line-yet", "P_TEXTY");
        assertEquals(ErrorKind.TRUNCATED, r.codec().errorKind(), "a line without its terminator");
        r = walk("TX/1 200\nsize\n\n", "P_TEXTY");
        assertEquals(ErrorKind.INVALID, r.codec().errorKind(), "a field line without '=' is bad, not cut (the line ended)");
    }

    @Test
    void heuristicAndPrimitive() throws Exception {
        LayerCodec c = codec();
        assertTrue(c.heuristic(ByteBuffer.wrap(bytes("TX/3 abc")), 0, 8));
        assertFalse(c.heuristic(ByteBuffer.wrap(bytes("GET / HTTP/1.1")), 0, 14));
        assertFalse(c.heuristic(ByteBuffer.wrap(bytes("TX/3 abc")), 0, 4), "only the bytes present are looked at");
        // no size field: a compressed name follows, its pointer resolving in the layer's stream
        Result r = walk("TX/1 200\n\n\u0003www\u0007example\u0000\u0003ftp\u00c0\n", "P_TEXTY");
        assertEquals("www.example", r.fields().get("origin"));
        // a name pointing at itself is Wireshark's note, and the layer goes on
        Result loop = walk("TX/1 200\n\n\u00c0\n", "P_TEXTY");
        assertEquals(io.pcapkit.dissect.prim.DnsName.LOOP_TEXT, loop.fields().get("origin"));
        Result outside = walk("TX/1 200\n\n\u00c1\u00f4", "P_TEXTY");
        assertEquals(ErrorKind.INVALID, outside.codec().errorKind(), "a pointer outside the message");
        assertTrue(outside.codec().errorReason().contains("outside"), outside.codec().errorReason());
    }
}
