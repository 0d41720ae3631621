package io.pcapkit.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pcapkit.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed seeds of the fuzz targets' regression corpus are those {@link SeedCorpus} makes
 * from our captures: a seed whose bytes differ fails (a capture changed under it). Seeds that are
 * not committed yet (a new grammar dissects our captures deeper, which renames the layer seeds)
 * are listed, not failed: the targets reach a new grammar without them, and
 * {@code -Dpcapkit.seeds.update=true} writes them. A file that is no seed any more fails too (the
 * update removes it); Jazzer's findings and corpus entries, named as Jazzer names them, and the
 * findings kept under names of their own (listed in {@code docs/fuzzing.md}) are left alone.
 */
class SeedCorpusTest {
    /** What Jazzer writes: findings ({@code crash-…}, {@code timeout-…}, …) and corpus entries (a SHA-1). */
    private static final java.util.regex.Pattern JAZZER_NAMES = java.util.regex.Pattern.compile("(crash|timeout|slow-unit|leak|oom)-.*|[0-9a-f]{40}");

    static Path folder() {
        return Corpus.repoRoot().resolve("runtime/src/test/resources/io/pcapkit/fuzz");
    }

    @Test
    void committedSeedsAreCurrent() throws IOException {
        Map<String, byte[]> seeds = SeedCorpus.make();
        Path dir = folder();
        boolean update = Boolean.getBoolean("pcapkit.seeds.update");
        List<String> stale = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : seeds.entrySet()) {
            Path p = dir.resolve(e.getKey());
            boolean there = Files.isRegularFile(p);
            if (there && Arrays.equals(Files.readAllBytes(p), e.getValue())) continue;
            if (update) {
                Files.createDirectories(p.getParent());
                Files.write(p, e.getValue());
            } else {
                (there ? stale : absent).add(e.getKey());
            }
        }
        if (!absent.isEmpty()) {
            System.out.println("SeedCorpusTest: " + absent.size() + " seeds not committed yet (write them with -Dpcapkit.seeds.update=true): "
                    + absent.subList(0, Math.min(20, absent.size())));
        }
        if (!stale.isEmpty()) {
            fail(stale.size() + " committed fuzz seeds differ from what SeedCorpus makes (run the test with "
                    + "-Dpcapkit.seeds.update=true and commit them): " + stale.subList(0, Math.min(20, stale.size())));
        }
        // files a seed of an earlier version left behind (a grammar renamed, a capture gone): replayed
        // by every build for nothing; Jazzer's findings and corpus entries are named otherwise
        List<String> orphans = new ArrayList<>();
        String findings = Files.readString(Corpus.repoRoot().resolve("docs/fuzzing.md"));
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                String name = p.getFileName().toString();
                // a finding kept under a name of its own is in docs/fuzzing.md's table
                if (seeds.containsKey(rel) || JAZZER_NAMES.matcher(name).matches() || findings.contains("/" + name + "`")) continue;
                if (update) Files.delete(p);
                else orphans.add(rel);
            }
        }
        if (!orphans.isEmpty()) {
            fail(orphans.size() + " files in the fuzz inputs are no seed SeedCorpus makes and no Jazzer finding (run the test with "
                    + "-Dpcapkit.seeds.update=true to remove them, or list a finding kept under its own name in docs/fuzzing.md): " + orphans.subList(0, Math.min(20, orphans.size())));
        }
        long total = 0;
        for (byte[] b : seeds.values()) total += b.length;
        // small files: the corpus is replayed by every mvn verify
        assertTrue(total < 1 << 20, "seeds take " + total + " bytes");
    }
}
