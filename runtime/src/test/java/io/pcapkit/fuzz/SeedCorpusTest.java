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
 * {@code -Dpcapkit.seeds.update=true} writes them (other files in the folders, such as findings
 * and minimised corpus entries, are left alone).
 */
class SeedCorpusTest {
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
        long total = 0;
        for (byte[] b : seeds.values()) total += b.length;
        // small files: the corpus is replayed by every mvn verify
        assertTrue(total < 1 << 20, "seeds take " + total + " bytes");
    }
}
