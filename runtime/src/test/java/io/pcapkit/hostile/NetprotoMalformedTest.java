package io.pcapkit.hostile;

import static io.pcapkit.hostile.Packets.concat;
import static io.pcapkit.hostile.Packets.ethernet;
import static io.pcapkit.hostile.Packets.ipv4;
import static io.pcapkit.hostile.Packets.ipv6;
import static io.pcapkit.hostile.Packets.of;
import static io.pcapkit.hostile.Packets.tcp;
import static io.pcapkit.hostile.Packets.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.ErrorKind;
import io.pcapkit.frame.Info;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lying lengths, truncation and option loops in the ICMP, ICMPv6, AH, ESP, HIP, Mobility Header and
 * OSPF grammars: each gives a malformed node for the right protocol and field, never an
 * exception. And the documented leniency of quoted datagrams: an ICMP error's quote may end in any
 * header without the frame being malformed.
 */
class NetprotoMalformedTest {
    private static final byte[] NONE = new byte[0];

    private static byte[] icmp(int type, int code, byte[] rest, byte[] payload) {
        return of().u1(type).u1(code).u2(0).bytes(rest).bytes(payload).build();
    }

    private static byte[] icmpv6(int type, byte[] body) {
        return of().u1(type).u1(0).u2(0).bytes(body).build();
    }

    private static byte[] v4(int proto, byte[] payload) {
        return ethernet(0x0800, ipv4(proto, payload));
    }

    private static byte[] v6(int next, byte[] payload) {
        return ethernet(0x86dd, ipv6(next, payload));
    }

    private static byte[] hip(int headerLength, byte[] params) {
        return of().u1(59).u1(headerLength).u1(1).u1(0x21).u2(0).u2(0).zeros(32).bytes(params).build();
    }

    private static byte[] mh(int headerLength, int type, byte[] body) {
        return of().u1(59).u1(headerLength).u1(type).u1(0).u2(0).bytes(body).build();
    }

    private static byte[] ospf2(int type, int length, byte[] body) {
        return of().u1(2).u1(type).u2(length).u4(0x01010101L).u4(0).u2(0).u2(0).zeros(8).bytes(body).build();
    }

    private static byte[] lsaHeader(int type, int length) {
        return of().u2(1).u1(0x22).u1(type).u4(0x01010101L).u4(0x01010101L).u4(0x80000001L).u2(0).u2(length).build();
    }

