package io.pcapkit.hostile;

import static io.pcapkit.hostile.Packets.arp;
import static io.pcapkit.hostile.Packets.concat;
import static io.pcapkit.hostile.Packets.ethernet;
import static io.pcapkit.hostile.Packets.extension;
import static io.pcapkit.hostile.Packets.ipv4;
import static io.pcapkit.hostile.Packets.ipv6;
import static io.pcapkit.hostile.Packets.tcp;
import static io.pcapkit.hostile.Packets.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.ErrorKind;
import io.pcapkit.dissect.Limits;
import io.pcapkit.frame.Info;
import io.pcapkit.frame.InfoBuilder;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Headers whose length fields lie, per grammar: each gives a malformed node for the right
 * protocol and field (or the documented behaviour, named in the case), never an exception.
 */
class LyingLengthsTest {
    private static final int ETHERNET = 1;
    private static final byte[] NONE = new byte[0];

    /** The outcome of one frame, in both dissection modes, with the fields collected. */
    record Outcome(Chain chain, Info info) {
    }

    static Outcome dissect(byte[] frame) {
        Dissector d = new Dissector();
        PacketRecord r = new PacketRecord();
        r.buffer = ByteBuffer.wrap(frame);
        r.capLen = frame.length;
        r.origLen = frame.length;
        r.linkType = ETHERNET;
        r.number = 1;
        InfoBuilder sink = new InfoBuilder();
        Chain streaming = d.dissect(r.buffer, 0, frame.length, ETHERNET, r, sink, true).snapshot();
        Chain c = d.dissect(r, sink).snapshot();
        assertEquals(c.toString(), streaming.toString(), "both modes end alike");
        assertEquals(c.malformedOffset(), streaming.malformedOffset());
        Reading.checkMalformed(c, frame.length);
        return new Outcome(c, sink.frame());
    }

