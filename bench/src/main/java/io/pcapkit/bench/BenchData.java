package io.pcapkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The benchmark capture: {@code -Dpcapkit.bench.file=...}, generated on first use. */
final class BenchData {
    private BenchData() {
    }

    /** Frames in the generated capture; benchmarks report per frame through OperationsPerInvocation. */
    static final int FRAMES = SyntheticCapture.DEFAULT_FRAMES;

    static Path file() throws IOException {
        Path p = Paths.get(System.getProperty("pcapkit.bench.file", "bench/data/synthetic-1000000.pcap"));
        if (!Files.exists(p)) SyntheticCapture.write(p, FRAMES);
        return p;
    }
}
