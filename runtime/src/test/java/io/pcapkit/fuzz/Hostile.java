package io.pcapkit.fuzz;

import java.io.ByteArrayOutputStream;

/** Deeply nested Ethernet frames: each goes past {@link io.pcapkit.dissect.Limits#MAX_LAYERS} when {@code depth} does. */
final class Hostile {
    private Hostile() {
    }

    private static final byte[] MACS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};

    /** UDP to port 9 with an honest length. */
    static byte[] udp() {
        return new byte[] {(byte) 0x9c, 0x40, 0, 9, 0, 8, 0, 0};
    }

    static byte[] ipv4(int protocol, byte[] payload) {
        int total = 20 + payload.length;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0x45, 0, (byte) (total >>> 8), (byte) total, 0x12, 0x34, 0, 0, 64, (byte) protocol, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2});
        b.writeBytes(payload);
        return b.toByteArray();
    }

    static byte[] ethernet(int type, byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(MACS);
        b.write(type >>> 8);
        b.write(type);
        b.writeBytes(payload);
        return b.toByteArray();
    }

    /** {@code depth} 802.1Q tags (the outermost an 802.1ad one) around IPv4/UDP. */
    static byte[] vlans(int depth) {
        byte[] p = ipv4(17, udp());
        int type = 0x0800;
        for (int i = 0; i < depth; i++) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write((i >>> 8) & 0x0f);
            b.write(i);
            b.write(type >>> 8);
            b.write(type);
            b.writeBytes(p);
            p = b.toByteArray();
            type = i == depth - 2 ? 0x88a8 : 0x8100;
        }
        return ethernet(type, p);
    }

    /** IPv4 in IPv4 ({@code depth} headers), then UDP; total lengths honest until they would pass 65,535. */
    static byte[] ipInIp(int depth) {
        byte[] p = ipv4(17, udp());
        for (int i = 1; i < depth; i++) p = ipv4(4, p.length > 65_515 ? new byte[0] : p);
        return ethernet(0x0800, p);
    }

    /** IPv6 with {@code depth} destination-options headers (8 bytes of PadN each), then UDP. */
    static byte[] ipv6Extensions(int depth) {
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        for (int i = 0; i < depth; i++) ext.writeBytes(new byte[] {(byte) (i == depth - 1 ? 17 : 60), 0, 1, 4, 0, 0, 0, 0});
        ext.writeBytes(udp());
        byte[] payload = ext.toByteArray();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0x60, 0, 0, 0, (byte) (payload.length >>> 8), (byte) payload.length, 60, 64});
        b.writeBytes(new byte[15]);
        b.write(1);
        b.writeBytes(new byte[15]);
        b.write(2);
        b.writeBytes(payload);
        return ethernet(0x86dd, b.toByteArray());
    }
}
