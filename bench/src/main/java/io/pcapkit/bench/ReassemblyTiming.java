package io.pcapkit.bench;

import io.pcapkit.Extractor;
import io.pcapkit.Pcapkit;
import io.pcapkit.dissect.LayerType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A quick, rough comparison of NDJSON extraction with and without reassembly and tracing, for
 * development between JMH runs (the reported figures come from {@link ExtractBench}):
 * {@code ReassemblyTiming CAPTURE [ROUNDS]}.
 */
public final class ReassemblyTiming {
    private ReassemblyTiming() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Paths.get(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (args.length > 2 && args[2].equals("trace-only")) {
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                Path dir = Files.createTempDirectory("pcapkit-timing");
                Extractor ex = Pcapkit.extract(file).layer(LayerType.TRANSPORT).reassemble("ip,tcp").trace(dir).format("ndjson")
                        .output(OutputStream.nullOutputStream()).run();
                long t1 = System.nanoTime();
                Files.deleteIfExists(dir.resolve("index.json"));
                Files.deleteIfExists(dir);
                System.out.printf("ip+tcp+trace %.0f ns/frame%n", (t1 - t0) / (double) ex.count());
            }
            return;
        }
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        String[] names = {"plain", "ip", "ip+tcp", "ip+trace", "ip+tcp+trace"};
        for (int r = 0; r < rounds; r++) {
            long[] cpu = new long[names.length];
            long[] gc = new long[names.length];
            long n = 0;
            for (int v = 0; v < names.length; v++) {
                long g0 = gcMillis();
                long c0 = mx.getCurrentThreadCpuTime();
                Path dir = Files.createTempDirectory("pcapkit-timing");
                var o = Pcapkit.extract(file).layer(LayerType.TRANSPORT).format("ndjson").output(OutputStream.nullOutputStream());
                switch (v) {
                    case 0 -> o.reassemble("none");
                    case 2 -> o.reassemble("ip,tcp");
                    case 3 -> o.trace(dir);
                    case 4 -> o.reassemble("ip,tcp").trace(dir);
                    default -> { }
                }
                n = o.run().count();
                cpu[v] = mx.getCurrentThreadCpuTime() - c0;
                gc[v] = gcMillis() - g0;
                Files.deleteIfExists(dir.resolve("index.json"));
                Files.deleteIfExists(dir);
            }
            StringBuilder b = new StringBuilder("thread cpu ns/frame (gc ms):");
            for (int v = 0; v < names.length; v++) {
                b.append(String.format(" %s %.0f (%d)", names[v], cpu[v] / (double) n, gc[v]));
            }
            b.append(String.format("; ip+tcp+trace/plain %.2fx", cpu[4] / (double) cpu[0]));
            System.out.println(b);
        }
    }

    private static long gcMillis() {
        long t = 0;
        for (var b : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) t += Math.max(0, b.getCollectionTime());
        return t;
    }
}
