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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Steady-state cost per frame of the main paths over the synthetic 1 M-frame capture (one
 * operation = one frame: each invocation reads the whole file). Run with
 * {@code bench/run-jmh.sh} (adds {@code -prof gc} for bytes allocated per frame).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(BenchData.FRAMES)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ExtractBench {
    private Path file;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        file = BenchData.file();
    }

    /** The floor: walking the record headers, no dissection. */
    @Benchmark
    public long recordWalk() throws IOException {
        long n = 0;
        try (CaptureReader r = CaptureInput.open(file)) {
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) n += rec.capLen;
        }
        return n;
    }

    /**
     * The floor of any visitor: the record walk plus a hand-written decoder of every header field
     * ({@link HandDecoder}, a measurement baseline, not library code).
     */
    @Benchmark
    public long handDecoder() throws IOException {
        long acc = 0;
        try (CaptureReader r = CaptureInput.open(file)) {
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) acc += HandDecoder.record(rec);
        }
        return acc;
    }

    /**
     * The fastest library path: every header field of every layer to the transport layer, streamed
     * to a visitor; dissection alone (reassembly off: it keeps fragments, which is work of its own).
     */
    @Benchmark
    public long visitor(Blackhole bh) throws IOException {
        try (Extractor ex = Pcapkit.extract(file).layer(LayerType.TRANSPORT).reassemble("none").open()) {
            return ex.visit(new BlackholeSink(bh));
        }
    }

    /**
     * The visitor of the record: every header field to the transport layer, options and
     * other nested structures as their bytes ({@link io.pcapkit.dissect.FieldSink#expand} false),
     * reassembly off. Option lists are still walked (a malformed option makes the layer malformed).
     */
    @Benchmark
    public long visitorShallow(Blackhole bh) throws IOException {
        try (Extractor ex = Pcapkit.extract(file).layer(LayerType.TRANSPORT).reassemble("none").open()) {
            return ex.visit(new BlackholeSink(bh, false));
        }
    }

    /** The visitor as extract runs by default (IP reassembly on). */
    @Benchmark
    public long visitorDefault(Blackhole bh) throws IOException {
        try (Extractor ex = Pcapkit.extract(file).layer(LayerType.TRANSPORT).open()) {
            return ex.visit(new BlackholeSink(bh));
        }
    }

    /** Iterating materialised frames (bytes copied, chain kept; fields on demand); reassembly off. */
    @Benchmark
    public long frames(Blackhole bh) throws IOException {
        long n = 0;
        try (Extractor ex = Pcapkit.extract(file).layer(LayerType.TRANSPORT).reassemble("none").open()) {
            for (Frame f : ex) {
                bh.consume(f);
                n++;
            }
        }
        return n;
    }

    /**
     * NDJSON of every frame to the transport layer (no --bytes/--offsets), to a discarding stream,
     * as extract does by default (IP reassembly on).
     */
    @Benchmark
    public long ndjson() throws IOException {
        Extractor ex = Pcapkit.extract(file).layer(LayerType.TRANSPORT).format("ndjson").output(OutputStream.nullOutputStream()).run();
        return ex.count();
    }

    /** Plain NDJSON: the same with reassembly off, the baseline of the reassembly budget (at most 1.5x). */
    @Benchmark
    public long ndjsonNoReassembly() throws IOException {
        Extractor ex = Pcapkit.extract(file).layer(LayerType.TRANSPORT).reassemble("none").format("ndjson").output(OutputStream.nullOutputStream())
                .run();
        return ex.count();
    }

    /**
     * NDJSON of the visitor's record (issue 2's NDJSON target): every header field to the transport
     * layer, options and other nested structures as their bytes ({@code --shallow}), reassembly off.
     */
    @Benchmark
    public long ndjsonShallow() throws IOException {
        Extractor ex = Pcapkit.extract(file).layer(LayerType.TRANSPORT).reassemble("none").shallow(true).format("ndjson")
                .output(OutputStream.nullOutputStream()).run();
        return ex.count();
    }

    /**
     * NDJSON with IP and TCP reassembly (streams, PyPCAPKit messages, application dispatch) and flow
     * tracing (index.json into a temporary folder; no per-flow files: the synthetic capture has
     * hundreds of thousands of one-packet connections).
     */
    @Benchmark
    public long ndjsonReassembleTrace() throws IOException {
        Path dir = Files.createTempDirectory("pcapkit-bench-trace");
        try {
            Extractor ex = Pcapkit.extract(file).layer(LayerType.TRANSPORT).reassemble("ip,tcp").trace(dir).format("ndjson")
                    .output(OutputStream.nullOutputStream()).run();
            return ex.count();
        } finally {
            Files.deleteIfExists(dir.resolve("index.json"));
            Files.deleteIfExists(dir);
        }
    }
}
