package io.pcapkit.dump;

import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes classic pcap.
 *
 * <p>From a classic pcap the input's global header is copied as it was read (byte order, timestamp
 * resolution, version, thiszone, sigfigs, snap length, link type with its FCS bits) and every
 * record header is written in the same byte order and resolution, so a complete, well-formed pcap
 * read and written back is byte-identical.
 *
 * <p>From pcapng (or with no header at all): little-endian, nanosecond magic, version 2.4, the link
 * type and snap length of the first interface (snap length 0, pcapng's "no limit", becomes
 * {@link #DEFAULT_SNAPLEN}). A pcap file has one link type: frames of another are skipped, counted,
 * and reported in {@link #summary()} and as a warning when the dumper closes.
 */
final class PcapDumper extends RecordCopier {
    private static final Logger LOG = LoggerFactory.getLogger(PcapDumper.class);

    static final int MAGIC_USEC = 0xa1b2c3d4;
    static final int MAGIC_NSEC = 0xa1b23c4d;
    /** Snap length written when the input gives none: libpcap's and Wireshark's usual maximum. */
    static final long DEFAULT_SNAPLEN = 262_144;
    /**
     * Link type of the header of an empty output whose input named no interface at all: a pcap
     * header needs one, and Ethernet is what readers assume anyway.
     */
    static final long EMPTY_LINKTYPE = 1;

    private final OutputStream out;
    private final ByteBuffer rec = ByteBuffer.allocate(16);
    private CaptureReader reader;
    private boolean headerWritten;
    private boolean nano;
    private long linkType = -1;
    private long written;
    private long skipped;
    private final Map<Long, Long> skippedByType = new TreeMap<>();
    private boolean closed;

    PcapDumper(OutputStream out, int bufferBytes) {
        this.out = new BufferedOutputStream(out, bufferBytes);
    }

    @Override
    public void header(CaptureReader reader) throws IOException {
        this.reader = reader;
        if (headerWritten) return;
        byte[] raw = reader.rawHeader();
        if (raw != null && raw.length == 24) {
            nano = reader.format().nanosecond();
            rec.order(reader.format().littleEndian() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            linkType = reader.linkType(-1);
            out.write(raw);
            headerWritten = true;
        } else {
            long lt = reader.linkType(0);
            if (lt >= 0) writeHeader(lt, reader.snaplen(0));
            // else: no interface yet; the first frame decides
        }
    }

    /** Uses {@code reader} for snap lengths without writing its header (the first frame will). */
    void attach(CaptureReader reader) {
        this.reader = reader;
    }

    /** A new little-endian nanosecond header. */
    private void writeHeader(long lt, long snaplen) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(MAGIC_NSEC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
        h.putInt((int) (snaplen > 0 ? snaplen : DEFAULT_SNAPLEN)).putInt((int) lt);
        out.write(h.array());
        rec.order(ByteOrder.LITTLE_ENDIAN);
        nano = true;
        linkType = lt;
        headerWritten = true;
    }

    @Override
    public void beginFrame(PacketRecord r) {
        try {
            if (!headerWritten) writeHeader(r.linkType, reader == null ? -1 : reader.snaplen(r.interfaceId));
            if (r.linkType != linkType) {
                skipped++;
                skippedByType.merge(r.linkType, 1L, Long::sum);
                return;
            }
            long frac = nano ? r.time.nanos() : r.time.nanos() / 1000;
            rec.clear();
            rec.putInt((int) r.time.seconds).putInt((int) frac).putInt(r.capLen).putInt((int) Math.min(r.origLen, 0xffffffffL));
            out.write(rec.array(), 0, 16);
            writeBytes(out, r);
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Frames written. */
    long written() {
        return written;
    }

    /** Frames left out because their link type differs from the file's. */
    long skipped() {
        return skipped;
    }

    @Override
    public String summary() {
        if (skipped == 0) return null;
        return skipped + " frame(s) not written: a pcap file holds one link type (" + linkType + ") and they have "
                + skippedByType + " (link type: frames); use pcapng to keep them";
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            // an empty input still gives a valid (empty) pcap
            if (!headerWritten && reader != null) header(reader);
            if (!headerWritten) writeHeader(EMPTY_LINKTYPE, -1);
            String s = summary();
            if (s != null) LOG.warn(s);
        } finally {
            out.close();
        }
    }
}
