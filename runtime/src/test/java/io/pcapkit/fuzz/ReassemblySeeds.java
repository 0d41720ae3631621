package io.pcapkit.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.Map;

/** Seeds of {@link ReassemblyFuzzTest}, in {@link ReassemblyInput}'s format: named sequences of fragments and segments. */
final class ReassemblySeeds {
    private ReassemblySeeds() {
    }

    /** Builds one input. */
    static final class In {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();

        In(int... config) {
            for (int c : config) b.write(c);
        }

        /** A fragment: IPv6 or not, more fragments, datagram id (0-15), offset field, data, seconds after the last, length lie. */
        In frag(boolean v6, boolean more, int id, int offset, int len, int seconds, int lie) {
            b.write((v6 ? 1 : 0) | (more ? 2 : 0) | (id << 4));
            b.write(offset >>> 8);
            b.write(offset);
            b.write(len);
            b.write(seconds);
            b.write(lie);
            for (int i = 0; i < len; i++) b.write('a' + (offset + i) % 26);
            return this;
        }

        /** A segment: connection (0-7), direction, TCP flags, relative sequence and acknowledgement, data length. */
        In seg(int conn, int dir, int flags, int seq, int ack, int len) {
            b.write(dir | (conn << 1));
            b.write(flags);
            b.write(seq >>> 8);
            b.write(seq);
            b.write(ack >>> 8);
            b.write(ack);
            b.write(len);
            for (int i = 0; i < len; i++) b.write('A' + (seq + i) % 26);
            return this;
        }

        In close(int conn) {
            b.write(0x10 | (conn << 1));
            for (int i = 0; i < 6; i++) b.write(0);
            return this;
        }

        byte[] bytes() {
            return b.toByteArray();
        }
    }

    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    private static final int FIN = 0x01;
    private static final int RST = 0x04;
    private static final int PSH = 0x08;

