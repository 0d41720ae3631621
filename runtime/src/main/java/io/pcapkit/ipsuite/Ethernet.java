package io.pcapkit.ipsuite;

import java.nio.ByteBuffer;

/** An Ethernet II header (or IEEE 802.3 with a length field); the EtherType follows the payload. */
public final class Ethernet extends PacketBuilder<Ethernet> {
    private byte[] dst = Addresses.mac("ff:ff:ff:ff:ff:ff");
    private byte[] src = Addresses.mac("02:00:00:00:00:01");
    private Integer type;
    private boolean lengthField;

    public static Ethernet builder() {
        return new Ethernet();
    }

    public Ethernet dst(String mac) {
        dst = Addresses.mac(mac);
        return this;
    }

    public Ethernet src(String mac) {
        src = Addresses.mac(mac);
        return this;
    }

    /** An explicit EtherType (by default the payload's). */
    public Ethernet type(int t) {
        type = t;
        return this;
    }

    /** Write an IEEE 802.3 length (the payload's size) instead of an EtherType. */
    public Ethernet ieee8023() {
        lengthField = true;
        return this;
    }

    @Override
    protected byte[] build(PseudoHeader pseudo) {
        byte[] p = payloadBytes(null);
        int t = lengthField ? p.length : type != null ? type : nextEtherType(0x88b5);
        return ByteBuffer.allocate(14 + p.length).put(dst).put(src).putShort((short) t).put(p).array();
    }
}
