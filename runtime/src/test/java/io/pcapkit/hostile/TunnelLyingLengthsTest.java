package io.pcapkit.hostile;

import static io.pcapkit.hostile.Packets.concat;
import static io.pcapkit.hostile.Packets.ethernet;
import static io.pcapkit.hostile.Packets.ipv4;
import static io.pcapkit.hostile.Packets.ipv6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.ErrorKind;
import io.pcapkit.frame.Info;
import io.pcapkit.frame.InfoBuilder;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lying lengths and cut headers of the tunnel grammars (PPPoE discovery and session, PPP, LCP,
 * IPCP, IPV6CP, L2TP over UDP and over IP, IPX): each gives a malformed node naming the protocol,
 * the field and its offset, in both dissection modes and with the fast and the Kaitai-backed
 * codecs alike; lengths beyond the bytes captured are clamped where Wireshark clamps them.
 */
class TunnelLyingLengthsTest {
    private static final int ETHERNET = 1;
    private static final int PPP = 9;
    private static final byte[] NONE = new byte[0];

    record Outcome(Chain chain, Info info) {
    }

    static Outcome dissect(int linkType, byte[] frame) {
        Outcome fast = dissect(linkType, frame, false);
        Outcome reference = dissect(linkType, frame, true);
        assertEquals(fast.chain().toString(), reference.chain().toString(), "fast and Kaitai-backed codecs end alike");
        assertEquals(fast.chain().isMalformed(), reference.chain().isMalformed());
        if (fast.chain().isMalformed()) assertEquals(fast.chain().malformedProtocol(), reference.chain().malformedProtocol());
        return fast;
    }

    private static Outcome dissect(int linkType, byte[] frame, boolean reference) {
        Dissector d = new Dissector(new DissectOptions().reference(reference));
        PacketRecord r = new PacketRecord();
        r.buffer = ByteBuffer.wrap(frame);
        r.capLen = frame.length;
        r.origLen = frame.length;
        r.linkType = linkType;
        r.number = 1;
        InfoBuilder sink = new InfoBuilder();
        Chain streaming = d.dissect(r.buffer, 0, frame.length, linkType, r, sink, true).snapshot();
        Chain c = d.dissect(r, sink).snapshot();
        assertEquals(c.toString(), streaming.toString(), "both modes end alike");
        assertEquals(c.malformedOffset(), streaming.malformedOffset());
        Reading.checkMalformed(c, frame.length);
        return new Outcome(c, sink.frame());
    }

    // ---- builders ----

    private static byte[] tag(int type, int length, byte[] value) {
        return Packets.of().u2(type).u2(length).bytes(value).build();
    }

    /** A PPPoE header (version and type 1) with a possibly lying length. */
    private static byte[] pppoe(int code, int length, byte[] payload) {
        return Packets.of().u1(0x11).u1(code).u2(0x2a).u2(length).bytes(payload).build();
    }

    private static byte[] pppoes(byte[] ppp) {
        return ethernet(0x8864, pppoe(0, ppp.length, ppp));
    }

    /** A control packet of LCP's format (LCP, IPCP, IPV6CP) with a possibly lying length. */
    private static byte[] cp(int code, int length, byte[] data) {
        return Packets.of().u1(code).u1(1).u2(length).bytes(data).build();
    }

    private static byte[] ppp(int protocol, byte[] payload) {
        return Packets.of().u2(protocol).bytes(payload).build();
    }

    /** L2TP over UDP port 1701 in IPv4 over Ethernet. */
    private static byte[] l2tp(byte[] message) {
        byte[] udp = Packets.of().u2(1701).u2(1701).u2(8 + message.length).u2(0).bytes(message).build();
        return ethernet(0x0800, ipv4(17, udp));
    }

    /** An L2TPv2 control message header (T, L, S set) with a possibly lying length. */
    private static byte[] l2tpControl(int length, byte[] avps) {
        return Packets.of().u2(0xc802).u2(length).u2(1).u2(0).u2(0).u2(0).bytes(avps).build();
    }

    private static byte[] avp(int flagsAndLength, int type, byte[] value) {
        return Packets.of().u2(flagsAndLength).u2(0).u2(type).bytes(value).build();
    }

    private static byte[] ipx(int length, byte[] rest) {
        return Packets.of().u2(0xffff).u2(length).u1(0).u1(4).zeros(24).bytes(rest).build();
    }

