package io.pcapkit.ipsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.frame.EnumValue;
import io.pcapkit.frame.Info;
import io.pcapkit.frame.InfoBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Build, dissect, the same fields: the builders and the grammars agree, and tshark accepts the checksums. */
class IpsuiteRoundTripTest {
    static List<Info> dissect(byte[] capture) throws IOException {
        List<Info> out = new ArrayList<>();
        try (CaptureReader r = CaptureInput.open(new ByteArrayInputStream(capture), "built")) {
            PacketRecord rec = new PacketRecord();
            Dissector d = new Dissector();
            InfoBuilder b = new InfoBuilder();
            while (r.next(rec)) {
                d.dissect(rec, b);
                out.add(b.frame());
            }
        }
        return out;
    }

    static byte[] tcpSyn() {
        return Ethernet.builder().src("02:00:00:00:00:0a").dst("02:00:00:00:00:0b")
                .payload(Ipv4.builder().src("10.1.2.3").dst("10.4.5.6").id(0x1234).df(true).ttl(57)
                        .payload(Tcp.builder().ports(51000, 80).seq(1000).ack(0).flags(Tcp.SYN).window(29200)
                                .mss(1460).sackPermitted().timestamps(7, 0).nop().windowScale(7)))
                .build();
    }

    @Test
    void ethernetIpv4TcpRoundTrip() throws IOException {
        Info f = dissect(PcapFile.create(1).add(tcpSyn()).toBytes()).get(0);
        assertEquals("Ethernet:IPv4:TCP", f.string("protocols"));
        assertEquals("02:00:00:00:00:0a", f.string("ethernet.src"));
        assertEquals(new EnumValue(0x0800, "IPv4"), f.get("ethernet.type"));
        Info ip = f.info("ethernet.ipv4");
        assertEquals("10.1.2.3", ip.string("src"));
        assertEquals("10.4.5.6", ip.string("dst"));
        assertEquals(0x1234L, ip.number("id"));
        assertEquals(true, ip.bool("flags.df"));
        assertEquals(57L, ip.number("ttl"));
        assertEquals(60L, ip.number("len"));
        Info tcp = ip.info("tcp");
        assertEquals(51000L, tcp.number("srcport"));
        assertEquals(80L, tcp.number("dstport"));
        assertEquals(1000L, tcp.number("seq"));
        assertEquals(40L, tcp.number("hdr_len"));
        assertEquals(true, tcp.bool("flags.syn"));
        assertEquals(false, tcp.bool("flags.ack"));
        List<Object> opts = tcp.list("options");
        assertEquals(1460L, ((Info) opts.get(0)).number("mss"));
        assertEquals(new EnumValue(4, "SACK_PERM"), ((Info) opts.get(1)).get("kind"));
        assertEquals(7L, ((Info) opts.get(2)).number("val"));
        assertEquals(7L, ((Info) opts.get(4)).number("shift"));
    }

    @Test
    void vlanStackArpAndRarp() throws IOException {
        byte[] qinq = Ethernet.builder().payload(Vlan.builder().serviceTag().vid(100)
                .payload(Vlan.builder().vid(42).pcp(5).dei(true).payload(Ipv4.builder().payload(Udp.builder().ports(5000, 6000)))))
                .build();
        byte[] arp = Ethernet.builder().payload(Arp.builder().oper(Arp.REPLY).sender("02:00:00:00:00:01", "192.0.2.1")
                .target("02:00:00:00:00:02", "192.0.2.2")).build();
        byte[] rarp = Ethernet.builder().payload(Arp.builder().reverse().oper(Arp.REVERSE_REQUEST)).build();
        List<Info> fs = dissect(PcapFile.create(1).add(qinq).add(arp).add(rarp).toBytes());
        assertEquals("Ethernet:802.1ad:802.1Q:IPv4:UDP", fs.get(0).string("protocols"));
        assertEquals(100L, fs.get(0).number("ethernet.802.1ad.tci.vid"));
        Info inner = fs.get(0).info("ethernet").info("802.1ad").info("802.1q");
        assertEquals(42L, inner.number("tci.vid"));
        assertEquals(5L, inner.number("tci.pcp"));
        assertEquals(true, inner.bool("tci.dei"));
        assertEquals("Ethernet:ARP", fs.get(1).string("protocols"));
        assertEquals(new EnumValue(2, "reply"), fs.get(1).get("ethernet.arp.oper"));
        assertEquals("192.0.2.2", fs.get(1).string("ethernet.arp.tpa"));
        assertEquals("02:00:00:00:00:01", fs.get(1).string("ethernet.arp.sha"));
        assertEquals("Ethernet:RARP", fs.get(2).string("protocols"));
    }

