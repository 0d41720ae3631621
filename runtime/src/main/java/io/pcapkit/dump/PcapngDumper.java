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
 */
final class PcapngDumper extends RecordCopier {
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

    /** An output interface: the input interface it stands for. */
    private record Iface(int inputId, long linkType, long snaplen) {
    }

    private final OutputStream out;
    private final ByteBuffer hdr = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    private final List<Iface> ifaces = new ArrayList<>();
    private CaptureReader reader;
    private boolean started;
    private boolean closed;
    private int lastIface = -1;

    PcapngDumper(OutputStream out) {
        this.out = new BufferedOutputStream(out, 1 << 16);
    }

    @Override
    public void header(CaptureReader reader) throws IOException {
        this.reader = reader;
        start();
        if (reader.rawHeader() != null) {
            iface(-1, reader.linkType(-1), reader.snaplen(-1));
        } else {
            for (int id = 0; ; id++) {
                long lt = reader.linkType(id);
                if (lt < 0) break;
                iface(id, lt, reader.snaplen(id));
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

    /** The output interface for an input interface, written on first use. */
    private int iface(int inputId, long linkType, long snaplen) throws IOException {
        long snap = Math.max(0, snaplen);
        for (int i = 0; i < ifaces.size(); i++) {
            Iface f = ifaces.get(i);
            if (f.inputId == inputId && f.linkType == linkType && f.snaplen == snap) return i;
        }
        int total = 8 + 8 + 8 + 4 + 4;
        hdr.clear();
        hdr.putInt(IDB).putInt(total).putShort((short) linkType).putShort((short) 0).putInt((int) snap);
        hdr.putShort((short) IF_TSRESOL).putShort((short) 1).put((byte) NANOSECONDS).put((byte) 0).putShort((short) 0);
        hdr.putShort((short) OPT_ENDOFOPT).putShort((short) 0).putInt(total);
        out.write(hdr.array(), 0, hdr.position());
        ifaces.add(new Iface(inputId, linkType, snap));
        return ifaces.size() - 1;
    }

    @Override
    public void beginFrame(PacketRecord r) {
        try {
            start();
            long snap = reader == null ? 0 : reader.snaplen(r.interfaceId);
            int id;
            Iface last = lastIface >= 0 ? ifaces.get(lastIface) : null;
            if (last != null && last.inputId == r.interfaceId && last.linkType == r.linkType && last.snaplen == Math.max(0, snap)) {
                id = lastIface;
            } else {
                id = iface(r.interfaceId, r.linkType, snap);
                lastIface = id;
            }
            long units = r.time.seconds * 1_000_000_000L + r.time.nanos();
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
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            start();
        } finally {
            out.close();
        }
    }
}
