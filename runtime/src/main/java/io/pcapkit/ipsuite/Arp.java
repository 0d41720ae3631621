package io.pcapkit.ipsuite;

import java.nio.ByteBuffer;

/** An ARP (or, with {@link #reverse()}, RARP) message for Ethernet and IPv4 (RFC 826, RFC 903). */
public final class Arp extends PacketBuilder<Arp> {
    public static final int REQUEST = 1;
    public static final int REPLY = 2;
    public static final int REVERSE_REQUEST = 3;
    public static final int REVERSE_REPLY = 4;

    private int oper = REQUEST;
    private byte[] sha = Addresses.mac("02:00:00:00:00:01");
    private byte[] spa = Addresses.ipv4("0.0.0.0");
    private byte[] tha = Addresses.mac("00:00:00:00:00:00");
    private byte[] tpa = Addresses.ipv4("0.0.0.0");
    private boolean rarp;

    public static Arp builder() {
        return new Arp();
    }

    public Arp oper(int o) {
        oper = o;
        return this;
    }

    public Arp sender(String mac, String ip) {
        sha = Addresses.mac(mac);
        spa = Addresses.ipv4(ip);
        return this;
    }

    public Arp target(String mac, String ip) {
        tha = Addresses.mac(mac);
        tpa = Addresses.ipv4(ip);
        return this;
    }

    /** Sent as RARP (EtherType 0x8035). */
    public Arp reverse() {
        rarp = true;
        return this;
    }

    @Override
    protected int etherType() {
        return rarp ? 0x8035 : 0x0806;
    }

    @Override
    protected byte[] build(PseudoHeader pseudo) {
        return ByteBuffer.allocate(28).putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4)
                .putShort((short) oper).put(sha).put(spa).put(tha).put(tpa).array();
    }
}
