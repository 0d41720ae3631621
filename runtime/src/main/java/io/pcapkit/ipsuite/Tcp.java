package io.pcapkit.ipsuite;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * A TCP header (RFC 9293) with options; data offset and checksum (over the IP pseudo header)
 * computed unless set. Options are padded with No-Operation to a multiple of 4 bytes.
 */
public final class Tcp extends PacketBuilder<Tcp> {
    public static final int FIN = 0x001;
    public static final int SYN = 0x002;
    public static final int RST = 0x004;
    public static final int PSH = 0x008;
    public static final int ACK = 0x010;
    public static final int URG = 0x020;
    public static final int ECE = 0x040;
    public static final int CWR = 0x080;
    public static final int NS = 0x100;

    private int srcPort = 40000;
    private int dstPort = 80;
    private long seq;
    private long ack;
    private int flags = ACK;
    private int window = 65535;
    private int urgent;
    private final ByteArrayOutputStream options = new ByteArrayOutputStream();
    private Integer dataOffset;
    private Integer checksum;

    public static Tcp builder() {
        return new Tcp();
    }

    public Tcp ports(int src, int dst) {
        srcPort = src & 0xffff;
        dstPort = dst & 0xffff;
        return this;
    }

    public Tcp seq(long v) {
        seq = v & 0xffffffffL;
        return this;
    }

    public Tcp ack(long v) {
        ack = v & 0xffffffffL;
        return this;
    }

    /** Flags, e.g. {@code Tcp.SYN | Tcp.ACK}. */
    public Tcp flags(int f) {
        flags = f & 0x1ff;
        return this;
    }

    public Tcp window(int w) {
        window = w & 0xffff;
        return this;
    }

    public Tcp urgent(int u) {
        urgent = u & 0xffff;
        return this;
    }

    public Tcp mss(int mss) {
        return option(2, (byte) (mss >>> 8), (byte) mss);
    }

    public Tcp windowScale(int shift) {
        return option(3, (byte) shift);
    }

    public Tcp sackPermitted() {
        return option(4);
    }

    /** SACK blocks as left, right pairs. */
    public Tcp sack(long... edges) {
        ByteBuffer b = ByteBuffer.allocate(edges.length * 4);
        for (long e : edges) b.putInt((int) e);
        return option(5, b.array());
    }

    public Tcp timestamps(long val, long ecr) {
        return option(8, ByteBuffer.allocate(8).putInt((int) val).putInt((int) ecr).array());
    }

    public Tcp nop() {
        options.write(1);
        return this;
    }

    public Tcp endOfOptions() {
        options.write(0);
        return this;
    }

    /** Any option: kind, then the length byte (2 + data) and the data. */
    public Tcp option(int kind, byte... data) {
        options.write(kind);
        options.write(2 + data.length);
        options.writeBytes(data);
        return this;
    }

    /** Overrides the data offset in 32-bit words (to craft a lying header). */
    public Tcp dataOffset(int words) {
        dataOffset = words;
        return this;
    }

    public Tcp checksum(int c) {
        checksum = c;
        return this;
    }

    @Override
    protected int ipProtocol() {
        return 6;
    }

    @Override
    protected byte[] build(PseudoHeader pseudo) {
        byte[] p = payloadBytes(null);
        byte[] opts = options.toByteArray();
        int optLen = (opts.length + 3) / 4 * 4;
        int hlen = 20 + optLen;
        ByteBuffer b = ByteBuffer.allocate(hlen + p.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt((int) ack);
        b.putShort((short) (((dataOffset != null ? dataOffset : hlen / 4) << 12) | flags));
        b.putShort((short) window).putShort((short) 0).putShort((short) urgent).put(opts);
        for (int i = opts.length; i < optLen; i++) b.put((byte) 1);
        b.put(p);
        byte[] out = b.array();
        long s = Checksum.sum(out, 0, out.length) + (pseudo != null ? pseudo.sum(6, out.length) : 0);
        int c = checksum != null ? checksum : Checksum.fold(s);
        out[16] = (byte) (c >>> 8);
        out[17] = (byte) c;
        return out;
    }
}
