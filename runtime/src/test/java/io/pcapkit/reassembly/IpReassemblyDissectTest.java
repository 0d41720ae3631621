package io.pcapkit.reassembly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dump.DumpOptions;
import io.pcapkit.dump.Dumper;
import io.pcapkit.dump.Dumpers;
import io.pcapkit.frame.Info;
import io.pcapkit.frame.InfoBuilder;
import io.pcapkit.ipsuite.Ethernet;
import io.pcapkit.ipsuite.Ipv6;
import io.pcapkit.ipsuite.Ipv6Ext;
import io.pcapkit.reassembly.Frags.Frag;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IP reassembly inside the dissector: the frame completing a datagram shows its transport layer over the reassembled bytes. */
class IpReassemblyDissectTest {
    private final List<Datagram> datagrams = new ArrayList<>();
    private final Dissector dissector = new Dissector().hook(new IpDefragHook(new DefragOptions(), true, true, datagrams::add));
    private long number;

    private Chain dissect(byte[] frame, InfoBuilder sink) {
        PacketRecord r = new PacketRecord();
        r.buffer = ByteBuffer.wrap(frame);
        r.offset = 0;
        r.capLen = frame.length;
        r.origLen = frame.length;
        r.linkType = 1;
        r.number = ++number;
        r.time.set(1_700_000_000L + number, 0, 6);
        return dissector.dissect(r, sink);
    }

    @Test
    void theCompletingFrameShowsUdpOverTheReassembledDatagram() {
        byte[] udp = Frags.udp(100);
        Frag[] frags = Frags.split(udp, 48);
        InfoBuilder b = new InfoBuilder();
        for (int i = 0; i < frags.length - 1; i++) {
            assertEquals("Ethernet:IPv4:Raw", dissect(Frags.ethernet4(frags[i], 77), b).toString());
        }
        Chain c = dissect(Frags.ethernet4(frags[frags.length - 1], 77), b);
        assertEquals("Ethernet:IPv4:UDP:Raw", c.toString());
        assertTrue(c.isReassembled());
        assertEquals(1, c.continuations());
        assertEquals(2, c.continuationAt(0));
        assertEquals(0, c.source(2), "the UDP layer lies in the reassembled data");
        assertEquals(0, c.start(2), "at its start");
        Info f = b.frame();
        Info ip = f.info("ethernet.ipv4");
        assertEquals(96L, ip.number("frag_offset"), "the IPv4 layer is the frame's own (last) fragment");
        Info re = ip.info("reassembled");
        assertEquals("IPv4 datagram", re.string("kind"));
        assertEquals(List.of(1L, 2L, 3L), re.get("frames"));
        assertEquals(108L, re.number("len"));
        assertEquals(5000L, f.number("ethernet.ipv4.udp.srcport"));
        assertEquals(100L, f.number("ethernet.ipv4.udp.raw.len"));
        assertEquals(1, datagrams.size());
        assertArrayEquals(udp, datagrams.get(0).payload());
        assertEquals(0, dissector.hookFailures());
    }

    @Test
    void ipv6FragmentsReassembleAfterTheFragmentHeader() {
        byte[] udp = Frags.udp(56);
        Frag[] frags = Frags.split(udp, 32);
        InfoBuilder b = new InfoBuilder();
        assertEquals("Ethernet:IPv6:IPv6-Frag:Raw", dissect(Frags.ethernet6(frags[1], 0xabcdef), b).toString());
        Chain c = dissect(Frags.ethernet6(frags[0], 0xabcdef), b);
        assertEquals("Ethernet:IPv6:IPv6-Frag:UDP:Raw", c.toString());
        Info f = b.frame();
        assertEquals(List.of(1L, 2L), f.get("ethernet.ipv6.frag.reassembled.frames"));
        assertEquals(6000L, f.number("ethernet.ipv6.frag.udp.dstport"));
        Datagram d = datagrams.get(0);
        assertEquals(6, d.version());
        assertEquals(0xabcdefL, d.id());
        assertEquals(17, d.protocol(), "the first fragment's next header");
        assertEquals(40, d.header().length, "the unfragmentable part: the fixed header");
        assertArrayEquals(udp, d.payload());
    }

    @Test
    void atomicFragmentsAreDissectedInPlace() {
        // offset 0 and M clear: a whole datagram in one frame (RFC 6946), never queued
        byte[] frame = Ethernet.builder().payload(Ipv6.builder().payload(Ipv6Ext.fragment(0, false, 5).payload(io.pcapkit.ipsuite.Udp.builder().payload(new byte[10])))).build();
        Chain c = dissect(frame, new InfoBuilder());
        assertEquals("Ethernet:IPv6:IPv6-Frag:UDP:Raw", c.toString());
        assertFalse(c.isReassembled());
        assertTrue(datagrams.isEmpty());
    }

    @Test
    void dumpersWriteTheReassembledNode() throws Exception {
        byte[] udp = Frags.udp(20);
        Frag[] frags = Frags.split(udp, 16);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Dissector fresh = new Dissector().hook(new IpDefragHook(new DefragOptions(), true, true, null));
        try (Dumper d = Dumpers.create("ndjson", out, new DumpOptions().offsets(true))) {
            for (Frag f : frags) {
                byte[] frame = Frags.ethernet4(f, 3);
                PacketRecord r = new PacketRecord();
                r.buffer = ByteBuffer.wrap(frame);
                r.capLen = frame.length;
                r.origLen = frame.length;
                r.linkType = 1;
                r.number = ++number;
                fresh.dissect(r, d);
            }
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.contains("\"reassembled\":{\"kind\":\"IPv4 datagram\",\"frames\":[1,2],\"len\":28}"), last);
        assertTrue(last.contains("\"udp\":{"), last);
        // offsets of the reassembled layers count from the reassembled data's start
        assertTrue(last.contains("\"_offsets\":{\"srcport\":[0,2]"), last);
        assertTrue(last.endsWith("\"protocols\":\"Ethernet:IPv4:UDP:Raw\"}"), last);
    }
}
