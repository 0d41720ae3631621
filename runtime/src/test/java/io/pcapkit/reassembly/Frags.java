package io.pcapkit.reassembly;

import io.pcapkit.dissect.Protocol;
import io.pcapkit.gen.Protocols;
import io.pcapkit.ipsuite.Ethernet;
import io.pcapkit.ipsuite.Ipv4;
import io.pcapkit.ipsuite.Ipv6;
import io.pcapkit.ipsuite.Ipv6Ext;
import io.pcapkit.ipsuite.Udp;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** Crafted fragments for the tests: IPv4 packets and Ethernet frames built with the IPSuite builders. */
final class Frags {
    /** IPv4 as the grammars describe it: the defragmenter reads a header's fields through its roles. */
    static final Protocol IPV4 = Protocols.get(Protocols.P_IPV4);
    private Frags() {
    }

    /** A fragment: byte offset, data, more-fragments flag. */
    record Frag(int offset, byte[] data, boolean more) {
        int end() {
            return offset + data.length;
        }
    }

    static Frag frag(int offset, char fill, int len, boolean more) {
        byte[] d = new byte[len];
        Arrays.fill(d, (byte) fill);
        return new Frag(offset, d, more);
    }

    /** The IPv4 packet (no link layer) carrying {@code f} of datagram {@code id}. */
    static byte[] ipv4(Frag f, int id) {
        return Ipv4.builder().src("192.0.2.1").dst("192.0.2.2").id(id).protocol(17).fragOffset(f.offset()).mf(f.more()).payload(f.data()).build();
    }

    static byte[] ethernet4(Frag f, int id) {
        return Ethernet.builder().payload(Ipv4.builder().src("192.0.2.1").dst("192.0.2.2").id(id).protocol(17).fragOffset(f.offset())
                .mf(f.more()).payload(f.data())).build();
    }

    /** An Ethernet frame with IPv6 and a Fragment header whose next header is UDP. */
    static byte[] ethernet6(Frag f, long id) {
        byte[] b = Ethernet.builder().payload(Ipv6.builder().src("2001:db8::1").dst("2001:db8::2")
                .payload(Ipv6Ext.fragment(f.offset(), f.more(), id).payload(f.data()))).build();
        b[14 + 40] = 17; // the builder says 59 (no next header) for raw data
        return b;
    }

    /**
     * Feeds {@code f} to {@code d} as frame {@code frame} at second {@code second}, in an IPv4
     * header written here directly (the IPSuite builder parses its address literals on every packet,
     * too slow for the thousands of fragments of the random tests; {@link #ipv4} builds the same bytes).
     */
    static Datagram offer(Defragmenter d, Frag f, int id, long frame, long second) {
        ByteBuffer p = ByteBuffer.allocate(20 + f.data().length);
        p.put((byte) 0x45).put((byte) 0).putShort((short) (20 + f.data().length)).putShort((short) id);
        p.putShort((short) ((f.more() ? 0x2000 : 0) | f.offset() / 8)).put((byte) 64).put((byte) 17).putShort((short) 0);
        p.putInt(0xc0000201).putInt(0xc0000202).put(f.data());
        return d.offer(IPV4, p, 0, 20, p.capacity(), 0, frame, second * 1_000_000_000L);
    }

    /** A UDP datagram's bytes (header and payload) split into fragments of {@code size} bytes (a multiple of 8). */
    static Frag[] split(byte[] datagram, int size) {
        int n = (datagram.length + size - 1) / size;
        Frag[] out = new Frag[n];
        for (int i = 0; i < n; i++) {
            int s = i * size;
            int e = Math.min(datagram.length, s + size);
            out[i] = new Frag(s, Arrays.copyOfRange(datagram, s, e), i < n - 1);
        }
        return out;
    }

    /** UDP header and payload (no checksum) from port 5000 to 6000. */
    static byte[] udp(int payloadLength) {
        byte[] p = new byte[payloadLength];
        for (int i = 0; i < p.length; i++) p[i] = (byte) ('a' + i % 26);
        return Udp.builder().ports(5000, 6000).payload(p).build();
    }
}