    /** name, link type, frame, chain, malformed field ("grammar.path"), kind, offset from the frame start. */
    static Stream<Arguments> malformed() {
        byte[] udp8 = Packets.of().u2(1).u2(2).u2(8).u2(0).build();
        return Stream.of(
                // PPPoE discovery
                Arguments.of("PPPoED tag longer than the tags", ETHERNET,
                        ethernet(0x8863, pppoe(0x09, 7, tag(0x0101, 40, new byte[] {'a', 'b', 'c'}))), "Ethernet:PPPoED", "pppoe_discovery.value",
                        ErrorKind.TRUNCATED, 24),
                Arguments.of("PPPoED length beyond the frame", ETHERNET, ethernet(0x8863, pppoe(0x09, 100, tag(0x0101, 0, NONE))),
                        "Ethernet:PPPoED", "pppoe_discovery.tags", ErrorKind.TRUNCATED, 20),
                Arguments.of("PPPoED tag header cut", ETHERNET, ethernet(0x8863, pppoe(0x09, 3, new byte[] {1, 1, 0})), "Ethernet:PPPoED",
                        "pppoe_discovery.length", ErrorKind.TRUNCATED, 22),
                // PPPoE session and PPP
                Arguments.of("PPPoE header cut after 4 bytes", ETHERNET, ethernet(0x8864, new byte[] {0x11, 0, 0, 0x2a}), "Ethernet:PPPoE",
                        "pppoe_session.length", ErrorKind.TRUNCATED, 18),
                Arguments.of("PPP protocol cut after its first byte", ETHERNET, ethernet(0x8864, pppoe(0, 1, new byte[] {0})),
                        "Ethernet:PPPoE:PPP", "ppp.protocol_low", ErrorKind.TRUNCATED, 21),
                Arguments.of("PPP cut after the address (link type PPP)", PPP, new byte[] {(byte) 0xff}, "PPP", "ppp.control_byte",
                        ErrorKind.TRUNCATED, 1),
                Arguments.of("PPP cut after address and control", PPP, new byte[] {(byte) 0xff, 3}, "PPP", "ppp.protocol_high",
                        ErrorKind.TRUNCATED, 2),
                // LCP, IPCP, IPV6CP
                Arguments.of("LCP length 2", ETHERNET, pppoes(ppp(0xc021, cp(1, 2, NONE))), "Ethernet:PPPoE:PPP:LCP", "lcp.length",
                        ErrorKind.INVALID, 24),
                Arguments.of("LCP length beyond the frame", ETHERNET, pppoes(ppp(0xc021, cp(1, 40, new byte[] {1, 4, 5, (byte) 0xdc}))),
                        "Ethernet:PPPoE:PPP:LCP", "lcp.data", ErrorKind.TRUNCATED, 26),
                Arguments.of("LCP option length 1", ETHERNET, pppoes(ppp(0xc021, cp(1, 8, new byte[] {1, 1, 5, (byte) 0xdc}))),
                        "Ethernet:PPPoE:PPP:LCP", "lcp.length", ErrorKind.INVALID, 27),
                Arguments.of("LCP option longer than the options", ETHERNET, pppoes(ppp(0xc021, cp(1, 8, new byte[] {5, 6, 0, 0}))),
                        "Ethernet:PPPoE:PPP:LCP", "lcp.value", ErrorKind.TRUNCATED, 28),
                Arguments.of("LCP magic number cut by the length", ETHERNET, pppoes(ppp(0xc021, cp(9, 6, new byte[] {1, 2, 3, 4}))),
                        "Ethernet:PPPoE:PPP:LCP", "lcp.magic_number", ErrorKind.TRUNCATED, 26),
                Arguments.of("LCP Protocol-Reject of length 5", ETHERNET, pppoes(ppp(0xc021, cp(8, 5, new byte[] {(byte) 0x80, 0x21}))),
                        "Ethernet:PPPoE:PPP:LCP", "lcp.payload_length", ErrorKind.INVALID, -1),
                Arguments.of("IPCP option length 0", ETHERNET, pppoes(ppp(0x8021, cp(1, 10, new byte[] {3, 0, 10, 0, 0, 1}))),
                        "Ethernet:PPPoE:PPP:IPCP", "ipcp.length", ErrorKind.INVALID, 27),
                Arguments.of("IPCP address option too short", ETHERNET, pppoes(ppp(0x8021, cp(1, 8, new byte[] {3, 4, 10, 0}))),
                        "Ethernet:PPPoE:PPP:IPCP", "ipcp.address", ErrorKind.TRUNCATED, 28),
                Arguments.of("IPV6CP length beyond the frame", ETHERNET, pppoes(ppp(0x8057, cp(1, 14, new byte[] {1, 10}))),
                        "Ethernet:PPPoE:PPP:IPV6CP", "ipv6cp.data", ErrorKind.TRUNCATED, 26),
                // L2TP over UDP
                Arguments.of("L2TP version 2 cut after its flags", ETHERNET, l2tp(Packets.of().u2(0xc802).build()), "Ethernet:IPv4:UDP:L2TP",
                        "l2tp.length", ErrorKind.TRUNCATED, 44),
                Arguments.of("L2TP control length below its header", ETHERNET, l2tp(l2tpControl(8, NONE)), "Ethernet:IPv4:UDP:L2TP",
                        "l2tp.avps", ErrorKind.INVALID, 54),
                Arguments.of("L2TP control length beyond the datagram", ETHERNET, l2tp(l2tpControl(60, avp(0x8008, 0, new byte[] {0, 1}))),
                        "Ethernet:IPv4:UDP:L2TP", "l2tp.avps", ErrorKind.TRUNCATED, 54),
                Arguments.of("L2TP AVP length 3", ETHERNET, l2tp(l2tpControl(18, avp(0x8003, 0, NONE))), "Ethernet:IPv4:UDP:L2TP",
                        "l2tp.length", ErrorKind.INVALID, 54),
                Arguments.of("L2TP AVP longer than the message", ETHERNET, l2tp(l2tpControl(20, avp(0x8014, 0, new byte[] {0, 1}))),
                        "Ethernet:IPv4:UDP:L2TP", "l2tp.body", ErrorKind.TRUNCATED, 58),
                Arguments.of("L2TP data length below its header", ETHERNET,
                        l2tp(Packets.of().u2(0x4002).u2(4).u2(1).u2(2).u2(0x0021).build()), "Ethernet:IPv4:UDP:L2TP", "l2tp.payload_length",
                        ErrorKind.INVALID, -1),
                Arguments.of("L2TP offset pad beyond the datagram", ETHERNET,
                        l2tp(Packets.of().u2(0x0202).u2(1).u2(2).u2(200).zeros(4).build()), "Ethernet:IPv4:UDP:L2TP", "l2tp.offset_pad",
                        ErrorKind.TRUNCATED, 50),
                // L2TPv3 over IP
                Arguments.of("L2TPv3/IP session id cut", ETHERNET, ethernet(0x0800, ipv4(115, new byte[] {0, 0})), "Ethernet:IPv4:L2TP",
                        "l2tp_ip.session_id", ErrorKind.TRUNCATED, 34),
                Arguments.of("L2TPv3/IP control length 8", ETHERNET,
                        ethernet(0x0800, ipv4(115, Packets.of().u4(0).u2(0xc803).u2(8).u4(0).u2(0).u2(0).build())), "Ethernet:IPv4:L2TP",
                        "l2tp_ip.length", ErrorKind.INVALID, 40),
                Arguments.of("L2TPv3/IPv6 control length beyond the payload", ETHERNET,
                        ethernet(0x86dd, ipv6(115, Packets.of().u4(0).u2(0xc803).u2(40).u4(0).u2(0).u2(0).build())), "Ethernet:IPv6:L2TP",
                        "l2tp_ip.avps", ErrorKind.TRUNCATED, 70),
                // IPX
                Arguments.of("IPX length 20", ETHERNET, ethernet(0x8137, ipx(20, NONE)), "Ethernet:IPX", "ipx.len", ErrorKind.INVALID, 16),
                Arguments.of("IPX header cut after 20 bytes", ETHERNET, java.util.Arrays.copyOf(ethernet(0x8137, ipx(30, NONE)), 14 + 20),
                        "Ethernet:IPX", "ipx.network", ErrorKind.TRUNCATED, 32),
                Arguments.of("IPX over LLC cut in the destination node", ETHERNET,
                        Packets.of().zeros(12).u2(13).u1(0xe0).u1(0xe0).u1(3).u2(0xffff).u2(30).zeros(6).build(), "Ethernet:LLC:IPX",
                        "ipx.node", ErrorKind.TRUNCATED, 27),
                // a tunnel in a tunnel still ends in one malformed node
                Arguments.of("L2TP data / PPP / IPv4 with a lying header length", ETHERNET,
                        l2tp(Packets.of().u2(0x0002).u2(1).u2(2).u2(0xff03).u2(0x0021).bytes(ipv4(4, 20, 17, NONE, udp8)).build()),
                        "Ethernet:IPv4:UDP:L2TP:PPP:IPv4", "ipv4.hdr_len", ErrorKind.INVALID, 52));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void lyingLengths(String name, int linkType, byte[] frame, String chain, String field, ErrorKind kind, int offset) {
        Outcome o = dissect(linkType, frame);
        Chain c = o.chain();
        assertTrue(c.isMalformed(), name + ": " + c);
        assertEquals(chain, c.toString(), name);
        assertEquals(field, String.valueOf(c.malformedField()), name + ": " + c.malformedReason());
        assertEquals(kind, c.malformedKind(), name + ": " + c.malformedReason());
        if (offset >= 0) assertEquals(offset, c.malformedOffset(), name + ": " + c.malformedField() + " " + c.malformedReason());
        Info m = find(o.info(), "malformed");
        assertNotNull(m, name + ": no malformed node in " + o.info());
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

    // ---- documented behaviour: lengths beyond the bytes captured are clamped, as Wireshark does ----

    @Test
    void lengthsBeyondTheCaptureAreClamped() {
        byte[] udp = Packets.of().u2(1).u2(2).u2(12).u2(0).u4(0).build();
        // PPPoE session length 200 on a 34-byte PPP frame: PPP and what it carries are dissected
        Outcome o = dissect(ETHERNET, ethernet(0x8864, pppoe(0, 200, ppp(0x0021, ipv4(17, udp)))));
        assertFalse(o.chain().isMalformed(), o.chain().malformedReason());
        assertEquals("Ethernet:PPPoE:PPP:IPv4:UDP:Raw", o.chain().toString());
        // IPX length 300 on a 30-byte header and 4 bytes
        o = dissect(ETHERNET, ethernet(0x8137, ipx(300, new byte[4])));
        assertFalse(o.chain().isMalformed(), o.chain().malformedReason());
        assertEquals("Ethernet:IPX:Raw", o.chain().toString());
        assertEquals(4, o.chain().rawLength());
        // L2TP data length 200: the PPP frame runs to the end of the datagram
        o = dissect(ETHERNET, l2tp(Packets.of().u2(0x4002).u2(200).u2(1).u2(2).u2(0xff03).u2(0x0021).bytes(ipv4(17, udp)).build()));
        assertFalse(o.chain().isMalformed(), o.chain().malformedReason());
        assertEquals("Ethernet:IPv4:UDP:L2TP:PPP:IPv4:UDP:Raw", o.chain().toString());
    }

    /**
     * What cannot be L2TP on its port is data, as tshark's L2TP declines it: a version other than 2
     * and 3, or fewer than the two bytes that hold the version.
     */
    @Test
    void l2tpDeclinesOtherVersionsAndShortPayloads() {
        for (byte[] payload : new byte[][] {{(byte) 0xc8}, Packets.of().u2(0x0005).zeros(8).build(), Packets.of().u2(0x0001).zeros(10).build()}) {
            Outcome o = dissect(ETHERNET, l2tp(payload));
            assertFalse(o.chain().isMalformed(), o.chain().malformedReason());
            assertEquals("Ethernet:IPv4:UDP:Raw", o.chain().toString());
            assertEquals(payload.length, o.chain().rawLength());
        }
    }

    /** Lengths shorter than the bytes present bound the layer: Ethernet padding is never payload. */
    @Test
    void lengthsBoundThePayload() {
        byte[] padding = new byte[20];
        // a PPPoE length of 4 leaves LCP 2 of its bytes, though more follow in the frame
        Outcome o = dissect(ETHERNET, ethernet(0x8864, concat(pppoe(0, 4, ppp(0xc021, cp(9, 8, new byte[4]))), padding)));
        assertEquals("Ethernet:PPPoE:PPP:LCP", o.chain().toString());
        assertTrue(o.chain().isMalformed());
        assertEquals("lcp.length", String.valueOf(o.chain().malformedField()));
        o = dissect(ETHERNET, ethernet(0x8864, concat(pppoe(0, 10, ppp(0xc021, cp(9, 8, new byte[4]))), padding)));
        assertEquals("Ethernet:PPPoE:PPP:LCP", o.chain().toString());
        assertFalse(o.chain().hasRaw(), "padding after the PPPoE length is not payload");
        o = dissect(ETHERNET, ethernet(0x8137, concat(ipx(32, new byte[2]), padding)));
        assertEquals("Ethernet:IPX:Raw", o.chain().toString());
        assertEquals(2, o.chain().rawLength(), "the IPX length bounds the payload");
        o = dissect(ETHERNET, ethernet(0x8863, concat(pppoe(0x09, 4, tag(0x0101, 0, NONE)), padding)));
        assertEquals("Ethernet:PPPoED", o.chain().toString());
        assertFalse(o.chain().hasRaw(), "padding after the discovery tags is not payload");
    }
}
