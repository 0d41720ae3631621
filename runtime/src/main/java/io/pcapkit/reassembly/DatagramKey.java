package io.pcapkit.reassembly;

import java.nio.ByteBuffer;

/**
 * Which fragments belong together: (source, destination, identification, protocol) for IPv4 (RFC
 * 791), (source, destination, identification) for IPv6 (RFC 8200). Addresses are held as longs,
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
    private int hash;

    DatagramKey set4(ByteBuffer b, int src, int dst, long id, int protocol) {
        version = 4;
        src0 = b.getInt(src) & 0xFFFFFFFFL;
        src1 = 0;
        dst0 = b.getInt(dst) & 0xFFFFFFFFL;
        dst1 = 0;
        this.id = id;
        this.protocol = protocol;
        return rehash();
    }

    DatagramKey set6(ByteBuffer b, int src, int dst, long id) {
        version = 6;
        src0 = b.getLong(src);
        src1 = b.getLong(src + 8);
        dst0 = b.getLong(dst);
        dst1 = b.getLong(dst + 8);
        this.id = id;
        this.protocol = -1;
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
        hash = (int) (h ^ (h >>> 32));
        return this;
    }

    DatagramKey copy() {
        DatagramKey k = new DatagramKey();
        k.version = version;
        k.src0 = src0;
        k.src1 = src1;
        k.dst0 = dst0;
        k.dst1 = dst1;
        k.id = id;
        k.protocol = protocol;
        k.hash = hash;
        return k;
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
                && k.dst1 == dst1 && k.id == id && k.protocol == protocol;
    }
}
