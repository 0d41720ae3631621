package io.pcapkit.bench;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.FrameSink;
import io.pcapkit.dissect.LayerType;
import io.pcapkit.dump.DumpOptions;
import io.pcapkit.dump.Dumpers;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One pass over the first frames of a capture held in memory (cache-resident: no file reading),
 * dissected to the transport layer: {@code decode} (no sink), {@code hand} (the hand-written floor,
 * {@link HandDecoder}), {@code visitor} (every field to a
 * blackhole), {@code ndjson} (the full record to a null stream) or {@code flows} (decode with
 * flow tracking: the same flows found again pass after pass); or a whole file, not held:
 {@code file-plain} (NDJSON, no reassembly), {@code file-ip} (NDJSON with IP reassembly, as extract
 * runs by default), {@code file-tcp}, {@code file-flows} or {@code file-trace} (with IP and TCP
 * reassembly and a trace), all to the transport layer; {@code file-deep} and {@code file-deep-trace}
 * go as deep as the grammars go (see {@link FileRun}). {@link AbTiming} drives it
 * in two builds at once; the state is an opaque object so that the driver needs none of our types.
 */
public final class InCache {
    /** Frames held: about 1 MB of a typical capture, enough variety, small enough for L2/L3. */
    private static final int FRAMES = 3000;
    /** Times each pass goes over the frames. */
    private static final int REPEATS = 30;

    private InCache() {
    }

    private record State(List<PacketRecord> records, Dissector dissector, FrameSink sink, boolean streaming, boolean hand) {
    }

    /**
     * A whole-file run (not cache-resident) to the transport layer: {@code file-plain}, {@code file-ip},
     * {@code file-tcp} (IP and TCP reassembly, no trace), {@code file-flows} (IP reassembly and a
     * trace, no TCP streams) or {@code file-trace}; {@code file-deep} and {@code file-deep-trace}
     * are the first and last as deep as the grammars go.
     */
    private record FileRun(Path file, String path) {
    }

    /** Reads the frames and makes the dissector and sink of {@code path}. */
    public static Object setup(String file, String path) throws IOException {
        if (path.startsWith("file-")) return new FileRun(Path.of(file), path);
        List<PacketRecord> records = new ArrayList<>();
        try (CaptureReader r = CaptureInput.open(Path.of(file))) {
            for (int i = 0; i < FRAMES; i++) {
                PacketRecord p = new PacketRecord();
                if (!r.next(p)) break;
                records.add(p.copy()); // the reader reuses its buffer
            }
        }
        DissectOptions o = new DissectOptions();
        o.layer = LayerType.TRANSPORT;
        Dissector dissector = new Dissector(o);
        if (path.equals("flows")) { // flow tracking alone: the same flows looked up pass after pass
            dissector.hook(io.pcapkit.dissect.LayerHooks.of(new io.pcapkit.flow.FlowHook(new io.pcapkit.flow.FlowOptions().udp(true), null, null)));
        }
        FrameSink sink = switch (path) {
            case "decode", "flows", "hand" -> null;
            case "visitor" -> new BlackholeSink(null);
            case "ndjson" -> (FrameSink) Dumpers.create("ndjson", OutputStream.nullOutputStream(), new DumpOptions());
            default -> throw new IllegalArgumentException("paths: decode, hand, visitor, ndjson, flows");
        };
        return new State(records, dissector, sink, path.equals("visitor"), path.equals("hand"));
    }

    /** One pass; returns the thread's CPU time per frame in nanoseconds. */
    public static long timed(Object state) throws IOException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (state instanceof FileRun f) {
            long t0 = mx.getCurrentThreadCpuTime();
            Path dir = java.nio.file.Files.createTempDirectory("pcapkit-ab");
            var o = io.pcapkit.Pcapkit.extract(f.file).format("ndjson").output(OutputStream.nullOutputStream());
            if (!f.path.startsWith("file-deep")) o = o.layer(LayerType.TRANSPORT);
            long n = (switch (f.path) {
                case "file-trace", "file-deep-trace" -> o.reassemble("ip,tcp").trace(dir);
                case "file-tcp" -> o.reassemble("ip,tcp");
                case "file-flows" -> o.reassemble("ip").trace(dir);
                case "file-ip" -> o.reassemble("ip");
                default -> o.reassemble("none");
            }).run().count();
            long ns = (mx.getCurrentThreadCpuTime() - t0) / Math.max(1, n);
            java.nio.file.Files.deleteIfExists(dir.resolve("index.json"));
            java.nio.file.Files.deleteIfExists(dir);
            return ns;
        }
        State s = (State) state;
        long t0 = mx.getCurrentThreadCpuTime();
        long frames = 0;
        if (s.hand) {
            long acc = 0;
            for (int rep = 0; rep < REPEATS; rep++) {
                for (PacketRecord p : s.records) {
                    acc += HandDecoder.record(p);
                    frames++;
                }
            }
            if (acc == 42) System.out.print("");
            return (mx.getCurrentThreadCpuTime() - t0) / Math.max(1, frames);
        }
        for (int rep = 0; rep < REPEATS; rep++) {
            for (PacketRecord p : s.records) {
                s.dissector.dissect(p.buffer, p.offset, p.capLen, p.linkType, p, s.sink, s.streaming);
                frames++;
            }
        }
        return (mx.getCurrentThreadCpuTime() - t0) / Math.max(1, frames);
    }
}
