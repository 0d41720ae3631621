package io.pcapkit.ipsuite;

import java.nio.ByteBuffer;

/** A UDP header (RFC 768): length and checksum (over the IP pseudo header) computed unless set. */
public final class Udp extends PacketBuilder<Udp> {
    private int srcPort = 40000;
    private int dstPort = 9;
    private Integer length;
    private Integer checksum;

    public static Udp builder() {
        return new Udp();
    }

    public Udp ports(int src, int dst) {
        srcPort = src & 0xffff;
        dstPort = dst & 0xffff;
        return this;
    }

    public Udp length(int v) {
        length = v;
        return this;
    }

    /** Overrides the checksum (0 means "none" over IPv4). */
    public Udp checksum(int v) {
        checksum = v;
        return this;
    }

    @Override
    protected int ipProtocol() {
        return 17;
    }

    @Override
    protected byte[] build(PseudoHeader pseudo) {
        byte[] p = payloadBytes(null);
        int len = 8 + p.length;
        byte[] out = ByteBuffer.allocate(len).putShort((short) srcPort).putShort((short) dstPort)
                .putShort((short) (length != null ? length : len)).putShort((short) 0).put(p).array();
        int c;
        if (checksum != null) {
            c = checksum;
        } else {
            long s = Checksum.sum(out, 0, len) + (pseudo != null ? pseudo.sum(17, len) : 0);
            c = Checksum.fold(s);
            if (c == 0) c = 0xffff; // 0 would mean "no checksum"
        }
        out[6] = (byte) (c >>> 8);
        out[7] = (byte) c;
        return out;
    }
}
