package io.pcapkit.fuzz;

import java.nio.ByteBuffer;

/**
 * The byte format of the reassembly targets' inputs, so that a few bytes of corpus make a
 * sequence of segments. After the target's configuration bytes, each step is a fixed header and
 * its data:
 *
 * <pre>
 * fragment: flags (bit 0 IPv6, bit 1 more fragments, bits 4-7 the datagram id: 16 datagrams),
 *           offset (u16: IPv4 in 8-byte units, IPv6 the field as is), data length (u8),
 *           seconds since the last one (u8), length lie (u8: 0 the header's length is true, else
 *           it claims that many bytes more), then the data
 * segment:  flags (bit 0 direction, bits 1-3 connection: 8 of them, bit 4 close the connection),
 *           TCP flags (u8), sequence (u16, relative to the direction's initial number, which the
 *           first byte sets near the 32-bit wrap), acknowledgement (u16, relative), data length
 *           (u8), then the data
 * </pre>
 *
 * Reads past the end give zeros; data is cut to what is left.
 */
final class ReassemblyInput {
    static final int CONNECTIONS = 8;

    private final byte[] b;
    private int pos;
    private long isn0 = -1;
    private long isn1;

    ReassemblyInput(byte[] b) {
        this.b = b;
    }

    boolean more() {
        return pos < b.length;
    }

    int u8() {
        return pos < b.length ? b[pos++] & 0xff : 0;
    }

    int u16() {
        return (u8() << 8) | u8();
    }

    private ByteBuffer data(int n) {
        int len = Math.min(n, b.length - pos);
        ByteBuffer d = ByteBuffer.wrap(b, pos, len).slice();
        pos += len;
        return d;
    }

    record Fragment(boolean v6, ByteBuffer packet, int seconds) {
    }

    Fragment fragment() {
        int flags = u8();
        int offset = u16();
        int len = u8();
        int seconds = u8();
        int lie = u8();
        ByteBuffer d = data(len);
        boolean v6 = (flags & 1) != 0;
        boolean more = (flags & 2) != 0;
        int id = flags >>> 4;
        int n = d.remaining();
        ByteBuffer p;
        if (v6) {
            p = ByteBuffer.allocate(48 + n);
            p.putInt(0x60000000).putShort((short) (8 + n + lie)).put((byte) 44).put((byte) 64);
            p.putLong(0x20010db800000000L).putLong(1).putLong(0x20010db800000000L).putLong(2);
            p.put((byte) 17).put((byte) 0).putShort((short) ((offset & 0xfff8) | (more ? 1 : 0))).putInt(id);
        } else {
            p = ByteBuffer.allocate(20 + n);
            p.put((byte) 0x45).put((byte) 0).putShort((short) (20 + n + lie)).putShort((short) id);
            p.putShort((short) ((more ? 0x2000 : 0) | (offset & 0x1fff))).put((byte) 64).put((byte) 17).putShort((short) 0);
            p.putInt(0xc0000201).putInt(0xc0000202);
        }
        p.put(d).flip();
        return new Fragment(v6, p, seconds);
    }

    record Segment(int connection, int dir, boolean close, int flags, long seq, long ack, ByteBuffer data) {
    }

    Segment segment() {
        if (isn0 < 0) {
            // initial sequence numbers near the wrap, from the first segment's position in the input
            isn0 = 0xffffffffL - 1000 - (pos & 0xff);
            isn1 = 0x7fffffffL + (pos & 0xff);
        }
        int f = u8();
        int tcpFlags = u8();
        int seq = u16();
        int ack = u16();
        int len = u8();
        int dir = f & 1;
        long isn = dir == 0 ? isn0 : isn1;
        long peer = dir == 0 ? isn1 : isn0;
        return new Segment((f >>> 1) & 7, dir, (f & 0x10) != 0, tcpFlags, (isn + seq) & 0xffffffffL, (peer + ack) & 0xffffffffL, data(len));
    }
}