    /** name, frame, chain string, malformed field ("grammar.path", or null), kind, offset from the frame start. */
    static Stream<Arguments> malformed() {
        byte[] tcp20 = tcp(5, NONE, NONE);
        return Stream.of(
                Arguments.of("empty frame", NONE, "Ethernet", "ethernet.dst", ErrorKind.TRUNCATED, 0),
                Arguments.of("IPv4 version 7 under EtherType IPv4", ethernet(0x0800, concat(new byte[] {0x75}, new byte[19])), "Ethernet:IPv4",
                        "ipv4.version", ErrorKind.INVALID, 14),
                // version 6 is handed over to IPv6 (as tshark does), whose 40-byte header is cut
                Arguments.of("IPv4 version 6 under EtherType IPv4", ethernet(0x0800, concat(new byte[] {0x65}, new byte[19])), "Ethernet:IPv4:IPv6",
                        "ipv6.src", ErrorKind.TRUNCATED, 22),
                Arguments.of("IPv4 ihl 4", ethernet(0x0800, ipv4(4, 40, 6, NONE, tcp20)), "Ethernet:IPv4", "ipv4.hdr_len", ErrorKind.INVALID, 14),
                Arguments.of("IPv4 ihl 0", ethernet(0x0800, ipv4(0, 40, 6, NONE, tcp20)), "Ethernet:IPv4", "ipv4.hdr_len", ErrorKind.INVALID, 14),
                Arguments.of("IPv4 total length < header", ethernet(0x0800, ipv4(5, 19, 6, NONE, tcp20)), "Ethernet:IPv4", "ipv4.len",
                        ErrorKind.INVALID, 16),
                Arguments.of("IPv4 total length < header with options", ethernet(0x0800, ipv4(6, 22, 6, new byte[] {1, 1, 1, 1}, tcp20)),
                        "Ethernet:IPv4", "ipv4.len", ErrorKind.INVALID, 16),
                Arguments.of("IPv4 ihl beyond the frame", ethernet(0x0800, ipv4(15, 0, 6, new byte[8], NONE)), "Ethernet:IPv4", "ipv4.options",
                        ErrorKind.TRUNCATED, 34),
                Arguments.of("TCP data offset 4", ethernet(0x0800, ipv4(6, tcp(4, NONE, NONE))), "Ethernet:IPv4:TCP", "tcp.hdr_len",
                        ErrorKind.INVALID, 46),
                Arguments.of("TCP data offset 0", ethernet(0x0800, ipv4(6, tcp(0, NONE, new byte[20]))), "Ethernet:IPv4:TCP", "tcp.hdr_len",
                        ErrorKind.INVALID, 46),
                Arguments.of("TCP data offset beyond the segment", ethernet(0x0800, ipv4(6, tcp(15, new byte[8], NONE))), "Ethernet:IPv4:TCP",
                        "tcp.options", ErrorKind.TRUNCATED, 54),
                Arguments.of("TCP data offset beyond IPv4 total length (padding present)",
                        ethernet(0x0800, concat(ipv4(5, 40, 6, NONE, tcp(8, NONE, NONE)), new byte[12])), "Ethernet:IPv4:TCP", "tcp.options",
                        ErrorKind.TRUNCATED, 54),
                Arguments.of("UDP length 7", ethernet(0x0800, ipv4(17, udp(7, new byte[4]))), "Ethernet:IPv4:UDP", "udp.len", ErrorKind.INVALID, 38),
                Arguments.of("UDP header cut in its length", ethernet(0x0800, ipv4(5, 28, 17, NONE, new byte[5])), "Ethernet:IPv4:UDP", "udp.len",
                        ErrorKind.TRUNCATED, 38),
                Arguments.of("SNAP header cut", ethernet(8, new byte[] {(byte) 0xaa, (byte) 0xaa, 3, 0, 0}), "Ethernet:LLC:SNAP", null,
                        ErrorKind.TRUNCATED, 17),
                Arguments.of("IPv6 hop-by-hop hdr_ext_len beyond the payload", ethernet(0x86dd, ipv6(0, extension(17, 200, new byte[6]))),
                        "Ethernet:IPv6:HOPOPT", "hopopt.options", ErrorKind.TRUNCATED, 56),
                Arguments.of("IPv6 hop-by-hop beyond the payload length (bytes captured after it)",
                        ethernet(0x86dd, concat(ipv6(0, 8, extension(17, 1, new byte[6])), new byte[8])), "Ethernet:IPv6:HOPOPT", "hopopt.options",
                        ErrorKind.TRUNCATED, 56),
                Arguments.of("IPv6 destination options beyond the payload", ethernet(0x86dd, ipv6(60, extension(59, 3, new byte[6]))),
                        "Ethernet:IPv6:IPv6-Opts", null, ErrorKind.TRUNCATED, 56),
                Arguments.of("IPv6 routing header beyond the payload", ethernet(0x86dd, ipv6(43, extension(59, 9, new byte[6]))),
                        "Ethernet:IPv6:IPv6-Route", null, ErrorKind.TRUNCATED, -1),
                Arguments.of("IPv6 header cut", ethernet(0x86dd, new byte[] {0x60, 0, 0, 0, 0, 0}), "Ethernet:IPv6", null, ErrorKind.TRUNCATED, -1),
                Arguments.of("ARP hlen 255", ethernet(0x0806, arp(255, 4, new byte[20])), "Ethernet:ARP", "arp.sha", ErrorKind.TRUNCATED, 22),
                Arguments.of("ARP plen 255", ethernet(0x0806, arp(6, 255, new byte[20])), "Ethernet:ARP", "arp.spa", ErrorKind.TRUNCATED, 28),
                Arguments.of("ARP hlen and plen 255", ethernet(0x0806, arp(255, 255, new byte[1000])), "Ethernet:ARP", "arp.tpa",
                        ErrorKind.TRUNCATED, 22 + 255 + 255 + 255));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void lyingLengths(String name, byte[] frame, String chain, String field, ErrorKind kind, int offset) {
        Outcome o = dissect(frame);
        Chain c = o.chain();
        assertTrue(c.isMalformed(), name + ": " + c);
        assertEquals(chain, c.toString(), name);
        if (field != null) assertEquals(field, String.valueOf(c.malformedField()), name + ": " + c.malformedReason());
        assertEquals(kind, c.malformedKind(), name + ": " + c.malformedReason());
        if (offset >= 0) assertEquals(offset, c.malformedOffset(), name + ": " + c.malformedField() + " " + c.malformedReason());
        // the malformed node is in the output: protocol, field, offset and reason
        Info m = find(o.info(), "malformed");
        assertTrue(m != null, name + ": no malformed node in " + o.info());
        assertEquals(c.malformedProtocol().name, m.string("protocol"));
        assertEquals((long) c.malformedOffset(), m.number("offset"));
    }

    private static Info find(Info i, String key) {
        if (i == null) return null;
        if (i.containsKey(key)) return i.info(key);
        for (Object v : i.values()) {
            if (v instanceof Info sub) {
                Info r = find(sub, key);
                if (r != null) return r;
            }
        }
        return null;
    }

    // ---- documented behaviour: lengths beyond the bytes captured bound the payload, clamped ----

    @Test
    void lengthsBeyondTheCaptureAreClamped() {
        // IPv4 total length 1500 on a 40-byte datagram: the payload runs to what was captured, as tshark shows it
        Outcome o = dissect(ethernet(0x0800, ipv4(5, 1500, 6, NONE, tcp(5, NONE, new byte[10]))));
        assertEquals("Ethernet:IPv4:TCP:Raw", o.chain().toString());
        assertFalse(o.chain().isMalformed());
        // UDP length 1000 with 4 payload bytes
        o = dissect(ethernet(0x0800, ipv4(17, udp(1000, new byte[4]))));
        assertEquals("Ethernet:IPv4:UDP:Raw", o.chain().toString());
        assertEquals(4, o.chain().rawLength());
        // IPv6 payload length 4000 with a UDP header only
        o = dissect(ethernet(0x86dd, ipv6(17, 4000, udp(8, NONE))));
        assertEquals("Ethernet:IPv6:UDP", o.chain().toString());
        // an 802.3 length of 1500 with 3 bytes of LLC
        o = dissect(ethernet(1500, new byte[] {(byte) 0xf0, (byte) 0xf0, 3}));
        assertFalse(o.chain().isMalformed(), o.chain() + " " + o.chain().malformedReason());
        assertEquals("Ethernet:LLC", o.chain().toString());
        // total length 0 (segmentation offload): the payload runs to the end of the capture
        o = dissect(ethernet(0x0800, ipv4(5, 0, 17, NONE, udp(12, new byte[4]))));
        assertEquals("Ethernet:IPv4:UDP:Raw", o.chain().toString());
    }

    /** name, frame, chain, layer key whose options end in the {@code invalid} bytes. */
    static Stream<Arguments> lenientOptions() {
        byte[] tcp20 = tcp(5, NONE, NONE);
        return Stream.of(
                Arguments.of("IPv4 option length 0", ethernet(0x0800, ipv4(6, 44, 6, new byte[] {7, 0, 0, 0}, tcp20)), "Ethernet:IPv4:TCP", "ipv4"),
                Arguments.of("IPv4 option length 1", ethernet(0x0800, ipv4(6, 44, 6, new byte[] {(byte) 0x94, 1, 0, 0}, tcp20)), "Ethernet:IPv4:TCP",
                        "ipv4"),
                Arguments.of("IPv4 option past the header", ethernet(0x0800, ipv4(6, 44, 6, new byte[] {7, 10, 4, 0}, tcp20)), "Ethernet:IPv4:TCP",
                        "ipv4"),
                Arguments.of("TCP option length 0", ethernet(0x0800, ipv4(6, tcp(6, new byte[] {2, 0, 5, (byte) 0xb4}, NONE))), "Ethernet:IPv4:TCP",
                        "tcp"),
                Arguments.of("TCP option length 1", ethernet(0x0800, ipv4(6, tcp(6, new byte[] {8, 1, 0, 0}, NONE))), "Ethernet:IPv4:TCP", "tcp"),
                Arguments.of("TCP option past the header", ethernet(0x0800, ipv4(6, tcp(6, new byte[] {8, 10, 0, 0}, new byte[8]))),
                        "Ethernet:IPv4:TCP:Raw", "tcp"));
    }

    /**
     * Documented behaviour (as Wireshark): an IPv4 or TCP option whose length is below 2 or runs
     * past the options ends option parsing, the rest of the options are kept as {@code invalid}
     * bytes, and the payload is still dissected (the header length bounds the options).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("lenientOptions")
    void lyingOptionLengthsEndTheOptions(String name, byte[] frame, String chain, String layer) {
        Outcome o = dissect(frame);
        assertFalse(o.chain().isMalformed(), name + ": " + o.chain().malformedReason());
        assertEquals(chain, o.chain().toString(), name);
        Info l = find(o.info(), layer);
        assertTrue(l != null, name + ": no " + layer + " in " + o.info());
        java.util.List<Object> options = l.list("options");
        assertTrue(options != null && !options.isEmpty(), name + ": " + l);
        Object last = options.get(options.size() - 1);
        assertTrue(last instanceof Info i && i.containsKey("invalid"), name + ": " + options);
    }

    /**
     * name, frame, chain, layer key, the last option's expected keys (in order). As in Wireshark:
     * an option kind in the options' last byte has no length; a known option of another length
     * than its type's is kept as bytes ({@code data}); an IPv6 option past its header is
     * {@code invalid}; and the packet is dissected on.
     */
    static Stream<Arguments> optionsThatDoNotFit() {
        byte[] tcp20 = tcp(5, NONE, NONE);
        return Stream.of(
                Arguments.of("IPv4 option kind without its length byte", ethernet(0x0800, ipv4(6, 44, 6, new byte[] {1, 1, 1, (byte) 0x83}, tcp20)),
                        "Ethernet:IPv4:TCP", "ipv4", java.util.List.of("kind")),
                Arguments.of("IPv4 record route of length 4", ethernet(0x0800, ipv4(6, 44, 6, new byte[] {7, 4, 4, 0}, tcp20)), "Ethernet:IPv4:TCP",
                        "ipv4", java.util.List.of("kind", "length", "data")),
                Arguments.of("TCP option kind without its length byte", ethernet(0x0800, ipv4(6, tcp(6, new byte[] {1, 1, 1, 8}, new byte[3]))),
                        "Ethernet:IPv4:TCP:Raw", "tcp", java.util.List.of("kind")),
                Arguments.of("TCP MSS option too short for its value", ethernet(0x0800, ipv4(6, tcp(6, new byte[] {2, 3, 5, 1}, new byte[3]))),
                        "Ethernet:IPv4:TCP:Raw", "tcp", java.util.List.of("kind", "length", "data")),
                Arguments.of("TCP timestamps of length 6", ethernet(0x0800, ipv4(6, tcp(7, new byte[] {8, 6, 0, 0, 0, 0, 1, 1}, new byte[3]))),
                        "Ethernet:IPv4:TCP:Raw", "tcp", java.util.List.of("kind", "length", "data")),
                // past its header but within the datagram (past the datagram the header is malformed, as in tshark)
                Arguments.of("IPv6 option running past its header", ethernet(0x86dd, ipv6(0, concat(extension(59, 0, new byte[] {5, 9, 0, 0, 0, 0}),
                        new byte[8]))), "Ethernet:IPv6:HOPOPT:Raw", "hopopt", java.util.List.of("type", "length", "invalid")),
                Arguments.of("IPv6 router alert of length 1", ethernet(0x86dd, ipv6(0, extension(59, 0, new byte[] {5, 1, 0, 1, 1, 0}))),
                        "Ethernet:IPv6:HOPOPT", "hopopt", java.util.List.of("type", "length", "data")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionsThatDoNotFit")
    void optionsThatDoNotFitAreShownAndDissectionGoesOn(String name, byte[] frame, String chain, String layer, java.util.List<String> keys) {
        Outcome o = dissect(frame);
        assertFalse(o.chain().isMalformed(), name + ": " + o.chain().malformedReason());
        assertEquals(chain, o.chain().toString(), name);
        java.util.List<Object> options = find(o.info(), layer).list("options");
        // the option that does not fit: the last that is no padding (NOP, PadN: kind or type 1)
        Info bad = null;
        for (Object x : options) {
            Info i = (Info) x;
            if (i.number(i.containsKey("kind") ? "kind" : "type") != 1) bad = i;
        }
        assertTrue(bad != null, name + ": " + options);
        assertEquals(keys, new java.util.ArrayList<>(bad.keySet()), name + ": " + options);
    }

    /**
     * UDP length 0 is an IPv6 jumbogram (RFC 2675), bounded by the IP payload; over IPv4 it is bogus
     * and, as in tshark, nothing after the header is dissected.
     */
    @Test
    void udpLengthZeroIsAJumbogramOnlyOverIpv6() {
        Outcome v6 = dissect(ethernet(0x86dd, ipv6(17, udp(0, new byte[4]))));
        assertFalse(v6.chain().isMalformed(), v6.chain().malformedReason());
        assertEquals("Ethernet:IPv6:UDP:Raw", v6.chain().toString());
        assertEquals(4, v6.chain().rawLength());
        Outcome v4 = dissect(ethernet(0x0800, ipv4(17, udp(0, new byte[4]))));
        assertEquals("Ethernet:IPv4:UDP", v4.chain().toString());
        assertEquals(0, v4.chain().rawLength());
    }

    /** Ethernet padding after a short IPv4 datagram is not payload. */
    @Test
    void paddingIsNotPayload() {
        Outcome o = dissect(ethernet(0x0800, concat(ipv4(17, udp(8, NONE)), new byte[18])));
        assertEquals("Ethernet:IPv4:UDP", o.chain().toString());
        assertFalse(o.chain().hasRaw());
    }

    /** Maximal lengths that are honest: a 60-byte IPv4 header of NOPs, a 60-byte TCP header of NOPs. */
    @Test
    void maximalHonestHeaders() {
        byte[] nops = new byte[40];
        java.util.Arrays.fill(nops, (byte) 1);
        Outcome o = dissect(ethernet(0x0800, ipv4(15, 60 + 60, 6, nops, tcp(15, nops, NONE))));
        assertEquals("Ethernet:IPv4:TCP", o.chain().toString());
        assertFalse(o.chain().isMalformed());
    }

    // ---- deep nesting: bounded by Limits.MAX_LAYERS ----

    private static byte[] vlans(int depth, byte[] inner, int innerType) {
        byte[] p = inner;
        int type = innerType;
        for (int i = 0; i < depth; i++) {
            p = Packets.of().u2(i & 0xfff).u2(type).bytes(p).build();
            type = 0x8100;
        }
        return ethernet(type, p);
    }

    @Test
    void vlanStacks() {
        Outcome o = dissect(vlans(100, ipv4(17, udp(8, NONE)), 0x0800));
        assertFalse(o.chain().isMalformed(), o.chain().malformedReason());
        assertEquals(1 + 100 + 2, o.chain().size());
        assertTrue(o.chain().toString().endsWith("802.1Q:802.1Q:IPv4:UDP"), o.chain().toString());

        Outcome deep = dissect(vlans(300, ipv4(17, udp(8, NONE)), 0x0800));
        Chain c = deep.chain();
        assertTrue(c.isMalformed());
        assertEquals(ErrorKind.LIMIT_EXCEEDED, c.malformedKind());
        assertEquals("802.1Q", c.malformedProtocol().name);
        assertNull(c.malformedField());
        assertEquals(Limits.MAX_LAYERS, c.size());
        assertEquals(14 + 4 * (Limits.MAX_LAYERS - 1), c.malformedOffset());
        assertTrue(c.malformedReason().contains(String.valueOf(Limits.MAX_LAYERS)), c.malformedReason());
    }

    @Test
    void ipInIpInIp() {
        byte[] p = udp(8, NONE);
        p = ipv4(17, p);
        for (int i = 0; i < 299; i++) p = ipv4(4, p.length > 65_515 ? NONE : p);
        Chain c = dissect(ethernet(0x0800, p)).chain();
        assertEquals(ErrorKind.LIMIT_EXCEEDED, c.malformedKind());
        assertEquals("IPv4", c.malformedProtocol().name);
        assertEquals(Limits.MAX_LAYERS, c.size());
    }

    @Test
    void chainedIpv6ExtensionHeaders() {
        // 300 destination-options headers of 8 bytes each (PadN filling), then UDP
        byte[] p = udp(8, NONE);
        int next = 17;
        for (int i = 0; i < 300; i++) {
            p = concat(extension(next, 0, new byte[] {1, 4, 0, 0, 0, 0}), p);
            next = 60;
        }
        Chain c = dissect(ethernet(0x86dd, ipv6(60, p))).chain();
        assertEquals(ErrorKind.LIMIT_EXCEEDED, c.malformedKind(), c + " " + c.malformedReason());
        assertEquals("IPv6-Opts", c.malformedProtocol().name);
        assertEquals(Limits.MAX_LAYERS, c.size());
        // 100 of them are fine, as libpcap's test capture has
        p = udp(8, NONE);
        next = 17;
        for (int i = 0; i < 100; i++) {
            p = concat(extension(next, 0, new byte[] {1, 4, 0, 0, 0, 0}), p);
            next = 60;
        }
        c = dissect(ethernet(0x86dd, ipv6(60, p))).chain();
        assertFalse(c.isMalformed(), c.malformedReason());
        assertEquals(1 + 1 + 100 + 1, c.size());
    }
}
