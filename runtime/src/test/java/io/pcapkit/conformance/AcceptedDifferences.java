package io.pcapkit.conformance;

import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * The differences with tshark we accept, each for named frames (or a stated condition) and fields,
 * with its reason. When the reason goes away, the entry stops matching and the test reports it
 * stale: remove it then. (IP and TCP reassembly are on, as in tshark's two-pass output: the
 * frames completing a fragmented datagram or a multi-segment message show it.)
 */
final class AcceptedDifferences {
    private AcceptedDifferences() {
    }

    private static final String QUOTED_TCP_SEQ = "the TCP header an ICMP error quotes after an IPv4 header: tshark's TCP "
            + "dissector in an IPv4 error packet adds the (relative) tcp.seq but never tcp.seq_raw; we show the sequence number "
            + "the quote carries";

    static final List<Accepted> ALL = List.of(
            // ---- netproto (ICMP, ICMPv6, AH, ESP, HIP, MH, OSPF) ----
            Accepted.of("ppp_IcmpPackets.pcap", "13", "tcp.seq_raw", QUOTED_TCP_SEQ),
            // testdata/crafted/FRAMES-netproto.tsv says what each frame is
            Accepted.of("crafted_netproto.pcap", "4", "tcp.seq_raw", QUOTED_TCP_SEQ),
            Accepted.of("crafted_netproto.pcap", "21", "icmp.type, icmp.code",
                    "ICMP header cut after 3 bytes: tshark adds no ICMP field when the 4-byte start is incomplete; we show "
                            + "type and code, read before the malformed checksum"),
            Accepted.of("crafted_netproto.pcap", "33", "frame.protocols",
                    "ICMPv6 redirect: tshark dissects the packet inside the Redirected Header option as a nested IPv6 layer; "
                            + "an option is not a payload (it need not be the last one), so we keep its bytes as the option's"),
            Accepted.of("crafted_netproto.pcap", "44", "frame.protocols, ah.*, udp.*",
                    "AH payload length 0: the 8 bytes it announces cannot hold the sequence number; tshark takes them as the "
                            + "header and dissects the UDP after them, we report AH malformed (payload length at least 1)"),

            // ---- our crafted edge cases (testdata/crafted/FRAMES.tsv says what each frame is) ----
            Accepted.of("crafted_ethernet.pcap", "16", "arp.src.proto_ipv4",
                    "ARP cut inside the target's hardware address: tshark adds the addresses only once the whole body is "
                            + "present, we show the sender's protocol address that is there before the malformed node"),
            Accepted.of("crafted_ethernet.pcap", "118", "ip.version",
                    "IPv6 EtherType carrying version 5: tshark's IPv6 dissector adds the version (as ip.version) and then "
                            + "declines the packet, showing data; we decline it too (the chain agrees) and keep the bytes raw, "
                            + "with no layer to hold a version"),
            Accepted.of("crafted_ethernet.pcap", "154", "frame.protocols",
                    "802.1Q tag with an 802.3 length of 0: tshark hands LLC the empty payload and shows it malformed; "
                            + "we dissect no layer in a payload whose length says it is empty (as for IPv4, UDP and the rest)"),
            Accepted.of("crafted_ethernet.pcap", "47", "tcp.ack_raw",
                    "TCP data offset 4: tshark stops at the bogus header length before adding the acknowledgement number; "
                            + "we show every field read before the bad one"),
            Accepted.of("crafted_ethernet.pcap", "53", "tcp.seq_raw, tcp.ack_raw, tcp.hdr_len, tcp.flags",
                    "TCP header cut after 14 bytes: tshark shows only the ports when the 20-byte header is incomplete; we "
                            + "show every field before the cut"),

            // ---- tunnels (PPPoE, PPP, L2TP, IPX) ----
            // crafted_tunnels.pcap: testdata/crafted/FRAMES-tunnels.tsv says what each frame is
            Accepted.of("crafted_tunnels.pcap", "26", "frame.protocols",
                    "PPPoE session with length 0: tshark hands PPP an empty payload and shows a PPP layer malformed; the "
                            + "length bounds our payload to nothing, so our chain ends at PPPoE"),
            Accepted.of("crafted_tunnels.pcap", "29", "frame.protocols, ppp.protocol, ip.*, udp.*",
                    "ff 03 (HDLC address and control) at the start of a PPPoE payload, which RFC 2516 does not use: tshark's "
                            + "PPPoE calls PPP without HDLC framing and reads ff as a compressed protocol 0x00ff (reserved), our "
                            + "PPP grammar recognises ff 03 wherever it comes and dissects the IPv4 after it"),
            Accepted.of("crafted_tunnels.pcap", "30", "pppoe.code, pppoe.session_id",
                    "PPPoE session header cut after 4 bytes: tshark shows no field of an incomplete 6-byte header, we show "
                            + "every field before the cut"),
            Accepted.of("crafted_tunnels.pcap", "31", "frame.protocols",
                    "PPPoE payload of 1 byte: tshark reports PPPoES malformed without a PPP layer, ours hands the byte to PPP, "
                            + "which is malformed in its protocol field"),
            Accepted.of("crafted_tunnels.pcap", "41", "l2tp.type, l2tp.tunnel, l2tp.session",
                    "L2TP control message with an AVP length of 3: tshark checks the AVP lengths first and shows no field of "
                            + "the message, we show the header before the malformed AVP"),
            Accepted.of("crafted_tunnels.pcap", "42", "l2tp.avp.message_type",
                    "L2TP control message whose length runs past the datagram: tshark decodes the AVPs that are there before "
                            + "the malformed node, we check the AVP region against the bytes present before reading it"),
            Accepted.of("crafted_tunnels.pcap", "45", "l2tp.tunnel, l2tp.session",
                    "L2TP data message with length 4 (less than its header): tshark bounds the message by the length before "
                            + "reading the ids, we read the header and then find the length too short for it"),
            Accepted.of("crafted_tunnels.pcap", "56", "l2tp.type, l2tp.sid",
                    "L2TPv3 control message over IP with length 8 (less than its 12-byte header): tshark shows no field, we "
                            + "show the session id and the flags before the malformed length"),
            Accepted.of("crafted_tunnels.pcap", "63", "ipx.dst.net, ipx.packet_type, ipx.dst.socket",
                    "IPX header cut after 20 bytes: tshark shows no field of an incomplete 30-byte header, we show every "
                            + "field before the cut"),

            // ---- application (DNS, FTP, HTTP, HTTP/2) ----
            Accepted.of("app_h2c_port80.pcap", "1-4", "frame.protocols",
                    "HTTP/2 with prior knowledge on port 80: tshark's HTTP dissector takes port 80 and hands the connection "
                            + "to HTTP/2, so its chain names http before http2; ours names the one protocol the bytes are "
                            + "(every http2.* field agrees)"),
            Accepted.of("app_ftp.pcap", "16-17", "frame.protocols, ftp.request.command",
                    "a command cut before its CRLF, the rest in the next segment: tshark's FTP dissector does not reassemble "
                            + "(frame 16 shows the cut 'RETR' as a command, frame 17 the rest, 'xt'); over the TCP stream we wait "
                            + "for the CRLF and show the whole command in frame 17, the frame that completes it"),
            Accepted.of("ppp_650HttpResponses.pcap", "111", "frame.protocols",
                    "an HTTP response completes in this segment and a second one starts after it, whose next segment the "
                            + "capture lost: tshark's two-pass output knows that message never completes and shows its start here "
                            + "(http:http); one pass cannot know it yet and waits for the rest, so ours shows the start as Raw"),
            Accepted.of("ppp_example2_first3000.pcap", "33", "frame.protocols", "a TCP keep-alive (one zero byte) to port 80: "
                    + "tshark's HTTP dissector shows it as a continuation (http:data), our guarded HTTP grammar leaves it raw"),
            Accepted.where("zeek_http-non-default-port.pcap", "frames whose tshark chain has http (TCP port 1234)", chainHas("http"),
                    "frame.protocols, http.*", App.BY_CONTENT),
            Accepted.where("ppp_nanosecs_big_endian.pcap", "frames whose tshark chain has http (TCP port 8000)", chainHas("http"),
                    "frame.protocols, http.*", App.BY_CONTENT));

    // ---- application (DNS, FTP, HTTP, HTTP/2) ----

    /** Reasons of the application entries (a class of its own: the list above refers to them). */
    private static final class App {
        static final String BY_CONTENT = "tshark's HTTP heuristic (on by default) finds HTTP on a port no table names; we "
            + "look at content only when asked (--layer application, or --protocol naming an application protocol), as "
            + "PyPCAPKit does: ApplicationSelectionTest shows this capture's HTTP found that way";
    }

    private static BiPredicate<Map<String, String>, Layers> chainHas(String tokens) {
        return (row, ours) -> {
            String p = row.get("frame.protocols");
            return p != null && (":" + p + ":").contains(":" + tokens + ":");
        };
    }
}
