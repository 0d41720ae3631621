package io.pcapkit.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes pcapng files in memory for tests: sections in either byte order, interfaces, the packet
 * blocks (EPB, SPB, obsolete PB) and any other block, with options; every block's offset is kept.
 */
public final class PcapngBuilder {
    public static final int SHB = 0x0a0d0d0a;
    public static final int IDB = 1;
    public static final int OPB = 2;
    public static final int SPB = 3;
    public static final int NRB = 4;
    public static final int ISB = 5;
    public static final int EPB = 6;
    public static final int DSB = 0x0a;
    public static final int CUSTOM = 0x00000bad;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Long> blockOffsets = new ArrayList<>();
    private boolean le = true;

    /** Starts a section in the given byte order; {@code options} are already encoded. */
    public PcapngBuilder shb(boolean littleEndian, byte[] options) {
        le = littleEndian;
        Body b = body();
        b.u4(0x1a2b3c4d).u2(1).u2(0).u8(-1).bytes(options);
        return block(SHB, b.toBytes());
    }

    public PcapngBuilder shb(boolean littleEndian) {
        return shb(littleEndian, new byte[0]);
    }

    public PcapngBuilder idb(int linkType, long snaplen, byte[] options) {
        return block(IDB, body().u2(linkType).u2(0).u4(snaplen).bytes(options).toBytes());
    }

    public PcapngBuilder idb(int linkType) {
        return idb(linkType, 65535, new byte[0]);
    }

    public PcapngBuilder epb(long iface, long units, byte[] data, long origLen, byte[] options) {
        Body b = body().u4(iface).u4(units >>> 32).u4(units & 0xffffffffL).u4(data.length).u4(origLen).bytes(data);
        b.pad().bytes(options);
        return block(EPB, b.toBytes());
    }

    public PcapngBuilder epb(long iface, long units, byte[] data) {
        return epb(iface, units, data, data.length, new byte[0]);
    }

    public PcapngBuilder spb(byte[] data, long origLen) {
        return block(SPB, body().u4(origLen).bytes(data).pad().toBytes());
    }

    public PcapngBuilder opb(int iface, long units, byte[] data) {
        Body b = body().u2(iface).u2(0).u4(units >>> 32).u4(units & 0xffffffffL).u4(data.length).u4(data.length).bytes(data);
        return block(OPB, b.pad().toBytes());
    }

    /** Any block: type, then a body padded to 4 bytes, framed by the two lengths. */
    public PcapngBuilder block(int type, byte[] body) {
        int pad = (4 - body.length % 4) % 4;
        int len = 12 + body.length + pad;
        blockOffsets.add((long) out.size());
        out.writeBytes(body().u4(type).u4(len).bytes(body).bytes(new byte[pad]).u4(len).toBytes());
        return this;
    }

    public PcapngBuilder raw(byte[] data) {
        out.writeBytes(data);
        return this;
    }

    /** Encodes options in the current byte order, with opt_endofopt at the end. */
    public byte[] options(Object... codeValue) {
        Body b = body();
        for (int i = 0; i < codeValue.length; i += 2) {
            int code = (Integer) codeValue[i];
            byte[] v = codeValue[i + 1] instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) codeValue[i + 1];
            b.u2(code).u2(v.length).bytes(v).pad();
        }
        return b.u2(0).u2(0).toBytes();
    }

    /** A little-endian or big-endian (current order) 8-byte value, e.g. if_tsoffset. */
    public byte[] s8(long v) {
        return body().u8(v).toBytes();
    }

    public List<Long> blockOffsets() {
        return blockOffsets;
    }

    public int size() {
        return out.size();
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    public Body body() {
        return new Body(le);
    }

    /** A block body under construction in one byte order. */
    public static final class Body {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();
        private final boolean le;

        Body(boolean le) {
            this.le = le;
        }

        private Body put(int n, long v) {
            ByteBuffer x = ByteBuffer.allocate(n).order(le ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            if (n == 2) x.putShort((short) v);
            else if (n == 4) x.putInt((int) v);
            else x.putLong(v);
            b.writeBytes(x.array());
            return this;
        }

        public Body u2(long v) {
            return put(2, v);
        }

        public Body u4(long v) {
            return put(4, v);
        }

        public Body u8(long v) {
            return put(8, v);
        }

        public Body bytes(byte[] d) {
            b.writeBytes(d);
            return this;
        }

        /** Zero bytes up to a multiple of 4. */
        public Body pad() {
            while (b.size() % 4 != 0) b.write(0);
            return this;
        }

        public byte[] toBytes() {
            return b.toByteArray();
        }
    }
}
