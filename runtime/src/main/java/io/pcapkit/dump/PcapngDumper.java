package io.pcapkit.dump;

import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes pcapng, little-endian, one section: a Section Header Block, one Interface Description
 * Block per input interface (its link type and snap length, {@code if_tsresol} = 9) and an Enhanced
 * Packet Block per frame with a nanosecond timestamp.
 *
 * <p>Interfaces are written when the header is (those the reader knows by then) and, for
 * interfaces met later, just before their first packet. Input interfaces are told apart by their
 * id, link type and snap length; the sections of a multi-section input are merged into one, so two
 * sections' interfaces that agree on all three share one output interface. Interface options other
 * than the resolution (names, descriptions, filters) are not copied.
 *
 * <p>An EPB timestamp is an unsigned 64-bit count: in nanoseconds it reaches 2554-07-21. A later
 * time (pcapng allows one at a coarser resolution) goes to an extra output interface for the same
 * input interface whose {@code if_tsresol} is the input's own resolution, so the time is kept
 * exactly. A time before 1970 (a negative {@code if_tsoffset}) fits no unsigned count: such frames
 * are skipped, counted, and reported in {@link #summary()} and as a warning when the dumper closes.
 */
final class PcapngDumper extends RecordCopier {
    private static final Logger LOG = LoggerFactory.getLogger(PcapngDumper.class);
    private static final int SHB = 0x0a0d0d0a;
    private static final int IDB = 1;
    private static final int EPB = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1a2b3c4d;
    private static final int OPT_ENDOFOPT = 0;
    private static final int SHB_USERAPPL = 4;
    private static final int IF_TSRESOL = 9;
    /** if_tsresol value: 10^-9 s. */
    private static final int NANOSECONDS = 9;
    private static final byte[] USERAPPL = "pcapkit".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAD = new byte[4];

    /** An output interface: the input interface it stands for, and its resolution (10^-digits s). */
    private record Iface(int inputId, long linkType, long snaplen, int digits) {
    }

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }

    private final OutputStream out;
    private final ByteBuffer hdr = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    private final List<Iface> ifaces = new ArrayList<>();
    private CaptureReader reader;
    private boolean started;
    private boolean closed;
    private int lastIface = -1;
    private long skipped;

    PcapngDumper(OutputStream out, int bufferBytes) {
        this.out = new BufferedOutputStream(out, bufferBytes);
    }

    @Override
    public void header(CaptureReader reader) throws IOException {
        this.reader = reader;
        start();
        if (reader.rawHeader() != null) {
            iface(-1, reader.linkType(-1), reader.snaplen(-1), NANOSECONDS);
        } else {
            for (int id = 0; ; id++) {
                long lt = reader.linkType(id);
                if (lt < 0) break;
                iface(id, lt, reader.snaplen(id), NANOSECONDS);
            }
        }
    }

    private void start() throws IOException {
        if (started) return;
        started = true;
        int opts = 4 + pad4(USERAPPL.length) + 4;
        int total = 8 + 16 + opts + 4;
        hdr.clear();
        hdr.putInt(SHB).putInt(total).putInt(BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1L);
        hdr.putShort((short) SHB_USERAPPL).putShort((short) USERAPPL.length);
        out.write(hdr.array(), 0, hdr.position());
        out.write(USERAPPL);
        out.write(PAD, 0, pad4(USERAPPL.length) - USERAPPL.length);
        hdr.clear();
        hdr.putShort((short) OPT_ENDOFOPT).putShort((short) 0).putInt(total);
        out.write(hdr.array(), 0, hdr.position());
    }

    private static int pad4(int n) {
        return (n + 3) & ~3;
    }

    /** The output interface for an input interface at a resolution, written on first use. */
    private int iface(int inputId, long linkType, long snaplen, int digits) throws IOException {
        long snap = Math.max(0, snaplen);
        for (int i = 0; i < ifaces.size(); i++) {
            Iface f = ifaces.get(i);
            if (f.inputId == inputId && f.linkType == linkType && f.snaplen == snap && f.digits == digits) return i;
        }
        int total = 8 + 8 + 8 + 4 + 4;
        hdr.clear();
        hdr.putInt(IDB).putInt(total).putShort((short) linkType).putShort((short) 0).putInt((int) snap);
        hdr.putShort((short) IF_TSRESOL).putShort((short) 1).put((byte) digits).put((byte) 0).putShort((short) 0);
        hdr.putShort((short) OPT_ENDOFOPT).putShort((short) 0).putInt(total);
        out.write(hdr.array(), 0, hdr.position());
        ifaces.add(new Iface(inputId, linkType, snap, digits));
        return ifaces.size() - 1;
    }

    /**
     * {@code seconds * 10^digits + fraction} as an unsigned 64-bit count, or -1 (never a valid
     * count here: it would be year 586 billion) when it does not fit.
     */
    private static long units(long seconds, long fraction, int digits) {
        if (seconds < 0) return -1;
        long p = POW10[digits];
        if (Math.multiplyHigh(seconds, p) != 0) return -1;
        long product = seconds * p;
        long sum = product + fraction;
        if (Long.compareUnsigned(sum, product) < 0 || sum == -1) return -1;
        return sum;
    }

    @Override
    public void beginFrame(PacketRecord r) {
        try {
            start();
            int digits = NANOSECONDS;
            long units = units(r.time.seconds, r.time.nanos(), NANOSECONDS);
            if (units == -1 && r.time.digits != NANOSECONDS) {
                digits = r.time.digits;
                units = units(r.time.seconds, r.time.fraction, digits);
            }
            if (units == -1) {
                skipped++;
                return;
            }
            long snap = Math.max(0, reader == null ? 0 : reader.snaplen(r.interfaceId));
            int id;
            Iface last = lastIface >= 0 ? ifaces.get(lastIface) : null;
            if (last != null && last.inputId == r.interfaceId && last.linkType == r.linkType && last.snaplen == snap && last.digits == digits) {
                id = lastIface;
            } else {
                id = iface(r.interfaceId, r.linkType, snap, digits);
                lastIface = id;
            }
            int padded = pad4(r.capLen);
            int total = 28 + padded + 4;
            hdr.clear();
            hdr.putInt(EPB).putInt(total).putInt(id).putInt((int) (units >>> 32)).putInt((int) units);
            hdr.putInt(r.capLen).putInt((int) Math.min(r.origLen, 0xffffffffL));
            out.write(hdr.array(), 0, hdr.position());
            writeBytes(out, r);
            out.write(PAD, 0, padded - r.capLen);
            hdr.clear();
            hdr.putInt(total);
            out.write(hdr.array(), 0, 4);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String summary() {
        if (skipped == 0) return null;
        return skipped + " frame(s) not written: their timestamps lie before 1970, which a pcapng packet block cannot hold";
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            start();
            String s = summary();
            if (s != null) LOG.warn(s);
        } finally {
            out.close();
        }
    }
}
