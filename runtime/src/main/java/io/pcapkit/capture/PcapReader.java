package io.pcapkit.capture;

import io.pcapkit.dissect.FieldSink;
import io.pcapkit.gen.PcapHeaderCodec;
import io.pcapkit.gen.PcapRecordCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads classic pcap files (all four magics: microsecond and nanosecond, little- and big-endian).
 * Each record header is decoded by the {@code pcap_record} grammar; the packet after it is sliced,
 * not copied. A corrupt record header is stepped over by searching for the next plausible record
 * within {@link CaptureLimits#RESYNC_WINDOW}; a record cut by the end of the file ends reading.
 *
 * <p>A fraction of a second or more in a record's timestamp (a microsecond field of 1,000,000 or
 * above) is carried into the seconds, so the time shown is seconds + fraction / unit as the
 * fields say; a writer then writes it in range.
 */
final class PcapReader implements CaptureReader {
    static final long MAGIC_USEC = 0xa1b2c3d4L;
    static final long MAGIC_NSEC = 0xa1b23c4dL;
    private static final int HEADER = 24;
    private static final int RECORD = 16;
    /** A resynchronised record's time must lie this close to the last good one (two days). */
    private static final long RESYNC_TIME_SLACK = 2 * 86_400L;

    private final ByteSource src;
    private final String name;
    private final PcapHeaderCodec header = new PcapHeaderCodec();
    private final PcapRecordCodec rec = new PcapRecordCodec();
    private final ByteBuffer headerBytes;
    private final CaptureFormat format;
    private final boolean le;
    private final int digits;
    private final long snaplen;
    private final long linkType;
    private final long maxPacket;
    private final List<Problem> problems = new ArrayList<>();
    private long pos = HEADER;
    private long count;
    private long lastSeconds = -1;
    private boolean done;

    static boolean isMagic(long m) {
        return m == MAGIC_USEC || m == MAGIC_NSEC || m == Long.reverseBytes(MAGIC_USEC) >>> 32 || m == Long.reverseBytes(MAGIC_NSEC) >>> 32;
    }

    PcapReader(ByteSource src, String name, String compression) throws IOException {
        this.src = src;
        this.name = name;
        int i = src.ensure(0, HEADER);
        if (i < 0) {
            String why = src.dataProblem();
            throw new CaptureException(name + ": pcap global header cut short (" + src.available(0) + " of " + HEADER + " bytes)"
                    + (why == null ? "" : ": " + why));
        }
        byte[] copy = new byte[HEADER];
        src.buffer().get(i, copy, 0, HEADER);
        headerBytes = ByteBuffer.wrap(copy);
        boolean little = true;
        header.setIsLe(true);
        header.decode(headerBytes, 0, HEADER);
        if (header.magic() != MAGIC_USEC && header.magic() != MAGIC_NSEC) {
            little = false;
            header.setIsLe(false);
            header.decode(headerBytes, 0, HEADER);
        }
        le = little;
        rec.setIsLe(le);
        boolean nano = header.nanosecond();
        digits = nano ? 9 : 6;
        snaplen = header.snaplen();
        linkType = header.linktype();
        maxPacket = Math.max(CaptureLimits.MAX_PACKET_BYTES, Math.min(snaplen, CaptureLimits.MAX_BLOCK_BYTES));
        format = new CaptureFormat("pcap", le, nano, compression);
    }

    @Override
    public CaptureFormat format() {
        return format;
    }

    @Override
    public long linkType(int interfaceId) {
        return linkType;
    }

    /** The header's snap length. */
    long snaplen() {
        return snaplen;
    }

    @Override
    public long snaplen(int interfaceId) {
        return snaplen;
    }

    @Override
    public byte[] rawHeader() {
        return headerBytes.array().clone();
    }