    static void put(Map<String, byte[]> out) {
        String ip = "ReassemblyFuzzTestInputs/ipDefragmentation/";
        // config: policy BSD (2) with 8 datagrams, 16 fragments, 64 KiB
        out.put(ip + "ipv4-in-order", new In(0x72, 15, 255).frag(false, true, 1, 0, 64, 0, 0).frag(false, true, 1, 8, 64, 0, 0)
                .frag(false, false, 1, 16, 40, 0, 0).bytes());
        out.put(ip + "ipv4-reversed", new In(0x72, 15, 255).frag(false, false, 2, 16, 40, 0, 0).frag(false, true, 2, 8, 64, 0, 0)
                .frag(false, true, 2, 0, 64, 0, 0).bytes());
        out.put(ip + "ipv4-overlaps-each-policy", new In(0x70, 15, 255).frag(false, true, 3, 0, 64, 0, 0).frag(false, true, 3, 4, 64, 0, 0)
                .frag(false, false, 3, 2, 80, 0, 0).frag(false, true, 3, 0, 16, 0, 0).bytes());
        out.put(ip + "ipv6-in-order", new In(0x73, 15, 255).frag(true, true, 4, 0, 64, 0, 0).frag(true, false, 4, 64, 48, 0, 0).bytes());
        out.put(ip + "ipv4-and-ipv6-same-id", new In(0x74, 15, 255).frag(false, true, 5, 0, 32, 0, 0).frag(true, true, 5, 0, 32, 0, 0)
                .frag(false, false, 5, 4, 8, 0, 0).frag(true, false, 5, 32, 8, 0, 0).bytes());
        out.put(ip + "duplicate-last-fragment-other-end", new In(0x75, 15, 255).frag(false, false, 6, 8, 16, 0, 0).frag(false, false, 6, 16, 16, 0, 0)
                .frag(false, true, 6, 0, 64, 0, 0).bytes());
        out.put(ip + "timed-out-then-completed", new In(0x72, 15, 255).frag(false, true, 7, 0, 64, 0, 0).frag(false, false, 7, 8, 8, 31, 0).bytes());
        In flood = new In(0x17, 3, 0);
        for (int i = 0; i < 40; i++) flood.frag(i % 3 == 0, true, i & 15, i, 8, 0, 0);
        out.put(ip + "more-datagrams-than-the-cap", flood.bytes());
        In many = new In(0x72, 3, 255);
        for (int i = 0; i < 8; i++) many.frag(false, true, 8, i, 8, 0, 0);
        out.put(ip + "more-fragments-than-the-cap", many.bytes());
        out.put(ip + "past-the-largest-datagram", new In(0x72, 15, 255).frag(false, true, 9, 0, 64, 0, 0).frag(false, false, 9, 0x1fff, 64, 0, 0).bytes());
        out.put(ip + "total-length-lies", new In(0x72, 15, 255).frag(false, true, 10, 0, 64, 0, 200).frag(false, false, 10, 8, 8, 0, 255).bytes());
        out.put(ip + "empty-fragments", new In(0x77, 15, 255).frag(false, true, 11, 0, 0, 0, 0).frag(false, false, 11, 0, 0, 0, 0)
                .frag(true, false, 11, 0, 0, 0, 0).bytes());

        String tcp = "ReassemblyFuzzTestInputs/tcpReassembly/";
        // config: policy FIRST (0) with 4 out-of-order segments, 4 KiB per connection, 8 KiB in all, 64 kept, 1 KiB messages
        int[] cfg = {0x30, 250, 250, 64, 16};
        out.put(tcp + "handshake-data-both-ways-fin", new In(cfg).seg(0, 0, SYN, 0, 0, 0).seg(0, 1, SYN | ACK, 0, 1, 0).seg(0, 0, ACK | PSH, 1, 1, 40)
                .seg(0, 1, ACK | PSH, 1, 41, 60).seg(0, 0, FIN | ACK, 41, 61, 0).seg(0, 1, FIN | ACK, 61, 42, 0).bytes());
        out.put(tcp + "out-of-order-then-filled", new In(cfg).seg(1, 0, SYN, 0, 0, 0).seg(1, 0, ACK, 41, 0, 40).seg(1, 0, ACK, 81, 0, 40)
                .seg(1, 0, ACK, 1, 0, 40).bytes());
        out.put(tcp + "overlapping-retransmission-that-differs", new In(cfg).seg(2, 0, SYN, 0, 0, 0).seg(2, 0, ACK, 1, 0, 40).seg(2, 0, ACK, 21, 0, 40)
                .seg(2, 0, ACK, 1, 0, 80).bytes());
        out.put(tcp + "sequence-numbers-wrap", new In(cfg).seg(3, 0, ACK, 990, 0, 20).seg(3, 0, ACK, 1010, 0, 200).seg(3, 0, ACK, 1210, 0, 40).bytes());
        out.put(tcp + "hole-acknowledged-by-the-peer", new In(cfg).seg(4, 0, SYN, 0, 0, 0).seg(4, 0, ACK, 101, 0, 40).seg(4, 1, ACK, 0, 141, 0).bytes());
        out.put(tcp + "reset-then-more-data", new In(cfg).seg(5, 0, ACK, 1, 0, 40).seg(5, 1, RST, 0, 0, 0).seg(5, 0, ACK, 41, 0, 40).close(5)
                .seg(5, 0, ACK, 81, 0, 10).bytes());
        In over = new In(0x10, 2, 3, 0, 0);
        for (int i = 0; i < 12; i++) over.seg(i & 7, i & 1, ACK, 1000 + 200 * i, 0, 200);
        out.put(tcp + "over-every-cap", over.bytes());
        out.put(tcp + "syn-with-data-and-fin", new In(cfg).seg(6, 0, SYN | FIN, 0, 0, 30).seg(6, 0, ACK, 31, 0, 10).bytes());
    }
}
