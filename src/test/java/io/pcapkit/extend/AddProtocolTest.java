package io.pcapkit.extend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.testing.Corpus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's promise: adding a protocol is one .ksy file and no Java. A copy of grammars/ gets
 * one new grammar (a toy protocol on UDP port 9999); the generator and the Kaitai compiler run in
 * a separate JVM (ksc calls System.exit on a grammar error); the generated code is compiled; and a
 * capture carrying the protocol is dissected by the unchanged runtime and CLI in another JVM.
 */
class AddProtocolTest {
    static final String TOY = """
            meta:
              id: toy
              title: A toy protocol that proves grammars are all it takes
              license: MIT
              endian: be
              -pcapkit:
                name: TOY
                key: toy
                layer: application
                dispatch:
                  udp_port: 9999
            doc: A magic, a version, a count and that many 16-bit items.
            seq:
              - id: magic
                contents: [0x7e, 0x7e]
              - id: version
                type: u1
                valid: 1
              - id: kind
                type: u1
                -enum: kind
              - id: count
                type: u1
              - id: items
                type: u2
                repeat: expr
                repeat-expr: count
            enums:
              kind:
                1: ping
                2:
                  id: pong
                  -name: PONG
            """;

    @Test
    void aNewGrammarIsDissectedWithNoJavaWritten(@TempDir Path tmp) throws Exception {
        Path grammars = tmp.resolve("grammars");
        copyTree(Corpus.repoRoot().resolve("grammars"), grammars);
        Files.writeString(grammars.resolve("toy.ksy"), TOY);

        String cp = System.getProperty("java.class.path");
        Path gen = tmp.resolve("gen");
        Path ksc = tmp.resolve("ksc");
        run(List.of(java(), "-cp", cp, "io.pcapkit.generator.Main", "--grammars", grammars.toString(), "--out", gen.toString(),
                "--ksc-out", ksc.toString()), tmp.resolve("generator.log"));

        Path classes = tmp.resolve("classes");
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", cp, "-nowarn", "-proc:none"));
        try (Stream<Path> s = Stream.concat(Files.walk(gen), Files.walk(ksc))) {
            s.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, args.toArray(new String[0])), "generated code compiles");

        Path capture = tmp.resolve("toy.pcap");
        Files.write(capture, toyCapture());
        String out = run(List.of(java(), "-cp", classes + java.io.File.pathSeparator + cp, "io.pcapkit.cli.Main", "extract",
                capture.toString(), "-f", "json", "--no-progress"), tmp.resolve("extract.log"));
        // the JSON is pretty-printed: compare without its layout (no expected value holds whitespace)
        String flat = out.replaceAll("\\s+", "");
        assertTrue(flat.contains("\"protocols\":\"Ethernet:IPv4:UDP:TOY\""), out);
        assertTrue(flat.contains("\"toy\":{\"magic\":\"7e7e\",\"version\":1,\"kind\":{\"value\":2,\"name\":\"PONG\"},\"count\":3,\"items\":[1,2,65535]}"), out);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs a command, failing with its output when it does not exit 0; returns its standard output. */
    static String run(List<String> cmd, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        byte[] stdout = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out: " + cmd);
        String err = Files.readString(log);
        String out = new String(stdout, StandardCharsets.UTF_8);
        String main = cmd.stream().filter(a -> a.startsWith("io.pcapkit.")).findFirst().orElse(cmd.get(0));
        assertEquals(0, p.exitValue(), main + " failed:\n" + err + out);
        return out;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }

    /** A pcap with one Ethernet/IPv4/UDP frame to port 9999 carrying a toy message. */
    static byte[] toyCapture() {
        byte[] toy = {0x7e, 0x7e, 1, 2, 3, 0, 1, 0, 2, (byte) 0xff, (byte) 0xff};
        ByteBuffer f = ByteBuffer.allocate(14 + 20 + 8 + toy.length);
        f.put(new byte[] {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6}).putShort((short) 0x0800);
        f.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 8 + toy.length)).putShort((short) 1).putShort((short) 0)
                .put((byte) 64).put((byte) 17).putShort((short) 0).putInt(0x0a000001).putInt(0x0a000002);
        f.putShort((short) 40000).putShort((short) 9999).putShort((short) (8 + toy.length)).putShort((short) 0).put(toy);
        ByteBuffer pcap = ByteBuffer.allocate(24 + 16 + f.capacity()).order(ByteOrder.LITTLE_ENDIAN);
        pcap.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        pcap.putInt(1_700_000_000).putInt(0).putInt(f.capacity()).putInt(f.capacity()).put(f.array());
        return pcap.array();
    }
}
