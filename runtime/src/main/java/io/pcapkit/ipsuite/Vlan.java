package io.pcapkit.ipsuite;

import java.nio.ByteBuffer;

/** An IEEE 802.1Q tag (or an 802.1ad service tag); put it as an Ethernet payload, the tagged layer as its payload. */
public final class Vlan extends PacketBuilder<Vlan> {
    private int tpid = 0x8100;
    private int pcp;
    private boolean dei;
    private int vid = 1;
    private Integer type;

    public static Vlan builder() {
        return new Vlan();
    }

    public Vlan vid(int v) {
        vid = v & 0xfff;
        return this;
    }

    public Vlan pcp(int p) {
        pcp = p & 7;
        return this;
    }

    public Vlan dei(boolean d) {
        dei = d;
        return this;
    }

    /** An 802.1ad service tag (TPID 0x88a8). */
    public Vlan serviceTag() {
        tpid = 0x88a8;
        return this;
    }

    public Vlan type(int t) {
        type = t;
        return this;
    }

    @Override
    protected int etherType() {
        return tpid;
    }

    @Override
    protected byte[] build(PseudoHeader pseudo) {
        byte[] p = payloadBytes(null);
        int tci = (pcp << 13) | (dei ? 1 << 12 : 0) | vid;
        int t = type != null ? type : nextEtherType(0x88b5);
        return ByteBuffer.allocate(4 + p.length).putShort((short) tci).putShort((short) t).put(p).array();
    }
}
