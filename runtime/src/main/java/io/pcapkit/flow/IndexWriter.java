package io.pcapkit.flow;

import io.pcapkit.reassembly.Anomaly;
import io.pcapkit.reassembly.ReassemblyLimits;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * A trace's {@code index.json}, {@code {"flows": [...]}}: an entry per ended flow, in the order
 * flows started. An entry waits for the flows that started before it to end, up to
 * {@link ReassemblyLimits#TRACE_INDEX_WAITING_ENTRIES}; past that (one long flow among a flood of short ones) entries go out
 * as flows end, each with its id. Used from one thread (see {@link IndexThread}).
 */
final class IndexWriter implements Closeable {
    private final OutputStream index;
    /** which flows (by serial) have ended, from the oldest still running on */
    private final EndedWindow ended = new EndedWindow();
    private final TreeMap<Long, byte[]> waiting = new TreeMap<>();
    /** the first and the last times' caches */
    private final IsoCache[] iso = {new IsoCache(), new IsoCache()};
    /**
     * The entry being written. Room for a flow of a few hundred frames from the start: the first
     * entry to outgrow it takes a branch the compiler may have left out (a flood's entries are
     * some 460 bytes, and in one run the first longer one, a second after compilation, had the
     * entry compiled again).
     */
    private final Ascii out = new Ascii(4096);
    private boolean firstEntry = true;
    private long entries;
    private boolean closed;

    IndexWriter(Path file) throws IOException {
        this(Files.newOutputStream(file));
    }

    IndexWriter(OutputStream out) throws IOException {
        this.index = new BufferedOutputStream(out, 1 << 16);
        index.write("{\"flows\": [".getBytes(StandardCharsets.US_ASCII));
    }

    /** Entries written so far. */
    long entries() {
        return entries;
    }

    /** Flow {@code serial} started: entries of flows that started after it wait for it. */
    void started(long serial) {
        ended.started(serial);
    }

    /** A flow ended: its entry is written, or copied to wait for the flows that started before it. */
    void ended(FlowSummary f) throws IOException {
        entry(f);
        long first = ended.oldestRunning();
        ended.ended(f.serial);
        if (f.serial == first && waiting.isEmpty()) {
            // the usual case: nothing started before it is still running, so it goes straight out
            write(out.buf, out.len);
        } else {
            waiting.put(f.serial, Arrays.copyOf(out.buf, out.len));
            flush(false);
        }
    }

    private void write(byte[] b, int n) throws IOException {
        index.write(firstEntry ? NEWLINE_FIRST : NEWLINE_NEXT);
        firstEntry = false;
        index.write(b, 0, n);
        entries++;
    }

    private static final byte[] NEWLINE_FIRST = "\n  ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEWLINE_NEXT = ",\n  ".getBytes(StandardCharsets.US_ASCII);

    /** Writes the waiting entries no running flow started before (all of them when {@code all}). */
    private void flush(boolean all) throws IOException {
        long oldest = ended.oldestRunning();
        while (!waiting.isEmpty()) {
            long first = waiting.firstKey();
            boolean ready = all || first < oldest || waiting.size() > ReassemblyLimits.TRACE_INDEX_WAITING_ENTRIES;
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
    private static final byte[] FIRST_EPOCH = Ascii.bytes(",\"first_epoch\":");
    private static final byte[] LAST_EPOCH = Ascii.bytes(",\"last_epoch\":");
    private static final byte[] A_TO_B = Ascii.bytes(",\"a_to_b\":{\"packets\":");
    private static final byte[] B_TO_A = Ascii.bytes("},\"b_to_a\":{\"packets\":");
    private static final byte[] BYTES = Ascii.bytes(",\"bytes\":");
    private static final byte[] STREAM = Ascii.bytes(",\"stream_bytes\":");
    private static final byte[] MISSING = Ascii.bytes(",\"missing_bytes\":");
    private static final byte[] STATE = Ascii.bytes("},\"state\":\"");
    private static final byte[] ENDED = Ascii.bytes("\",\"ended_by\":\"");
    private static final byte[] ANOMALIES = Ascii.bytes("\",\"anomalies\":[");
    private static final byte[] FRAMES = Ascii.bytes("],\"frames\":[");
    private static final byte[] FILES = Ascii.bytes("],\"files\":[");
    private static final byte[] END = Ascii.bytes("]}");

    private static final byte[][] SIDES = {A, B};
    private static final byte[][] TIMES = {FIRST, LAST};
    private static final byte[][] EPOCHS = {FIRST_EPOCH, LAST_EPOCH};
    private static final byte[][] DIRECTIONS = {A_TO_B, B_TO_A};
    /** where each time's fraction starts in the entry (its epoch copies those digits), or -1 */
    private final int[] fractionAt = new int[2];

    /**
     * The index entry of {@code f} into {@link #out}: hand-written JSON, since there is one per
     * flow and floods have millions. The pairs (ends, times, directions) are loops, not written out
     * twice: each writer is then compiled in once (the written-out entry compiled to 48-63 KB, the
     * largest method of a flood's trace run, and again after each trap).
     */
    private void entry(FlowSummary f) {
        Ascii b = out.reset();
        b.put(ID).num(f.id).put(PROTO).put(f.transportName());
        for (int side = 0; side < 2; side++) {
            boolean low = f.aIsLow == (side == 0);
            b.put(SIDES[side]);
            address(b, f, low);
            b.put(PORT).num(low ? f.loPort : f.hiPort);
        }
        for (int k = 0; k < 2; k++) {
            b.put(TIMES[k]);
            fractionAt[k] = iso[k].append(b, f.seconds[k], f.fraction[k], f.digits[k]);
        }
        b.put('"');
        for (int k = 0; k < 2; k++) {
            b.put(EPOCHS[k]);
            iso[k].epoch(b, f.seconds[k], f.fraction[k], f.digits[k], fractionAt[k]);
        }
        for (int dir = 0; dir < 2; dir++) {
            b.put(DIRECTIONS[dir]).num(f.packets[dir]).put(BYTES).num(f.bytes[dir]);
            if (f.streams) b.put(STREAM).num(f.delivered[dir]).put(MISSING).num(f.missing[dir]);
        }
        b.put(STATE).put(STATE_TEXTS[f.state]).put(ENDED).put(END_TEXTS[f.endedBy]).put(ANOMALIES);
        boolean first = true;
        // the kinds present, by their bits in ascending order (most flows have none)
        for (long bits = f.anomalies; bits != 0; bits &= bits - 1) {
            Anomaly a = ANOMALY_KINDS[Long.numberOfTrailingZeros(bits)];
            if (!first) b.put(',');
            b.put('"').put(a.label).put('"');
            first = false;
        }
        b.put(FRAMES);
        f.frames.write(b);
        b.put(FILES);
        if (f.files != null) {
            for (int i = 0; i < f.files.length; i++) {
                if (i > 0) b.put(',');
                b.put('"').put(f.files[i]).put('"');
            }
        }
        b.put(END);
    }

    private static final Anomaly[] ANOMALY_KINDS = Anomaly.values();
    private static final byte[][] STATE_TEXTS = texts(Flow.STATES);
    private static final byte[][] END_TEXTS = texts(Arrays.stream(Flow.End.values()).map(e -> e.label).toArray(String[]::new));

    private static byte[][] texts(String[] s) {
        byte[][] out = new byte[s.length][];
        for (int i = 0; i < s.length; i++) out[i] = Ascii.bytes(s[i]);
        return out;
    }

    private static void address(Ascii b, FlowKey k, boolean low) {
        if (k.version == 4) b.ipv4(low ? k.lo0 : k.hi0);
        else b.ipv6(low ? k.lo0 : k.hi0, low ? k.lo1 : k.hi1);
    }

    /** Writes the entries still waiting and ends the document. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            flush(true);
            index.write((firstEntry ? "]}\n" : "\n]}\n").getBytes(StandardCharsets.US_ASCII));
        } finally {
            index.close();
        }
    }
}
