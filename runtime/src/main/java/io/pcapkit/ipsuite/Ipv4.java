package io.pcapkit.ipsuite;

import java.nio.ByteBuffer;

/** An IPv4 header (RFC 791): lengths, protocol and checksum computed unless set. */
public final class Ipv4 extends PacketBuilder<Ipv4> {
    private byte[] src = Addresses.ipv4("192.0.2.1");
    private byte[] dst = Addresses.ipv4("192.0.2.2");
    private int dscp;
    private int ecn;
    private int id;
    private boolean df;
    private boolean mf;
    private int fragOffset;
    private int ttl = 64;
    private Integer protocol;
    private byte[] options = new byte[0];
    private Integer totalLength;
    private Integer ihl;
    private Integer checksum;

    public static Ipv4 builder() {
        return new Ipv4();
    }

    public Ipv4 src(String ip) {
        src = Addresses.ipv4(ip);
        return this;
    }

    public Ipv4 dst(String ip) {
        dst = Addresses.ipv4(ip);
        return this;
    }

    public Ipv4 dscp(int v) {
        dscp = v & 0x3f;
        return this;
    }

    public Ipv4 ecn(int v) {
        ecn = v & 3;
        return this;
    }

    public Ipv4 id(int v) {
        id = v & 0xffff;
        return this;
    }

    public Ipv4 df(boolean v) {
        df = v;
        return this;
    }

    public Ipv4 mf(boolean v) {
        mf = v;
        return this;
    }

    /** Fragment offset in bytes (a multiple of 8). */
    public Ipv4 fragOffset(int bytes) {
        if (bytes % 8 != 0) throw new IllegalArgumentException("a fragment offset is a multiple of 8 bytes: " + bytes);
        fragOffset = bytes;
        return this;
    }

    public Ipv4 ttl(int v) {
        ttl = v & 0xff;
        return this;
    }

    /** An explicit protocol number (by default the payload's). */
    public Ipv4 protocol(int p) {
        protocol = p;
        return this;
    }

    /** Options as their wire bytes; padded with End-of-Options to a multiple of 4. */
    public Ipv4 options(byte... opts) {
        options = opts.clone();
        return this;
    }

    /** Overrides the total length (to craft a lying header). */
    public Ipv4 totalLength(int v) {
        totalLength = v;
        return this;
    }

    /** Overrides the header length in 32-bit words. */
    public Ipv4 ihl(int words) {
        ihl = words;
        return this;
    }

    /** Overrides the checksum. */
    public Ipv4 checksum(int v) {
        checksum = v;
        return this;
    }

    @Override
    protected int etherType() {
        return 0x0800;
    }

    @Override
    protected int ipProtocol() {
        return 4;
    }

    @Override
    protected byte[] build(PseudoHeader pseudo) {
        byte[] p = payloadBytes(new PseudoHeader(src, dst));
        int optLen = (options.length + 3) / 4 * 4;
        int hlen = 20 + optLen;
        ByteBuffer b = ByteBuffer.allocate(hlen + p.length);
        b.put((byte) (0x40 | (ihl != null ? ihl : hlen / 4))).put((byte) ((dscp << 2) | ecn));
        b.putShort((short) (totalLength != null ? totalLength : hlen + p.length)).putShort((short) id);
        b.putShort((short) ((df ? 0x4000 : 0) | (mf ? 0x2000 : 0) | (fragOffset / 8)));
        b.put((byte) ttl).put((byte) (protocol != null ? protocol : nextIpProtocol(59))).putShort((short) 0);
        b.put(src).put(dst).put(options);
        for (int i = options.length; i < optLen; i++) b.put((byte) 0);
        b.put(p);
        byte[] out = b.array();
        int c = checksum != null ? checksum : Checksum.of(out, 0, hlen);
        out[10] = (byte) (c >>> 8);
        out[11] = (byte) c;
        return out;
    }
}
