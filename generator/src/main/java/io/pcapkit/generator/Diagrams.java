package io.pcapkit.generator;

import io.pcapkit.generator.model.Grammar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Diagrams of the grammars: the Kaitai compiler's graphviz target writes one .dot per grammar and
 * Graphviz's {@code dot} turns each into an SVG beside its field-reference page. Both run as
 * separate processes (the compiler exits the JVM on a grammar error).
 */
final class Diagrams {
    private Diagrams() {
    }

    /** A diagram per grammar is bounded in time: dot can be slow on big graphs, and docs never block a build for long. */
    private static final long DOT_SECONDS = 60;

    static boolean available() {
        try {
            Process p = new ProcessBuilder("dot", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static void write(Path grammarsDir, List<Grammar> grammars, Path docs) throws IOException {
        Path dotDir = docs.resolve("dot");
        Files.createDirectories(dotDir);
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-cp", System.getProperty("java.class.path"),
                "io.kaitai.struct.JavaMain", "--target", "graphviz", "--outdir", dotDir.toString(), "--import-path", grammarsDir.toString()));
        for (Grammar g : grammars) cmd.add(g.file.toString());
        run(cmd, "kaitai-struct-compiler --target graphviz");
        try (var s = Files.walk(dotDir)) {
            for (Path dot : s.filter(p -> p.toString().endsWith(".dot")).toList()) {
                String id = dot.getFileName().toString().replaceFirst("\\.dot$", "");
                run(List.of("dot", "-Tsvg", "-o", docs.resolve(id + ".svg").toString(), dot.toString()), "dot " + id);
            }
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void run(List<String> cmd, String what) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(DOT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(what + ": timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + ": interrupted");
        }
        if (p.exitValue() != 0) throw new IOException(what + " failed:\n" + new String(out));
    }
}
