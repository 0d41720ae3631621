package io.pcapkit.ipsuite;

import java.nio.ByteBuffer;

/**
 * An ICMP (RFC 792) or ICMPv6 (RFC 4443) message: type, code, checksum and the 4-byte rest of
 * header, then the payload (an echo's data, or the quoted datagram of an error).
 */
public final class Icmp extends PacketBuilder<Icmp> {
    private final boolean v6;
    private int type;
    private int code;
    private int rest;
    private Integer checksum;

    private Icmp(boolean v6) {
        this.v6 = v6;
    }

    public static Icmp v4() {
        return new Icmp(false);
    }

    public static Icmp v6() {
        return new Icmp(true);
    }

    /** An echo request with identifier and sequence number. */
    public Icmp echoRequest(int id, int seq) {
        type = v6 ? 128 : 8;
        code = 0;
        rest = (id << 16) | (seq & 0xffff);
        return this;
    }

    public Icmp type(int t) {
        type = t;
        return this;
    }

    public Icmp code(int c) {
        code = c;
        return this;
    }

    /** The 4 bytes after the checksum (identifier/sequence, unused, MTU, pointer...). */
    public Icmp rest(int r) {
        rest = r;
        return this;
    }

    public Icmp checksum(int c) {
        checksum = c;
        return this;
    }

    @Override
    protected int ipProtocol() {
        return v6 ? 58 : 1;
    }

    @Override
    protected byte[] build(PseudoHeader pseudo) {
        byte[] p = payloadBytes(null);
        byte[] out = ByteBuffer.allocate(8 + p.length).put((byte) type).put((byte) code).putShort((short) 0).putInt(rest).put(p).array();
        long s = Checksum.sum(out, 0, out.length);
        if (v6 && pseudo != null) s += pseudo.sum(58, out.length);
        int c = checksum != null ? checksum : Checksum.fold(s);
        out[2] = (byte) (c >>> 8);
        out[3] = (byte) c;
        return out;
    }
}
