package io.pcapkit.flow;

import io.pcapkit.capture.PacketRecord;
import io.pcapkit.ipsuite.Ethernet;
import io.pcapkit.ipsuite.Ipv4;
import io.pcapkit.ipsuite.Tcp;
import io.pcapkit.ipsuite.Udp;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Crafted TCP and UDP frames for the flow tests, and records to feed them as. */
final class Packets {
    private Packets() {
    }

    static byte[] tcp(String src, int sport, String dst, int dport, long seq, long ack, int flags, String data) {
        return Ethernet.builder().payload(Ipv4.builder().src(src).dst(dst)
                .payload(Tcp.builder().ports(sport, dport).seq(seq).ack(ack).flags(flags).payload(data.getBytes(StandardCharsets.ISO_8859_1))))
                .build();
    }

    static byte[] tcp(String src, int sport, String dst, int dport, long seq, long ack, int flags, byte[] data) {
        return Ethernet.builder().payload(Ipv4.builder().src(src).dst(dst).payload(Tcp.builder().ports(sport, dport).seq(seq).ack(ack).flags(flags)
                .payload(data))).build();
    }

    static byte[] udp(String src, int sport, String dst, int dport, String data) {
        return Ethernet.builder().payload(Ipv4.builder().src(src).dst(dst)
                .payload(Udp.builder().ports(sport, dport).payload(data.getBytes(StandardCharsets.ISO_8859_1)))).build();
    }

    /** A record for {@code frame}, numbered {@code number}, at {@code second}. */
    static PacketRecord record(byte[] frame, long number, long second) {
        PacketRecord r = new PacketRecord();
        r.buffer = ByteBuffer.wrap(frame);
        r.offset = 0;
        r.capLen = frame.length;
        r.origLen = frame.length;
        r.linkType = 1;
        r.number = number;
        r.time.set(second, 0, 6);
        return r;
    }

    /**
     * A TCP/IPv4 Ethernet frame written directly (no checksums; the builders parse address literals
     * on every packet, too slow for floods).
     */
    static void fastTcp(ByteBuffer f, int src, int sport, int dst, int dport, long seq, int flags) {
        f.clear();
        f.putLong(0x0000000000010000L).putInt(0x00000002).putShort((short) 0x0800);
        f.put((byte) 0x45).put((byte) 0).putShort((short) 40).putInt(0).put((byte) 64).put((byte) 6).putShort((short) 0);
        f.putInt(src).putInt(dst);
        f.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt(0).putShort((short) (0x5000 | flags)).putShort((short) 1024)
                .putInt(0);
        f.flip();
    }
}
