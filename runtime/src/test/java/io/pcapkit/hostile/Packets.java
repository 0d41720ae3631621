package io.pcapkit.hostile;

import java.io.ByteArrayOutputStream;

/** Packets as byte arrays, built field by field so a test can make any length field lie. */
final class Packets {
    private final ByteArrayOutputStream b = new ByteArrayOutputStream();

    static Packets of() {
        return new Packets();
    }

    Packets u1(int v) {
        b.write(v);
        return this;
    }

    Packets u2(int v) {
        return u1(v >>> 8).u1(v);
    }

    Packets u4(long v) {
        return u2((int) (v >>> 16)).u2((int) v);
    }

    Packets bytes(byte[] d) {
        b.writeBytes(d);
        return this;
    }

    Packets zeros(int n) {
        return bytes(new byte[n]);
    }

    byte[] build() {
        return b.toByteArray();
    }

    static byte[] ethernet(int type, byte[] payload) {
        return of().bytes(new byte[] {0, 1, 2, 3, 4, 5}).bytes(new byte[] {6, 7, 8, 9, 10, 11}).u2(type).bytes(payload).build();
    }

    /** An IPv4 header with the given (possibly lying) fields, then {@code options} and {@code payload}. */
    static byte[] ipv4(int ihl, int totalLength, int protocol, byte[] options, byte[] payload) {
        return of().u1(0x40 | ihl).u1(0).u2(totalLength).u2(0x1234).u2(0).u1(64).u1(protocol).u2(0)
                .u4(0x0a000001L).u4(0x0a000002L).bytes(options).bytes(payload).build();
    }

    /** A well-formed IPv4 header around {@code payload}. */
    static byte[] ipv4(int protocol, byte[] payload) {
        return ipv4(5, 20 + payload.length, protocol, new byte[0], payload);
    }

    static byte[] tcp(int dataOffset, byte[] options, byte[] payload) {
        return of().u2(40000).u2(80).u4(1).u4(0).u1(dataOffset << 4).u1(0x18).u2(65535).u2(0).u2(0).bytes(options).bytes(payload).build();
    }

    static byte[] udp(int length, byte[] payload) {
        return of().u2(40000).u2(9).u2(length).u2(0).bytes(payload).build();
    }

    static byte[] ipv6(int nextHeader, int payloadLength, byte[] payload) {
        Packets p = of().u4(0x60000000L).u2(payloadLength).u1(nextHeader).u1(64);
        return p.zeros(15).u1(1).zeros(15).u1(2).bytes(payload).build();
    }

    static byte[] ipv6(int nextHeader, byte[] payload) {
        return ipv6(nextHeader, payload.length, payload);
    }

    /** An extension header (hop-by-hop, destination options, routing) with a lying length allowed. */
    static byte[] extension(int nextHeader, int hdrExtLen, byte[] body) {
        return of().u1(nextHeader).u1(hdrExtLen).bytes(body).build();
    }

    static byte[] arp(int hlen, int plen, byte[] rest) {
        return of().u2(1).u2(0x0800).u1(hlen).u1(plen).u2(1).bytes(rest).build();
    }

    static byte[] concat(byte[]... parts) {
        Packets p = of();
        for (byte[] x : parts) p.bytes(x);
        return p.build();
    }
}
