package io.pcapkit.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the third-party capture corpus ({@code ../shared/testdata/captures}, never copied into
 * this repository): {@code PCAPKIT_CORPUS}, else relative to the repository root. Tests skip with a
 * message when it is absent on a user's machine, and fail in CI ({@code CI=true}).
 */
public final class Corpus {
    private Corpus() {
    }

    /** The repository root (tests may run in a module folder). */
    public static Path repoRoot() {
        String prop = System.getProperty("pcapkit.root");
        if (prop != null) return Paths.get(prop).toAbsolutePath().normalize();
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("grammars"))) p = p.getParent();
        return p == null ? Paths.get("").toAbsolutePath() : p;
    }

    /** The corpus folder, or null when it is absent. */
    public static Path find() {
        String env = System.getenv("PCAPKIT_CORPUS");
        if (env != null && !env.isBlank() && Files.isDirectory(Paths.get(env))) return Paths.get(env);
        Path p = repoRoot().resolve("../shared/testdata/captures").normalize();
        return Files.isDirectory(p) ? p : null;
    }

    /** The corpus folder; skips the test when absent (fails in CI). */
    public static Path require() {
        Path p = find();
        if (p == null) {
            String msg = "third-party capture corpus not found (set PCAPKIT_CORPUS or place it at ../shared/testdata/captures)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(msg + ": it is required in CI");
            assumeTrue(false, msg + ": skipping");
        }
        return p;
    }

    /** One MANIFEST.tsv row, by column name. */
    public record Entry(Path file, Map<String, String> columns) {
        public String name() {
            return file.getFileName().toString();
        }

        public String get(String column) {
            return columns.get(column);
        }
    }

    /** Every capture listed in MANIFEST.tsv (skips the test when the corpus is absent). */
    public static List<Entry> manifest() {
        Path dir = require();
        List<Entry> out = new ArrayList<>();
        try {
            List<String> header = null;
            for (String line : Files.readAllLines(dir.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8)) {
                if (line.startsWith("#") || line.isBlank()) continue;
                String[] cols = line.split("\t", -1);
                if (header == null) {
                    header = List.of(cols);
                    continue;
                }
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < header.size() && i < cols.length; i++) m.put(header.get(i), cols[i]);
                out.add(new Entry(dir.resolve(cols[0]), m));
            }
        } catch (IOException e) {
            fail("cannot read MANIFEST.tsv: " + e);
        }
        return out;
    }
}
