package io.pcapkit.reassembly;

import java.nio.ByteBuffer;

/**
 * Which fragments belong together: (source, destination, identification, protocol) for IPv4 (RFC
 * 791), (source, destination, identification) for IPv6 (RFC 8200). IPv4 adds the frame's VLAN id,
 * as Wireshark's IPv4 reassembly does (fragments with the same header on two VLANs are two
 * datagrams; its IPv6 reassembly ignores VLANs, and so do we). Addresses are held as longs,
 * so a probe key is filled without allocating and copied only when a datagram starts.
 */
final class DatagramKey {
    int version;
    long src0;
    long src1;
    long dst0;
    long dst1;
    long id;
    int protocol;
    /** The VLAN id of the frame's innermost tag (0 without one): IPv4 only. */
    int vlan;
    private int hash;

    /**
     * Fills the key: the addresses ({@code size} 4 or 16 bytes at {@code src} and {@code dst} of
     * {@code b}), the id, the protocol (-1 when not part of the key) and the VLAN id (0 for none).
     */
    DatagramKey set(ByteBuffer b, int src, int dst, int size, long id, int protocol, int vlan) {
        version = size == 4 ? 4 : 6;
        src0 = AddressWords.high(b, src, size);
        src1 = AddressWords.low(b, src, size);
        dst0 = AddressWords.high(b, dst, size);
        dst1 = AddressWords.low(b, dst, size);
        this.id = id;
        this.protocol = protocol;
        this.vlan = vlan;
        return rehash();
    }

    private DatagramKey rehash() {
        long h = version;
        h = h * 0x9E3779B97F4A7C15L + src0;
        h = h * 0x9E3779B97F4A7C15L + src1;
        h = h * 0x9E3779B97F4A7C15L + dst0;
        h = h * 0x9E3779B97F4A7C15L + dst1;
        h = h * 0x9E3779B97F4A7C15L + id;
        h = h * 0x9E3779B97F4A7C15L + protocol;
        h = h * 0x9E3779B97F4A7C15L + vlan;
        hash = (int) (h ^ (h >>> 32));
        return this;
    }

    DatagramKey copy() {
        return new DatagramKey().copyFrom(this);
    }

    /** Takes {@code k}'s fields. */
    DatagramKey copyFrom(DatagramKey k) {
        version = k.version;
        src0 = k.src0;
        src1 = k.src1;
        dst0 = k.dst0;
        dst1 = k.dst1;
        id = k.id;
        protocol = k.protocol;
        vlan = k.vlan;
        hash = k.hash;
        return this;
    }

    byte[] src() {
        return address(src0, src1);
    }

    byte[] dst() {
        return address(dst0, dst1);
    }

    private byte[] address(long a, long b) {
        if (version == 4) return ByteBuffer.allocate(4).putInt((int) a).array();
        return ByteBuffer.allocate(16).putLong(a).putLong(b).array();
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatagramKey k && k.hash == hash && k.version == version && k.src0 == src0 && k.src1 == src1 && k.dst0 == dst0
                && k.dst1 == dst1 && k.id == id && k.protocol == protocol && k.vlan == vlan;
    }
}
