package io.pcapkit.flow;

import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.ReplayHook;
import io.pcapkit.dump.Dumper;
import io.pcapkit.dump.Dumpers;
import io.pcapkit.dump.TimeText;
import io.pcapkit.capture.Timestamp;
import io.pcapkit.reassembly.Anomaly;
import io.pcapkit.reassembly.Endpoints;
import io.pcapkit.reassembly.TcpConnection;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a trace: one file per flow in the chosen format ({@code tcp-000000.pcap},
 * {@code udp-000003.json}, ...) and {@code index.json}, {@code {"flows": [...]}}, one entry per flow
 * with its id, protocol, endpoints, first and last time, packets and bytes each way, state, why it
 * ended, frame numbers and files.
 *
 * <p>Streaming with bounded state: at most {@link FlowOptions#maxOpenFiles} files are open. A flow
 * whose file was closed to make room is appended to when it goes on (pcap, NDJSON), or goes on in
 * a new part, {@code tcp-000000.2.json}, each part a complete document (JSON, plist, pcapng, tree); an index entry is written when its flow ends, in the order flows started
 * (entries wait for the flows that started earlier, up to {@link #MAX_WAITING_ENTRIES}, past which
 * they are written as they come, each with its id).
 */
public final class TraceWriter implements FlowListener, Closeable {
    /**
     * 65,536 index entries may wait for an earlier flow to end, so that the index is in start
     * order; beyond that (one long flow among a flood of short ones) entries go out as flows end.
     */
    public static final int MAX_WAITING_ENTRIES = 65_536;

    private final FlowOptions options;
    private final Path dir;
    private final CaptureReader reader;
    private final Dissector replay;
    private final OutputStream index;
    private final LinkedHashMap<Flow, Dumper> open;
    private final Map<Flow, Integer> parts = new HashMap<>();
    /** which flows (by serial) have ended, from the oldest still running on */
    private final EndedWindow ended = new EndedWindow();
    private final TreeMap<Long, byte[]> waiting = new TreeMap<>();
    private final IsoCache isoFirst = new IsoCache();
    private final IsoCache isoLast = new IsoCache();
    private boolean firstEntry = true;
    private long entries;
    private long filesWritten;
    private boolean closed;

    /**
     * @param reader  the capture being read, for the per-flow files' headers (may be null: a pcap
     *                file then takes its first frame's link type)
     * @param dissect how frames are dissected for text formats
     */
    public TraceWriter(FlowOptions options, CaptureReader reader, DissectOptions dissect) throws IOException {
        this.options = options.copy();
        if (options.output == null) throw new IllegalArgumentException("a trace needs an output folder");
        this.dir = options.output;
        this.reader = reader;
        this.replay = options.format != null && !Dumpers.isBinary(options.format) ? new Dissector(dissect) : null;
        Files.createDirectories(dir);
        this.index = new BufferedOutputStream(Files.newOutputStream(dir.resolve("index.json")), 1 << 16);
        index.write("{\"flows\": [".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        this.open = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** Index entries written so far. */
    public long entries() {
        return entries;
    }

    /** Per-flow files (parts included) opened so far. */
    public long files() {
        return filesWritten;
    }

    @Override
    public void started(Flow f) {
        ended.started(f.serial);
    }

    @Override
    public void packet(Flow f, int dir, PacketRecord r, Chain chain) {
        if (options.format == null) return;
        try {
            Dumper d = open.get(f);
            if (d == null) d = openFile(f);
            if (replay == null) {
                d.beginFrame(r);
                d.endFrame(chain);
            } else if (chain.isReassembled()) {
                // the flow's file gets the frame as the run dissected it, reassembled layers included
                replay.hook(new ReplayHook(chain.snapshot()));
                replay.dissect(r, d);
                replay.hook(null);
            } else {
                replay.dissect(r, d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Buffer per open flow file: small, since thousands may be open. */
    private static final int FILE_BUFFER_BYTES = 8 * 1024;

    /**
     * How many header bytes a format writes before its first frame when its file is resumed by
     * appending (pcap: the 24-byte global header; NDJSON: none), or -1 for formats that are one
     * document (JSON, plist), or whose header depends on the frames seen (pcapng's interface
     * blocks, the tree's header): those go on in a new part file.
     */
    private static long resumeSkip(String format) {
        return switch (format) {
            case "pcap" -> 24;
            case "ndjson" -> 0;
            default -> -1;
        };
    }

    private Dumper openFile(Flow f) throws IOException {
        while (open.size() >= options.maxOpenFiles) {
            Iterator<Map.Entry<Flow, Dumper>> it = open.entrySet().iterator();
            Map.Entry<Flow, Dumper> e = it.next();
            it.remove();
            e.getValue().close();
        }
        int part = parts.merge(f, 1, Integer::sum);
        long resumeSkip = resumeSkip(options.format);
        boolean resume = part > 1 && resumeSkip >= 0;
        int suffix = resume ? 1 : part;
        String name = String.format("%s-%06d%s.%s", f.protocol().toLowerCase(java.util.Locale.ROOT), f.id(), suffix == 1 ? "" : "." + suffix,
                options.format.equals("ndjson") ? "ndjson" : Dumpers.extension(options.format));
        Path path = dir.resolve(name);
        OutputStream file = resume ? Files.newOutputStream(path, StandardOpenOption.APPEND) : Files.newOutputStream(path);
        // a resumed file has its header: the new dumper's is dropped
        OutputStream out = new BufferedOutputStream(resume ? new SkipOutputStream(file, resumeSkip) : file, FILE_BUFFER_BYTES);
        Dumper d = Dumpers.create(options.format, out, options.dump);
        if (reader != null) d.header(reader);
        open.put(f, d);
        if (resume) return d;
        f.addFile(name);
        filesWritten++;
        return d;
    }

    /** An ended flow's entry is written (or copied to wait) and its file closed within {@link #ended}: nothing is kept. */
    @Override
    public boolean keepsFlows() {
        return false;
    }

    @Override
    public void ended(Flow f) {
        try {
            if (f.files != null) {
                Dumper d = open.remove(f);
                if (d != null) d.close();
                parts.remove(f);
            }
            entry(f);
            long first = ended.oldestRunning();
            ended.ended(f.serial);
            if (f.serial == first && waiting.isEmpty()) {
                // the usual case: nothing started before it is still running, so it goes straight out
                write(out.buf, out.len);
            } else {
                waiting.put(f.serial, java.util.Arrays.copyOf(out.buf, out.len));
                flush(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(byte[] b, int n) throws IOException {
        index.write(firstEntry ? NEWLINE_FIRST : NEWLINE_NEXT);
        firstEntry = false;
        index.write(b, 0, n);
        entries++;
    }

    private static final byte[] NEWLINE_FIRST = "\n  ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] NEWLINE_NEXT = ",\n  ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Writes the waiting entries no running flow started before (all of them when {@code all}). */
    private void flush(boolean all) throws IOException {
        long oldest = ended.oldestRunning();
        while (!waiting.isEmpty()) {
            long first = waiting.firstKey();
            boolean ready = all || first < oldest || waiting.size() > MAX_WAITING_ENTRIES;
            if (!ready) return;
            byte[] e = waiting.pollFirstEntry().getValue();
            write(e, e.length);
        }
    }

    private static final byte[] ID = Ascii.bytes("{\"id\":");
    private static final byte[] PROTO = Ascii.bytes(",\"protocol\":\"");
    private static final byte[] A = Ascii.bytes("\",\"a\":{\"address\":\"");
    private static final byte[] B = Ascii.bytes("},\"b\":{\"address\":\"");
    private static final byte[] PORT = Ascii.bytes("\",\"port\":");
    private static final byte[] FIRST = Ascii.bytes("},\"first\":\"");
    private static final byte[] LAST = Ascii.bytes("\",\"last\":\"");
    private static final byte[] FIRST_EPOCH = Ascii.bytes("\",\"first_epoch\":");
    private static final byte[] LAST_EPOCH = Ascii.bytes(",\"last_epoch\":");
    private static final byte[] A_TO_B = Ascii.bytes(",\"a_to_b\":{\"packets\":");
    private static final byte[] B_TO_A = Ascii.bytes(",\"b_to_a\":{\"packets\":");
    private static final byte[] BYTES = Ascii.bytes(",\"bytes\":");
    private static final byte[] STREAM = Ascii.bytes(",\"stream_bytes\":");
    private static final byte[] MISSING = Ascii.bytes(",\"missing_bytes\":");
    private static final byte[] STATE = Ascii.bytes(",\"state\":\"");
    private static final byte[] ENDED = Ascii.bytes("\",\"ended_by\":\"");
    private static final byte[] ANOMALIES = Ascii.bytes("\",\"anomalies\":[");
    private static final byte[] FRAMES = Ascii.bytes("],\"frames\":[");
    private static final byte[] FILES = Ascii.bytes("],\"files\":[");
    private static final byte[] END = Ascii.bytes("]}");
    private final Ascii out = new Ascii();

    /** The index entry of {@code f} into {@link #out}: hand-written JSON, since there is one per flow and floods have millions. */
    private void entry(Flow f) {
        Ascii b = out.reset();
        b.put(ID).num(f.id()).put(PROTO).put(f.protocol()).put(A);
        FlowKey k = f;
        boolean aLow = f.aIsLow;
        address(b, f, aLow);
        b.put(PORT).num(aLow ? k.loPort : k.hiPort).put(B);
        address(b, f, !aLow);
        b.put(PORT).num(aLow ? k.hiPort : k.loPort).put(FIRST);
        isoFirst.append(b, f.firstSeconds, f.firstFraction, f.firstDigits);
        b.put(LAST);
        isoLast.append(b, f.lastSeconds, f.lastFraction, f.lastDigits);
        b.put(FIRST_EPOCH);
        isoFirst.epoch(b, f.firstSeconds, f.firstFraction, f.firstDigits);
        b.put(LAST_EPOCH);
        isoLast.epoch(b, f.lastSeconds, f.lastFraction, f.lastDigits);
        TcpConnection tcp = f.tcp;
        for (int d = 0; d < 2; d++) {
            b.put(d == 0 ? A_TO_B : B_TO_A).num(f.packets(d)).put(BYTES).num(f.bytes(d));
            if (tcp != null) b.put(STREAM).num(tcp.delivered(d)).put(MISSING).num(tcp.missing(d));
            b.put('}');
        }
        b.put(STATE).put(f.state()).put(ENDED).put(f.end() == null ? Flow.End.END_OF_INPUT.label : f.end().label).put(ANOMALIES);
        if (tcp != null && !tcp.anomalies().isEmpty()) {
            boolean first = true;
            for (Anomaly a : tcp.anomalies()) {
                if (!first) b.put(',');
                b.put('"').put(a.label).put('"');
                first = false;
            }
        }
        b.put(FRAMES);
        f.writeFrames(b);
        b.put(FILES);
        if (f.files != null) {
            for (int i = 0; i < f.files.size(); i++) {
                if (i > 0) b.put(',');
                b.put('"').put(f.files.get(i)).put('"');
            }
        }
        b.put(END);
    }

    private static void address(Ascii b, Flow f, boolean low) {
        FlowKey k = f;
        if (k.version == 4) b.ipv4(low ? k.lo0 : k.hi0);
        else b.ipv6(low ? k.lo0 : k.hi0, low ? k.lo1 : k.hi1);
    }

    private static void epoch(Ascii b, long seconds, long fraction, int digits) {
        if (seconds < 0 && fraction > 0 && digits > 0) {
            // before 1970 the fraction counts up from the floored second (as Timestamp writes it)
            b.put('-').num(-(seconds + 1)).put('.').padded(POW10[digits] - fraction, digits);
            return;
        }
        b.num(seconds);
        if (digits > 0) b.put('.').padded(fraction, digits);
    }

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }

    /** ISO-8601 and epoch text of a time; the text up to the second is kept, since neighbouring flows share it. */
    private static final class IsoCache {
        private long second = Long.MIN_VALUE;
        private byte[] prefix;
        private final Timestamp t = new Timestamp();
        private final TimeText text = new TimeText();
        private final char[] chars = new char[TimeText.MAX_ISO];
        private long epochSecond = Long.MIN_VALUE;
        private final Ascii epochText = new Ascii();

        void epoch(Ascii b, long seconds, long fraction, int digits) {
            if (seconds < 0) {
                TraceWriter.epoch(b, seconds, fraction, digits);
                return;
            }
            if (seconds != epochSecond) {
                epochText.reset().num(seconds);
                epochSecond = seconds;
            }
            b.put(epochText.buf, epochText.len);
            if (digits > 0) b.put('.').padded(fraction, digits);
        }

        void append(Ascii b, long seconds, long fraction, int digits) {
            if (seconds != second) {
                // TimeText, not Timestamp.isoString: java.time's formatter took microseconds, and flows
                // ending one after another often started in different seconds
                t.set(seconds, 0, 0);
                int n = text.iso(t, chars, 0) - 1; // without its 'Z'
                prefix = new byte[n];
                for (int i = 0; i < n; i++) prefix[i] = (byte) chars[i];
                second = seconds;
            }
            b.put(prefix);
            if (digits > 0) b.put('.').padded(fraction, digits);
            b.put('Z');
        }
    }

    /**
     * Which flows have ended, by serial (the order flows started), from the oldest flow still
     * running on: a bit per flow in a ring that grows only while an old flow runs on.
     */
    private static final class EndedWindow {
        private long base;
        private long next;
        private long[] bits = new long[16];

        void started(long serial) {
            next = Math.max(next, serial + 1);
            long span = next - base;
            if (span > (long) bits.length * 64) {
                long[] nb = new long[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(bits.length * 2L, (span + 63) / 64))];
                for (long s = base; s < next - 1; s++) if (get(s)) set(nb, s);
                bits = nb;
            }
        }

        private boolean get(long s) {
            int i = (int) ((s >>> 6) % bits.length);
            return (bits[i] & (1L << (s & 63))) != 0;
        }

        private void set(long[] b, long s) {
            int i = (int) ((s >>> 6) % b.length);
            b[i] |= 1L << (s & 63);
        }

        private void clear(long s) {
            int i = (int) ((s >>> 6) % bits.length);
            bits[i] &= ~(1L << (s & 63));
        }

        void ended(long serial) {
            if (serial < base) return;
            set(bits, serial);
            while (base < next && get(base)) {
                clear(base);
                base++;
            }
        }

        /** The serial of the oldest flow still running, or the next serial when none is. */
        long oldestRunning() {
            return base;
        }
    }

    @Override
    public void finished() {
        try {
            close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the open files and finishes index.json (flows still open are not in it: end them first). */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        IOException first = null;
        for (Dumper d : new ArrayList<>(open.values())) {
            try {
                d.close();
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        open.clear();
        try {
            flush(true);
            index.write((firstEntry ? "]}\n" : "\n]}\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } finally {
            index.close();
        }
        if (first != null) throw first;
    }

    /** Files in the folder (for reports). */
    List<String> list() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
