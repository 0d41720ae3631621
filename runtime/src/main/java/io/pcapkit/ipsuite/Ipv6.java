package io.pcapkit.ipsuite;

import java.nio.ByteBuffer;

/** The fixed IPv6 header (RFC 8200); extension headers are {@link Ipv6Ext} layers in its payload. */
public final class Ipv6 extends PacketBuilder<Ipv6> {
    private byte[] src = Addresses.ipv6("2001:db8::1");
    private byte[] dst = Addresses.ipv6("2001:db8::2");
    private int trafficClass;
    private int flowLabel;
    private int hopLimit = 64;
    private Integer nextHeader;
    private Integer payloadLength;

    public static Ipv6 builder() {
        return new Ipv6();
    }

    public Ipv6 src(String ip) {
        src = Addresses.ipv6(ip);
        return this;
    }

    public Ipv6 dst(String ip) {
        dst = Addresses.ipv6(ip);
        return this;
    }

    public Ipv6 trafficClass(int v) {
        trafficClass = v & 0xff;
        return this;
    }

    public Ipv6 flowLabel(int v) {
        flowLabel = v & 0xfffff;
        return this;
    }

    public Ipv6 hopLimit(int v) {
        hopLimit = v & 0xff;
        return this;
    }

    public Ipv6 nextHeader(int v) {
        nextHeader = v;
        return this;
    }

    /** Overrides the payload length (to craft a lying header, or 0 for a jumbogram). */
    public Ipv6 payloadLength(int v) {
        payloadLength = v;
        return this;
    }

    @Override
    protected int etherType() {
        return 0x86dd;
    }

    @Override
    protected int ipProtocol() {
        return 41;
    }

    @Override
    protected byte[] build(PseudoHeader pseudo) {
        byte[] p = payloadBytes(new PseudoHeader(src, dst));
        ByteBuffer b = ByteBuffer.allocate(40 + p.length);
        b.putInt((6 << 28) | (trafficClass << 20) | flowLabel);
        b.putShort((short) (payloadLength != null ? payloadLength : p.length));
        b.put((byte) (nextHeader != null ? nextHeader : nextIpProtocol(59))).put((byte) hopLimit);
        return b.put(src).put(dst).put(p).array();
    }
}
