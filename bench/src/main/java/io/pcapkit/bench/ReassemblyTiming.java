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
 * <p>
 * {@code ReassemblyTiming CAPTURE ROUNDS process [transport]}: the reassembly budget in steady
 * state, in one JVM: plain NDJSON and {@code --reassemble ip,tcp --trace} alternated, each round
 * timed by wall clock and by the whole process's CPU (every thread: the flow and index threads
 * too), so that the JIT compiler's warm-up, which a whole run of {@code bench/reassembly-ratio.sh}
 * pays, is left out once the first rounds are done. A third run per round traces with the flows'
 * work kept on the dissecting thread ({@code FlowOptions.thread(false)}), to weigh what handing it
 * to the flow thread costs in CPU against what it saves in wall time.
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
        if (args.length > 2 && args[2].equals("process")) {
            processRounds(file, rounds, args.length > 3 && args[3].equals("transport"));
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

    /** Rounds of plain and traced extraction, alternated; after the first two, the medians. */
    private static void processRounds(Path file, int rounds, boolean transport) throws IOException {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        java.util.List<double[]> kept = new java.util.ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            double[] wallCpu = new double[6];
            long n = 0;
            for (int v = 0; v < 3; v++) {
                Path dir = Files.createTempDirectory("pcapkit-timing");
                var o = Pcapkit.extract(file).format("ndjson").output(OutputStream.nullOutputStream());
                if (transport) o.layer(LayerType.TRANSPORT);
                if (v == 0) o.reassemble("none");
                else if (v == 1) o.reassemble("ip,tcp").trace(dir);
                else o.reassemble("ip,tcp").flows(new io.pcapkit.flow.FlowOptions().output(dir).thread(false));
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                n = o.run().count();
                wallCpu[2 * v] = System.nanoTime() - t0;
                wallCpu[2 * v + 1] = os.getProcessCpuTime() - c0;
                Files.deleteIfExists(dir.resolve("index.json"));
                Files.deleteIfExists(dir);
            }
            System.out.printf("round %d: plain %.0f ns/frame wall, %.0f CPU; trace %.0f wall, %.0f CPU; ratio wall %.2fx, CPU %.2fx%n",
                    r, wallCpu[0] / n, wallCpu[1] / n, wallCpu[2] / n, wallCpu[3] / n, wallCpu[2] / wallCpu[0], wallCpu[3] / wallCpu[1]);
            System.out.printf("   trace with the flows' work in place: %.0f wall, %.0f CPU%n", wallCpu[4] / n, wallCpu[5] / n);
            if (r >= 2) kept.add(new double[] {wallCpu[2] / wallCpu[0], wallCpu[3] / wallCpu[1]});
        }
        if (kept.isEmpty()) return;
        System.out.printf("after round 2, medians: wall %.2fx, CPU %.2fx (%d rounds)%n",
                median(kept, 0), median(kept, 1), kept.size());
    }

    private static double median(java.util.List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(a -> a[column]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static long gcMillis() {
        long t = 0;
        for (var b : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) t += Math.max(0, b.getCollectionTime());
        return t;
    }
}
