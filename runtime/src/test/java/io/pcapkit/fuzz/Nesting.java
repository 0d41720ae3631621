package io.pcapkit.fuzz;

import java.io.ByteArrayOutputStream;

/** IP nested in IP and IPv6 extension headers of every kind, to any depth (see {@link Hostile} for the others). */
final class Nesting {
    private Nesting() {
    }

    static byte[] ipv6(int next, byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0x60, 0, 0, 0, (byte) (payload.length >>> 8), (byte) payload.length, (byte) next, 64});
        b.writeBytes(new byte[15]);
        b.write(1);
        b.writeBytes(new byte[15]);
        b.write(2);
        b.writeBytes(payload);
        return b.toByteArray();
    }

    /** {@code depth} IPv6 headers (next header 41), then UDP. */
    static byte[] ipv6InIpv6(int depth) {
        byte[] p = ipv6(17, Hostile.udp());
        for (int i = 1; i < depth; i++) p = ipv6(41, p);
        return Hostile.ethernet(0x86dd, p);
    }

    /** {@code depth} IP headers, IPv4 and IPv6 by turns (protocols 4 and 41), then UDP. */
    static byte[] alternating(int depth) {
        boolean v6 = depth % 2 == 0;
        byte[] p = v6 ? ipv6(17, Hostile.udp()) : Hostile.ipv4(17, Hostile.udp());
        for (int i = 1; i < depth; i++) {
            int inner = v6 ? 41 : 4;
            v6 = !v6;
            p = v6 ? ipv6(inner, p) : Hostile.ipv4(inner, p);
        }
        return Hostile.ethernet(v6 ? 0x86dd : 0x0800, p);
    }

    /** IPv6, then {@code depth} extension headers cycling hop-by-hop, routing, atomic fragment and destination options, then UDP. */
    static byte[] mixedExtensions(int depth) {
        int[] kinds = {0, 43, 44, 60};
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        for (int i = 0; i < depth; i++) {
            int next = i == depth - 1 ? 17 : kinds[(i + 1) % kinds.length];
            switch (kinds[i % kinds.length]) {
                case 43 -> ext.writeBytes(new byte[] {(byte) next, 0, 0, 0, 0, 0, 0, 0}); // routing type 0, no segments left
                case 44 -> ext.writeBytes(new byte[] {(byte) next, 0, 0, 0, 0, 0, 0, (byte) i}); // offset 0, M clear: atomic
                default -> ext.writeBytes(new byte[] {(byte) next, 0, 1, 4, 0, 0, 0, 0}); // PadN
            }
        }
        ext.writeBytes(Hostile.udp());
        return Hostile.ethernet(0x86dd, ipv6(depth == 0 ? 17 : 0, ext.toByteArray()));
    }
}