    @Override
    public boolean next(PacketRecord r) throws IOException {
        while (!done) {
            int i = src.ensure(pos, RECORD);
            if (i < 0) {
                long have = src.available(pos);
                if (have > 0) {
                    problem(Problem.Kind.TRUNCATED, pos, "the file ends inside the header of record " + (count + 1) + " ("
                            + have + " of " + RECORD + " bytes); the " + count + " records before it were read, reading stops here");
                }
                return stop();
            }
            ByteBuffer b = src.buffer();
            rec.decode(b, i, i + RECORD);
            long incl = rec.inclLen();
            if (incl > maxPacket) {
                problem(Problem.Kind.CORRUPT, pos, "record " + (count + 1) + " claims " + incl + " captured bytes, more than the limit of "
                        + maxPacket + " (snap length " + snaplen + ")");
                long at = resync(pos + 1);
                if (at < 0) {
                    problem(Problem.Kind.STOPPED, pos, "no plausible record within " + CaptureLimits.RESYNC_WINDOW
                            + " bytes; reading stops here");
                    return stop();
                }
                problem(Problem.Kind.RESYNCHRONISED, at, "reading resumes at the next plausible record, " + (at - pos) + " bytes on");
                pos = at;
                continue;
            }
            long tsSec = rec.tsSec();
            long tsFrac = rec.tsFrac();
            long origLen = rec.origLen();
            int j = src.ensure(pos + RECORD, (int) incl);
            if (j < 0) {
                problem(Problem.Kind.TRUNCATED, pos, "the file ends inside record " + (count + 1) + ": it claims " + incl + " bytes, "
                        + src.available(pos + RECORD) + " remain; the " + count + " records before it were read, reading stops here");
                return stop();
            }
            r.buffer = src.buffer();
            r.offset = j;
            r.capLen = (int) incl;
            r.origLen = origLen;
            long unit = digits == 9 ? 1_000_000_000L : 1_000_000L;
            r.time.set(tsSec + tsFrac / unit, tsFrac % unit, digits);
            r.interfaceId = -1;
            r.linkType = linkType;
            r.fileOffset = pos;
            r.number = ++count;
            lastSeconds = tsSec;
            pos += RECORD + incl;
            return true;
        }
        return false;
    }

    /** Ends reading; a compressed file whose data ended early says so. @return false */
    private boolean stop() {
        done = true;
        String why = src.dataProblem();
        if (why != null) problem(Problem.Kind.TRUNCATED, src.dataEnd(), why + "; reading stops there");
        return false;
    }

    /**
     * Searches {@code [from, from + RESYNC_WINDOW]} for a record header that is plausible and is
     * followed by another plausible one (or ends exactly at the end of the file). The window it
     * needs is bounded by the bytes present; the scan by {@link CaptureLimits#RESYNC_WINDOW}.
     *
     * @return the position found, or -1
     */
    private long resync(long from) throws IOException {
        int want = (int) Math.min(CaptureLimits.RESYNC_WINDOW + 2L * RECORD + maxPacket, ByteSource.MAX_WINDOW);
        int i = src.ensure(from, want);
        long avail = want;
        boolean atEnd = false;
        if (i < 0) {
            // the file ends within the span: search what there is
            avail = src.available(from);
            atEnd = true;
            if (avail < RECORD) return -1;
            i = src.ensure(from, (int) avail);
        }
        ByteBuffer b = src.buffer();
        long scan = Math.min(avail - RECORD, CaptureLimits.RESYNC_WINDOW);
        for (long k = 0; k <= scan; k++) {
            if (!plausible(b, i + (int) k)) continue;
            long next = k + RECORD + rec.inclLen();
            if (atEnd && next == avail) return from + k;
            if (next + RECORD <= avail && plausible(b, i + (int) next)) return from + k;
        }
        return -1;
    }

    private boolean plausible(ByteBuffer b, int at) {
        rec.decode(b, at, at + RECORD);
        long incl = rec.inclLen();
        long orig = rec.origLen();
        long unit = digits == 9 ? 1_000_000_000L : 1_000_000L;
        if (incl > maxPacket || orig < incl || orig > CaptureLimits.MAX_BLOCK_BYTES || rec.tsFrac() >= unit) return false;
        return lastSeconds < 0 || Math.abs(rec.tsSec() - lastSeconds) <= RESYNC_TIME_SLACK;
    }

    private void problem(Problem.Kind kind, long offset, String message) {
        if (problems.size() < CaptureLimits.MAX_PROBLEMS) problems.add(new Problem(kind, offset, name + ": " + message));
    }

    @Override
    public List<Problem> problems() {
        return problems;
    }

    @Override
    public void writeHeader(FieldSink sink) {
        header.decode(headerBytes, 0, HEADER);
        header.emit(headerBytes, sink);
    }

    @Override
    public void close() throws IOException {
        src.close();
    }
}