    /** name, frame, chain string, malformed field ("grammar.path"), kind, offset from the frame start (-1: not checked). */
    static Stream<Arguments> malformed() {
        byte[] ns = of().zeros(4).zeros(16).build();
        return Stream.of(
                // ICMP (Ethernet 14 + IPv4 20: the ICMP header starts at 34)
                Arguments.of("ICMP cut in the checksum", v4(1, new byte[] {8, 0, 0}), "Ethernet:IPv4:ICMP", "icmp.checksum",
                        ErrorKind.TRUNCATED, 36),
                Arguments.of("ICMP echo cut in the sequence number", v4(1, new byte[] {8, 0, 0, 0, 0, 1, 0}), "Ethernet:IPv4:ICMP", "icmp.seq",
                        ErrorKind.TRUNCATED, 40),
                Arguments.of("ICMP router advertisement announcing 5 entries, carrying 1",
                        v4(1, icmp(9, 0, new byte[] {5, 2, 0, 30}, new byte[8])), "Ethernet:IPv4:ICMP", "icmp.entries", ErrorKind.TRUNCATED, 50),
                Arguments.of("ICMP router advertisement with entries of 0 words",
                        v4(1, icmp(9, 0, new byte[] {1, 0, 0, 30}, new byte[8])), "Ethernet:IPv4:ICMP", "icmp.router_address",
                        ErrorKind.TRUNCATED, 42),
                Arguments.of("ICMP timestamp cut in the transmit time", v4(1, icmp(13, 0, new byte[4], new byte[10])), "Ethernet:IPv4:ICMP",
                        "icmp.transmit", ErrorKind.TRUNCATED, 50),
                // ICMPv6 (Ethernet 14 + IPv6 40: the message starts at 54)
                Arguments.of("ICMPv6 cut in the checksum", v6(58, new byte[] {(byte) 128, 0, 0}), "Ethernet:IPv6:ICMPv6", "icmpv6.checksum",
                        ErrorKind.TRUNCATED, 56),
                Arguments.of("ND option of length 0 (an option loop)", v6(58, icmpv6(135, concat(ns, new byte[] {1, 0, 2, 0, 0, 0, 0, 1}))),
                        "Ethernet:IPv6:ICMPv6", "icmpv6.length", ErrorKind.INVALID, 79),
                Arguments.of("ND option longer than the message", v6(58, icmpv6(135, concat(ns, new byte[] {1, 3, 2, 0, 0, 0, 0, 1}))),
                        "Ethernet:IPv6:ICMPv6", "icmpv6.data", ErrorKind.TRUNCATED, 80),
                Arguments.of("ND option cut after its type", v6(58, icmpv6(136, concat(ns, new byte[] {2}))), "Ethernet:IPv6:ICMPv6",
                        "icmpv6.length", ErrorKind.TRUNCATED, 79),
                Arguments.of("MLDv2 report announcing 3 records, carrying 1",
                        v6(58, icmpv6(143, of().u2(0).u2(3).u1(4).u1(0).u2(0).zeros(16).build())), "Ethernet:IPv6:ICMPv6",
                        "icmpv6.record_type", ErrorKind.TRUNCATED, 82),
                Arguments.of("MLDv2 record announcing 2 sources, carrying none",
                        v6(58, icmpv6(143, of().u2(0).u2(1).u1(1).u1(0).u2(2).zeros(16).build())), "Ethernet:IPv6:ICMPv6",
                        "icmpv6.sources", ErrorKind.TRUNCATED, 82),
                Arguments.of("MLDv2 query announcing 9 sources, carrying 1",
                        v6(58, icmpv6(130, of().u2(1000).u2(0).zeros(16).u1(2).u1(125).u2(9).zeros(16).build())), "Ethernet:IPv6:ICMPv6",
                        "icmpv6.sources", ErrorKind.TRUNCATED, 82 + 16),
                // AH (at 34 in IPv4)
                Arguments.of("AH payload length 0", v4(51, of().u1(17).u1(0).u2(0).u4(1).u4(1).bytes(udp(8, NONE)).build()),
                        "Ethernet:IPv4:AH", "ah.length", ErrorKind.INVALID, 35),
                Arguments.of("AH payload length beyond the datagram", v4(51, of().u1(17).u1(200).u2(0).u4(1).u4(1).zeros(12).build()),
                        "Ethernet:IPv4:AH", "ah.icv", ErrorKind.TRUNCATED, 46),
                Arguments.of("AH cut in the SPI", v6(51, new byte[] {17, 4, 0, 0, 1}), "Ethernet:IPv6:AH", "ah.spi", ErrorKind.TRUNCATED, 58),
                // ESP
                Arguments.of("ESP cut in the SPI", v4(50, new byte[] {1, 2}), "Ethernet:IPv4:ESP", "esp.spi", ErrorKind.TRUNCATED, 34),
                Arguments.of("ESP in UDP 4500 cut in the sequence number",
                        v4(17, of().u2(4500).u2(4500).u2(14).u2(0).u4(0x1000).u2(0).build()), "Ethernet:IPv4:UDP:ESP", "esp.seq",
                        ErrorKind.TRUNCATED, 46),
                // HIP (at 54 in IPv6)
                Arguments.of("HIP header length beyond the packet", v6(139, hip(20, NONE)), "Ethernet:IPv6:HIP", "hip.parameters",
                        ErrorKind.TRUNCATED, 94),
                Arguments.of("HIP header length 3, below the fixed header", v6(139, hip(3, NONE)), "Ethernet:IPv6:HIP", "hip.parameters",
                        ErrorKind.INVALID, 94),
                Arguments.of("HIP parameter longer than the parameters", v6(139, hip(5, of().u2(385).u2(40).u4(1).build())),
                        "Ethernet:IPv6:HIP", "hip.contents", ErrorKind.TRUNCATED, 98),
                Arguments.of("HIP locator longer than its parameter",
                        v6(139, hip(6, of().u2(193).u2(12).u1(0).u1(1).u1(4).u1(1).u4(1).u4(0).zeros(4).build())), "Ethernet:IPv6:HIP",
                        "hip.locator", ErrorKind.TRUNCATED, 106),
                Arguments.of("HIP cut in the receiver's HIT", v6(139, of().u1(59).u1(4).u1(1).u1(0x21).u2(0).u2(0).zeros(20).build()),
                        "Ethernet:IPv6:HIP", "hip.rhit", ErrorKind.TRUNCATED, 78),
                // Mobility Header (at 54 in IPv6)
                Arguments.of("MH header length beyond the packet", v6(135, mh(5, 5, new byte[10])), "Ethernet:IPv6:MH", "mh.message",
                        ErrorKind.TRUNCATED, 60),
                Arguments.of("MH option longer than the header", v6(135, mh(1, 5, of().u2(1).u2(0).u2(1).u1(1).u1(9).u2(0).build())),
                        "Ethernet:IPv6:MH", "mh.data", ErrorKind.TRUNCATED, 68),
                Arguments.of("MH option cut after its type", v6(135, mh(1, 6, of().u1(0).u1(0).u2(1).u2(1).u1(0).u1(0).u1(0).u1(1).build())),
                        "Ethernet:IPv6:MH", "mh.length", ErrorKind.TRUNCATED, 70),
                Arguments.of("MH cut in the checksum", v6(135, new byte[] {59, 0, 0, 0, 0}), "Ethernet:IPv6:MH", "mh.checksum",
                        ErrorKind.TRUNCATED, 58),
                // OSPF (at 34 in IPv4)
                Arguments.of("OSPF packet length beyond the datagram", v4(89, ospf2(1, 200, new byte[20])), "Ethernet:IPv4:OSPF", "ospf.body",
                        ErrorKind.TRUNCATED, 58),
                Arguments.of("OSPF packet length below the header", v4(89, ospf2(1, 20, new byte[20])), "Ethernet:IPv4:OSPF", "ospf.body",
                        ErrorKind.INVALID, 58),
                Arguments.of("OSPF LS Update announcing 1000 LSAs, carrying 1",
                        v4(89, ospf2(4, 24 + 4 + 20, concat(of().u4(1000).build(), lsaHeader(10, 20)))), "Ethernet:IPv4:OSPF", "ospf.ls_age",
                        ErrorKind.TRUNCATED, 82),
                Arguments.of("OSPF LSA length 19", v4(89, ospf2(4, 24 + 4 + 20, concat(of().u4(1).build(), lsaHeader(1, 19)))),
                        "Ethernet:IPv4:OSPF", "ospf.length", ErrorKind.INVALID, 80),
                Arguments.of("OSPF LSA length beyond the packet", v4(89, ospf2(4, 24 + 4 + 20, concat(of().u4(1).build(), lsaHeader(1, 64)))),
                        "Ethernet:IPv4:OSPF", "ospf.body", ErrorKind.TRUNCATED, 82),
                Arguments.of("OSPF router LSA announcing 7 links, carrying none",
                        v4(89, ospf2(4, 24 + 4 + 24, concat(of().u4(1).build(), lsaHeader(1, 24), of().u1(0).u1(0).u2(7).build()))),
                        "Ethernet:IPv4:OSPF", "ospf.link_id", ErrorKind.TRUNCATED, 86),
                Arguments.of("OSPF digest length beyond the datagram",
                        v4(89, of().u1(2).u1(5).u2(24).u4(1).u4(0).u2(0).u2(2).u2(0).u1(1).u1(16).u4(1).zeros(4).build()), "Ethernet:IPv4:OSPF",
                        "ospf.auth_digest", ErrorKind.TRUNCATED, 58),
                Arguments.of("OSPF LLS data length beyond the datagram",
                        v4(89, concat(ospf2(5, 24, NONE), of().u2(0).u2(9).u2(1).u2(4).u4(1).build())), "Ethernet:IPv4:OSPF", "ospf.tlvs",
                        ErrorKind.TRUNCATED, 62),
                Arguments.of("OSPF LLS data length 0", v4(89, concat(ospf2(5, 24, NONE), of().u2(0).u2(0).build())), "Ethernet:IPv4:OSPF",
                        "ospf.data_length", ErrorKind.INVALID, 60),
                Arguments.of("OSPF LLS TLV longer than the block",
                        v4(89, concat(ospf2(5, 24, NONE), of().u2(0).u2(3).u2(1).u2(40).u4(1).build())), "Ethernet:IPv4:OSPF", "ospf.value",
                        ErrorKind.TRUNCATED, 66),
                // an invalid value inside an ICMP error's quote is still malformed (only running out of bytes is lenient)
                Arguments.of("ICMP error quoting IPv4 with version 5",
                        v4(1, icmp(3, 1, new byte[4], of().u1(0x55).zeros(19).build())), "Ethernet:IPv4:ICMP:IPv4", "ipv4.version",
                        ErrorKind.INVALID, 42));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void lyingLengths(String name, byte[] frame, String chain, String field, ErrorKind kind, int offset) {
        LyingLengthsTest.Outcome o = LyingLengthsTest.dissect(frame);
        Chain c = o.chain();
        assertTrue(c.isMalformed(), name + ": " + c);
        assertFalse(c.isTruncated(), name);
        assertEquals(chain, c.toString(), name);
        if (field != null) assertEquals(field, String.valueOf(c.malformedField()), name + ": " + c.malformedReason());
        assertEquals(kind, c.malformedKind(), name + ": " + c.malformedReason());
        if (offset >= 0) assertEquals(offset, c.malformedOffset(), name + ": " + c.malformedField() + " " + c.malformedReason());
        Info m = find(o.info(), "malformed");
        assertTrue(m != null, name + ": no malformed node in " + o.info());
        assertEquals(c.malformedProtocol().name, m.string("protocol"));
    }

    /** name, frame, chain, the layer the quote ends in ("grammar.path" of the field not read, or null when it ends between layers). */
    static Stream<Arguments> quotes() {
        byte[] tcp8 = java.util.Arrays.copyOf(tcp(5, NONE, NONE), 8);
        return Stream.of(
                Arguments.of("ICMP error quoting IPv4 and 8 bytes of TCP", v4(1, icmp(3, 3, new byte[4], ipv4(5, 540, 6, NONE, tcp8))),
                        "Ethernet:IPv4:ICMP:IPv4:TCP", "tcp.ack"),
                Arguments.of("ICMP error quoting 12 bytes of IPv4", v4(1, icmp(11, 0, new byte[4], java.util.Arrays.copyOf(ipv4(17, udp(8, NONE)), 12))),
                        "Ethernet:IPv4:ICMP:IPv4", "ipv4.src"),
                Arguments.of("ICMP error quoting an IPv4 header only", v4(1, icmp(3, 1, new byte[4], ipv4(5, 540, 6, NONE, NONE))),
                        "Ethernet:IPv4:ICMP:IPv4", null),
                Arguments.of("ICMP error quoting nothing", v4(1, icmp(3, 1, new byte[4], NONE)), "Ethernet:IPv4:ICMP", null),
                Arguments.of("ICMP error quoting IPv4 and 4 bytes of UDP", v4(1, icmp(3, 3, new byte[4], ipv4(5, 540, 17, NONE, new byte[] {0, 53, 0, 53}))),
                        "Ethernet:IPv4:ICMP:IPv4:UDP", "udp.len"),
                Arguments.of("ICMPv6 error quoting IPv6 and 8 bytes of TCP", v6(58, icmpv6(1, concat(new byte[4], ipv6(6, 400, tcp8)))),
                        "Ethernet:IPv6:ICMPv6:IPv6:TCP", "tcp.ack"),
                Arguments.of("ICMPv6 error quoting 30 bytes of IPv6", v6(58, icmpv6(3, concat(new byte[4], java.util.Arrays.copyOf(ipv6(17, NONE), 30)))),
                        "Ethernet:IPv6:ICMPv6:IPv6", "ipv6.dst"),
                Arguments.of("ICMPv6 error quoting IPv6, a hop-by-hop header cut short",
                        v6(58, icmpv6(2, concat(new byte[4], ipv6(0, 400, new byte[] {17, 1, 1, 4, 0, 0, 0, 0})))), "Ethernet:IPv6:ICMPv6:IPv6:HOPOPT",
                        "hopopt.options"));
    }

    /**
     * Documented behaviour (as Wireshark dissects error packets): the datagram an ICMP or ICMPv6
     * error quotes may end in any header; the layer it ends in is shown as far as it goes, with a
     * {@code truncated} node, and the frame is not malformed.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("quotes")
    void quotedDatagramsMayEndAnywhere(String name, byte[] frame, String chain, String field) {
        LyingLengthsTest.Outcome o = LyingLengthsTest.dissect(frame);
        Chain c = o.chain();
        assertFalse(c.isMalformed(), name + ": " + c.malformedField() + " " + c.malformedReason());
        assertEquals(chain, c.toString(), name);
        assertFalse(c.hasRaw(), name);
        // the layers after the (first) ICMP or ICMPv6 header are the quote's
        java.util.List<String> tokens = java.util.List.of(chain.split(":"));
        int icmp = tokens.contains("ICMP") ? tokens.indexOf("ICMP") : tokens.indexOf("ICMPv6");
        assertEquals(icmp + 1, c.quoteStart(), name);
        Info t = find(o.info(), "truncated");
        if (field == null) {
            assertFalse(c.isTruncated(), name);
            assertNull(t, name);
            return;
        }
        assertTrue(c.isTruncated(), name);
        assertEquals(field, String.valueOf(c.truncatedField()), name);
        assertEquals(c.protocol(c.size() - 1), c.truncatedProtocol(), name);
        assertTrue(c.truncatedOffset() > 0 && c.truncatedOffset() <= frame.length, name + ": offset " + c.truncatedOffset());
        assertTrue(t != null, name + ": no truncated node in " + o.info());
        assertEquals(c.truncatedProtocol().name, t.string("protocol"));
        assertEquals((long) c.truncatedOffset(), t.number("offset"));
    }

    /** UDP port 4500 carries ESP unless the payload starts with the zero non-ESP marker (IKE) or is a keepalive. */
    @Test
    void udp4500IsEspOnlyBehindANonZeroSpi() {
        byte[] esp = of().u4(0x1234).u4(1).zeros(16).build();
        assertEquals("Ethernet:IPv4:UDP:ESP", LyingLengthsTest.dissect(v4(17, udp4500(esp))).chain().toString());
        byte[] ike = of().u4(0).zeros(28).build();
        assertEquals("Ethernet:IPv4:UDP:Raw", LyingLengthsTest.dissect(v4(17, udp4500(ike))).chain().toString());
        assertEquals("Ethernet:IPv4:UDP:Raw", LyingLengthsTest.dissect(v4(17, udp4500(new byte[] {(byte) 0xff}))).chain().toString());
        assertEquals("Ethernet:IPv4:UDP:Raw", LyingLengthsTest.dissect(v4(17, udp4500(new byte[] {1, 2, 3}))).chain().toString());
        assertEquals("Ethernet:IPv4:UDP", LyingLengthsTest.dissect(v4(17, udp4500(NONE))).chain().toString());
    }

    /** AH and ESP belong to the IPsec group of the chain ({@code 'IPsec' in chain}, as PyPCAPKit's ProtoChain has it). */
    @Test
    void ipsecGroup() {
        byte[] ah = v6(51, of().u1(17).u1(4).u2(0).u4(1).u4(1).zeros(12).bytes(udp(8, NONE)).build());
        byte[] esp = v4(50, of().u4(0x1234).u4(1).zeros(16).build());
        assertTrue(io.pcapkit.frame.ProtoChain.of(LyingLengthsTest.dissect(ah).chain()).contains("IPsec"));
        assertEquals(2, io.pcapkit.frame.ProtoChain.of(LyingLengthsTest.dissect(ah).chain()).indexOf("ipsec"));
        assertTrue(io.pcapkit.frame.ProtoChain.of(LyingLengthsTest.dissect(esp).chain()).contains("IPsec"));
        assertFalse(io.pcapkit.frame.ProtoChain.of(LyingLengthsTest.dissect(v4(17, udp(8, NONE))).chain()).contains("IPsec"));
    }

    private static byte[] udp4500(byte[] payload) {
        return of().u2(4500).u2(4500).u2(8 + payload.length).u2(0).bytes(payload).build();
    }

    private static Info find(Info i, String key) {
        if (i == null) return null;
        if (i.containsKey(key) && i.get(key) instanceof Info r) return r;
        for (Object v : i.values()) {
            if (v instanceof Info sub) {
                Info r = find(sub, key);
                if (r != null) return r;
            }
        }
        return null;
    }
}