    @Test
    void ipv6ExtensionHeadersAndFragments() throws IOException {
        byte[] p = Ethernet.builder().payload(Ipv6.builder().src("2001:db8::a").dst("2001:db8::b").hopLimit(9).flowLabel(0xabcde)
                .payload(Ipv6Ext.hopByHop().option(5, (byte) 0, (byte) 0)
                        .payload(Ipv6Ext.routing(0, 1).address("2001:db8::c")
                                .payload(Ipv6Ext.fragment(0, false, 77)
                                        .payload(Ipv6Ext.destinationOptions().payload(Udp.builder().ports(1, 2)))))))
                .build();
        byte[] frag = Ethernet.builder().payload(Ipv6.builder().payload(Ipv6Ext.fragment(1480, true, 0x12345678)
                .payload(Udp.builder()))).build();
        List<Info> fs = dissect(PcapFile.create(1).add(p).add(frag).toBytes());
        assertEquals("Ethernet:IPv6:HOPOPT:IPv6-Route:IPv6-Frag:IPv6-Opts:UDP", fs.get(0).string("protocols"));
        Info v6 = fs.get(0).info("ethernet.ipv6");
        assertEquals("2001:db8::a", v6.string("src"));
        assertEquals(9L, v6.number("limit"));
        assertEquals(0xabcdeL, v6.number("label"));
        assertEquals(new EnumValue(5, "Router Alert"), ((Info) v6.info("hopopt").list("options").get(0)).get("type"));
        assertEquals(1L, v6.info("hopopt").info("route").number("seg_left"));
        Info frag1 = fs.get(1).info("ethernet.ipv6.frag");
        assertEquals(1480L, frag1.number("offset"));
        assertEquals(true, frag1.bool("mf"));
        assertEquals(0x12345678L, frag1.number("id"));
        assertEquals("Ethernet:IPv6:IPv6-Frag:Raw", fs.get(1).string("protocols"), "a fragment's payload stays raw");
    }

    @Test
    void ipv4OptionsAndLyingLengths() throws IOException {
        byte[] rr = {7, 11, 4, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        byte[] opts = Ethernet.builder().payload(Ipv4.builder().options(rr).payload(Udp.builder())).build();
        byte[] lying = Ethernet.builder().payload(Ipv4.builder().ihl(3).payload(Udp.builder())).build();
        List<Info> fs = dissect(PcapFile.create(1).add(opts).add(lying).toBytes());
        Info ip = fs.get(0).info("ethernet.ipv4");
        assertEquals(32L, ip.number("hdr_len"));
        Info rrOpt = (Info) ip.list("options").get(0);
        assertEquals(new EnumValue(7, "RR"), rrOpt.get("kind"));
        assertEquals(4L, rrOpt.number("pointer"));
        assertEquals(new EnumValue(1, "NOP"), ((Info) ip.list("options").get(1)).get("kind"));
        assertEquals("Ethernet:IPv4", fs.get(1).string("protocols"));
        assertEquals("IPv4", fs.get(1).string("ethernet.ipv4.malformed.protocol"));
        assertEquals("hdr_len", fs.get(1).string("ethernet.ipv4.malformed.field"));
    }

    @Test
    void pcapngBlocksAndResolutions() throws IOException {
        byte[] pkt = tcpSyn();
        byte[] file = PcapngFile.create(ByteOrder.BIG_ENDIAN)
                .interfaceBlock(1, 65535, 9, 0)
                .interfaceBlock(1, 65535, 0x80 | 20, 10)
                .epb(0, 1_700_000_000_123_456_789L, pkt, pkt.length)
                .epb(1, (1_700_000_000L << 20) | (1 << 19), pkt, pkt.length + 100)
                .section(ByteOrder.LITTLE_ENDIAN).interfaceBlock(1, 65535, -1, 0)
                .spb(pkt, pkt.length)
                .toBytes();
        List<Info> fs = dissect(file);
        assertEquals(3, fs.size());
        assertEquals("1700000000.123456789", fs.get(0).string("time_epoch"));
        assertEquals("1700000010.500000000", fs.get(1).string("time_epoch"), "2^-20 units plus a 10 s offset");
        assertEquals((long) pkt.length + 100, fs.get(1).number("len"));
        assertEquals(1L, fs.get(1).number("interface"));
        assertEquals("Ethernet:IPv4:TCP", fs.get(2).string("protocols"));
    }

    /** tshark recomputes every checksum we wrote and finds none wrong. */
    @Test
    void tsharkAgreesWithOurChecksums(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark not installed: skipping the checksum cross-check");
        byte[] v6udp = Ethernet.builder().payload(Ipv6.builder().payload(Udp.builder().ports(1000, 2000)
                .payload("hello".getBytes(StandardCharsets.US_ASCII)))).build();
        byte[] v6tcp = Ethernet.builder().payload(Ipv6.builder().payload(Tcp.builder().flags(Tcp.PSH | Tcp.ACK)
                .payload("odd-length".getBytes(StandardCharsets.US_ASCII)))).build();
        byte[] ping = Ethernet.builder().payload(Ipv4.builder().payload(Icmp.v4().echoRequest(1, 2).payload(new byte[] {1, 2, 3}))).build();
        byte[] ping6 = Ethernet.builder().payload(Ipv6.builder().payload(Icmp.v6().echoRequest(3, 4).payload(new byte[] {5}))).build();
        Path f = PcapFile.create(1).add(tcpSyn()).add(v6udp).add(v6tcp).add(ping).add(ping6).write(tmp.resolve("built.pcap"));
        Process p = new ProcessBuilder("tshark", "-r", f.toString(), "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                "-o", "udp.check_checksum:TRUE", "-T", "fields", "-e", "frame.protocols", "-e", "ip.checksum.status",
                "-e", "tcp.checksum.status", "-e", "udp.checksum.status", "-e", "icmp.checksum.status", "-e", "icmpv6.checksum.status")
                .redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String[] lines = out.strip().split("\n");
        assertEquals(5, lines.length, out);
        for (String line : lines) {
            String[] cols = line.split("\t", -1);
            boolean any = false;
            for (int i = 1; i < cols.length; i++) {
                if (cols[i].isEmpty()) continue;
                any = true;
                assertEquals("1", cols[i], "checksum status 1 (good; 0 is bad, 2 unverified) expected: " + line);
            }
            assertTrue(any, "some checksum was checked: " + line);
            assertFalse(cols[0].contains("malformed"), line);
        }
    }
}
