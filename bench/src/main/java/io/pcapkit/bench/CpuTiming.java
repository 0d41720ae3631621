package io.pcapkit.bench;

import io.pcapkit.Extractor;
import io.pcapkit.Pcapkit;
import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.LayerType;
import io.pcapkit.frame.Frame;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/**
 * CPU time per frame of one path, for a machine shared with other work: JMH's wall-clock scores
 * swing with the load, the thread's CPU time much less. Not a replacement for JMH on a quiet
 * machine; a way to compare two builds on a busy one.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.pcapkit.bench.CpuTiming ndjson FILE [ROUNDS]</pre>
 */
public final class CpuTiming {
    private CpuTiming() {
    }

    public static void main(String[] args) throws IOException {
        String path = args[0];
        Path file = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            long t0 = mx.getCurrentThreadCpuTime();
            long frames = run(path, file);
            long ns = mx.getCurrentThreadCpuTime() - t0;
            long per = ns / Math.max(1, frames);
            best = Math.min(best, per);
            System.out.printf("%s round %d: %d frames, %d ns CPU/frame%n", path, r + 1, frames, per);
        }
        System.out.printf("%s best: %d ns CPU/frame (%.2f M frames/s of CPU)%n", path, best, 1e3 / best);
    }

    private static long run(String path, Path file) throws IOException {
        switch (path) {
            case "recordWalk" -> {
                long n = 0;
                try (CaptureReader r = CaptureInput.open(file)) {
                    PacketRecord rec = new PacketRecord();
                    while (r.next(rec)) n++;
                }
                return n;
            }
            case "handDecoder" -> { // the floor of any visitor: HandDecoder
                long n = 0;
                long acc = 0;
                try (CaptureReader r = CaptureInput.open(file)) {
                    PacketRecord rec = new PacketRecord();
                    while (r.next(rec)) {
                        acc += HandDecoder.record(rec);
                        n++;
                    }
                }
                if (acc == 42) System.out.print("");
                return n;
            }
            case "visitor" -> {
                try (Extractor ex = Pcapkit.extract(file).layer(LayerType.TRANSPORT).reassemble("none").open()) {
                    BlackholeSink sink = new BlackholeSink(null);
                    long n = ex.visit(sink);
                    if (sink.total == 42) System.out.print("");
                    return n;
                }
            }
            case "visitorShallow" -> {
                try (Extractor ex = Pcapkit.extract(file).layer(LayerType.TRANSPORT).reassemble("none").open()) {
                    BlackholeSink sink = new BlackholeSink(null, false);
                    long n = ex.visit(sink);
                    if (sink.total == 42) System.out.print("");
                    return n;
                }
            }
            case "frames" -> {
                long n = 0;
                try (Extractor ex = Pcapkit.extract(file).layer(LayerType.TRANSPORT).reassemble("none").open()) {
                    for (Frame f : ex) if (f.number() > 0) n++;
                }
                return n;
            }
            case "ndjson" -> {
                return Pcapkit.extract(file).layer(LayerType.TRANSPORT).reassemble("none").format("ndjson").output(OutputStream.nullOutputStream()).run().count();
            }
            case "ndjsonShallow" -> {
                return Pcapkit.extract(file).layer(LayerType.TRANSPORT).reassemble("none").shallow(true).format("ndjson").output(OutputStream.nullOutputStream())
                        .run().count();
            }
            default -> throw new IllegalArgumentException("paths: recordWalk, handDecoder, visitor, visitorShallow, frames, ndjson, ndjsonShallow");
        }
    }
}
