package io.pcapkit.conformance;

import io.pcapkit.frame.Info;
import io.pcapkit.testing.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The differences with tshark we accept, each for named frames (or a stated condition) and fields,
 * with its reason. When the reason goes away (IP reassembly, a grammar for PPPoE, ICMP, AH), the
 * entry stops matching and the test reports it stale: remove it then.
 */
final class AcceptedDifferences {
    private AcceptedDifferences() {
    }

    private static final String REASSEMBLY = "IP reassembly is a later issue: tshark's two-pass output dissects the reassembled "
            + "datagram's transport layer in the frame that completes it, where our fragment's payload stays Raw";

    private static final String QUOTED_TCP_SEQ = "the TCP header an ICMP error quotes after an IPv4 header: tshark's TCP "
            + "dissector in an IPv4 error packet adds the (relative) tcp.seq but never tcp.seq_raw; we show the sequence number "
            + "the quote carries";

    static final List<Accepted> ALL = List.of(
            // ---- IP fragments (until reassembly lands) ----
            Accepted.where("ppp_ip4_fragments.pcap", "frames that complete a datagram in .frag.tsv and are fragments to us",
                    completesReassembly("ppp_ip4_fragments.pcap"), "frame.protocols, udp.*", REASSEMBLY),
            Accepted.where("ppp_frag_http_req.pcap", "frames that complete a datagram in .frag.tsv and are fragments to us",
                    completesReassembly("ppp_frag_http_req.pcap"), "frame.protocols, tcp.*", REASSEMBLY),
            Accepted.where("ppp_ip6_fragments.pcap", "frames that complete a datagram in .frag.tsv and are fragments to us",
                    completesReassembly("ppp_ip6_fragments.pcap"), "frame.protocols, udp.*", REASSEMBLY),

            // ---- protocols of a later issue ----
            // ---- netproto (ICMP, ICMPv6, AH, ESP, HIP, MH, OSPF) ----
            Accepted.where("libpcap_ah-ipip-ping.pcap", "frames that complete a datagram in .frag.tsv and are fragments to us",
                    completesReassembly("libpcap_ah-ipip-ping.pcap"), "frame.protocols, ah.*, icmp.*", REASSEMBLY),
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
            Accepted.of("crafted_ethernet.pcap", "21", "frame.protocols, udp.*",
                    "IPv4 Security option with length 2: tshark checks each known option's length (Security needs 11) and "
                            + "stops at IPv4 as malformed; our grammar checks only that an option fits the options"),
            Accepted.of("crafted_ethernet.pcap", "29", "frame.protocols, ipv6.*",
                    "IPv4 EtherType carrying version 6: tshark's ip dissector hands it to IPv6, ours reports IPv4 malformed "
                            + "(version must be 4)"),
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
            Accepted.of("crafted_tunnels.pcap", "46-48", "frame.protocols, l2tp.type",
                    "UDP port 1701 carrying 1 byte, or version 1 (L2F) or 5: tshark's L2TP declines the datagram and shows "
                            + "data, ours shows an L2TP layer malformed at the cut flags or the version (2 or 3 expected)"),
            Accepted.of("crafted_tunnels.pcap", "56", "l2tp.type, l2tp.sid",
                    "L2TPv3 control message over IP with length 8 (less than its 12-byte header): tshark shows no field, we "
                            + "show the session id and the flags before the malformed length"),
            Accepted.of("crafted_tunnels.pcap", "63", "ipx.dst.net, ipx.packet_type, ipx.dst.socket",
                    "IPX header cut after 20 bytes: tshark shows no field of an incomplete 30-byte header, we show every "
                            + "field before the cut"),

            // ---- application (DNS, FTP, HTTP, HTTP/2) ----
            Accepted.where("ppp_ip6_fragments.pcap", "frames that complete a datagram in .frag.tsv and are fragments to us",
                    completesReassembly("ppp_ip6_fragments.pcap"), "dns.*", REASSEMBLY + " (here mDNS)"),
            Accepted.where("ppp_frag_http_req.pcap", "frames that complete a datagram in .frag.tsv and are fragments to us",
                    completesReassembly("ppp_frag_http_req.pcap"), "http.*", REASSEMBLY + " (here an HTTP request)"),
            Accepted.where("app_dns.pcap", "DNS over TCP whose length runs past the segment (ours truncated)",
                    (row, ours) -> !Accepted.tsharkChainHas(row, "dns") && truncatedIn(ours, "DNS"), "frame.protocols, dns.*",
                    "a message cut by the end of its segment: tshark's reassembly waits for the rest, we show the message "
                            + "truncated (what the TCP stream hook waits on)"),
            Accepted.where("app_http2.pcap", "HTTP/2 frames that run past the segment (ours truncated)",
                    (row, ours) -> !Accepted.tsharkChainHas(row, "http2") && truncatedIn(ours, "HTTP/2"), "frame.protocols, http2.*",
                    "a frame cut by the end of its segment: tshark's reassembly waits for the rest, we show the frame truncated "
                            + "(what the TCP stream hook waits on)"),
            Accepted.where("app_ftp.pcap", "FTP lines without their CRLF (ours truncated)", (row, ours) -> truncatedIn(ours, "FTP"),
                    "ftp.request.command", "a line not finished in its segment: tshark shows its first word as the command, "
                            + "we show the line truncated (the stream hook waits for its CRLF)"),
            Accepted.where("app_dns.pcap", "names tshark shows as a message in place of the name (a loop, over 255 octets)",
                    (row, ours) -> row.get("dns.qry.name") != null && row.get("dns.qry.name").startsWith("<Name"),
                    "dns.qry.name, dns.qry.type", "a malformed name: tshark shows a note in the name's place and goes on to the "
                            + "type; ours is a malformed node at the name, after the header's fields"),
            multiSegment("dpkt_http.pcap"),
            multiSegment("gopacket_test_loopback.pcap"),
            multiSegment("ppp_650HttpResponses.pcap"),
            multiSegment("ppp_example2_first3000.pcap"),
            multiSegment("ppp_four_ipv6_http_streams.pcap"),
            multiSegment("ppp_one_tcp_stream.pcap"),
            multiSegment("ppp_raw_ip.pcap"),
            multiSegment("ppp_sll.pcap"),
            multiSegment("ppp_three_http_streams.pcap"),
            multiSegment("ppp_unidirectional_tcp_stream_with_missing_packet.pcap"),
            multiSegment("ppp_one_http_stream_fin_TRUNCATED.pcap"),
            multiSegment("app_http.pcap"),
            Accepted.of("ppp_example2_first3000.pcap", "33", "frame.protocols", "a TCP keep-alive (one zero byte) to port 80: "
                    + "tshark's HTTP dissector shows it as a continuation (http:data), our guarded HTTP grammar leaves it raw"),
            Accepted.where("zeek_http-non-default-port.pcap", "frames whose tshark chain has http (TCP port 1234)", chainHas("http"),
                    "frame.protocols, http.*", App.BY_CONTENT),
            Accepted.where("ppp_nanosecs_big_endian.pcap", "frames whose tshark chain has http (TCP port 8000)", chainHas("http"),
                    "frame.protocols, http.*", App.BY_CONTENT),

            // ---- capture format ----
            Accepted.of("gopacket_be_test010.pcapng", "1-4", "frame.time_epoch",
                    "pcapng Simple Packet Blocks carry no timestamp: tshark shows none, our record shows the epoch (0)"),
            Accepted.of("gopacket_le_test010.pcapng", "1-4", "frame.time_epoch",
                    "pcapng Simple Packet Blocks carry no timestamp: tshark shows none, our record shows the epoch (0)"));

    // ---- application (DNS, FTP, HTTP, HTTP/2) ----

    /** Reasons of the application entries (a class of its own: the list above refers to them). */
    private static final class App {
        static final String MULTI_SEGMENT = "an HTTP message spanning TCP segments is a reassembly matter until the TCP stream "
            + "hook lands: tshark shows it in the segment that completes it, we dissect each segment alone (the first shows the "
            + "message's start, truncated; the last is the body's end, raw). After a segment the capture lost, tshark holds the "
            + "direction's later bytes for the message that misses them and shows no HTTP; we show each message a segment starts. "
            + "A retransmitted segment tshark dissects once (the first copy), we every time it comes";

        static final String BY_CONTENT = "tshark's HTTP heuristic (on by default) finds HTTP on a port no table names; we "
            + "look at content only when asked (--layer application, or --protocol naming an application protocol), as "
            + "PyPCAPKit does: ApplicationSelectionTest shows this capture's HTTP found that way";
    }

    /**
     * Frames of an HTTP message that one TCP segment does not hold: the segments of a message
     * tshark reassembled (before the last, {@code tcp.reassembled_in} names another frame; the
     * last is named by another frame's), and, where tshark shows no HTTP, the segments in which
     * our HTTP layer is a message cut by the segment's end (truncated: the stream hook would wait)
     * or a response whose body runs to the end of the connection (tshark waits for a FIN that
     * may not be in the capture, or for segments the capture lost).
     */
    private static Accepted multiSegment(String capture) {
        return Accepted.where(capture, "segments of HTTP messages that span segments (tshark's tcp.reassembled_in, or ours "
                        + "truncated or running to the end of the connection where tshark shows no http)",
                (row, ours) -> {
                    long n = Long.parseLong(row.get("frame.number"));
                    String in = row.get("tcp.reassembled_in");
                    if ((in != null && Long.parseLong(in) != n) || reassembling(capture).contains(n)) return true;
                    return !Accepted.tsharkChainHas(row, "http")
                            && (unfinishedHttp(ours) || afterGap(capture).contains(n) || retransmitted(capture).contains(n));
                }, "frame.protocols, http.*", App.MULTI_SEGMENT);
    }

    /** Our layer {@code protocol} is malformed because it is cut by the end of its segment. */
    private static boolean truncatedIn(Layers l, String protocol) {
        Layers.Layer m = l.firstOf("malformed");
        if (m == null) return false;
        String why = m.fields().string("reason");
        return protocol.equals(m.fields().string("protocol")) && why != null && why.startsWith("truncated");
    }

    /** Our HTTP/1.x message is cut by its segment's end, or its body runs to the end of the connection. */
    private static boolean unfinishedHttp(Layers l) {
        Layers.Layer m = l.firstOf("malformed");
        if (m != null) {
            String p = m.fields().string("protocol");
            String why = m.fields().string("reason");
            if (p != null && (p.startsWith("HTTP/1.") || p.equals("HTTP-Chunked")) && why != null && why.startsWith("truncated")) return true;
        }
        Info h = l.first("http");
        if (h == null || h.get("response.status") == null) return false;
        List<Object> headers = h.list("headers");
        if (headers != null) {
            for (Object o : headers) {
                Object name = ((Info) o).get("name");
                if (name != null && (name.toString().equalsIgnoreCase("content-length") || name.toString().equalsIgnoreCase("transfer-encoding"))) {
                    return false;
                }
            }
        }
        long status = ((Number) h.get("response.status")).longValue();
        return status >= 200 && status != 204 && status != 304;
    }

    private static final Map<String, Set<Long>> AFTER_GAP = new HashMap<>();
    private static final Map<String, Set<Long>> RETRANSMITTED = new HashMap<>();

    /** Frames whose bytes their TCP direction already carried (retransmissions), from the oracle. */
    private static synchronized Set<Long> retransmitted(String capture) {
        afterGap(capture);
        return RETRANSMITTED.get(capture);
    }

    /**
     * Frames of a TCP direction in which a segment is missing before them (a sequence number past
     * the bytes seen so far in that direction), from the oracle's tcp.stream, ports, seq and len.
     */
    private static synchronized Set<Long> afterGap(String capture) {
        return AFTER_GAP.computeIfAbsent(capture, c -> {
            Set<Long> out = new HashSet<>();
            Set<Long> again = new HashSet<>();
            RETRANSMITTED.put(c, again);
            Map<String, Long> next = new HashMap<>();
            Set<String> gapped = new HashSet<>();
            for (Map<String, String> r : oracleRows(c)) {
                String stream = r.get("tcp.stream");
                if (stream == null || r.get("tcp.seq_raw") == null || r.get("tcp.len") == null) continue;
                String dir = stream + ":" + r.get("tcp.srcport");
                long seq = Long.parseLong(r.get("tcp.seq_raw"));
                long len = Long.parseLong(r.get("tcp.len"));
                boolean syn = r.get("tcp.flags") != null && (Check.number(r.get("tcp.flags")) & 0x2) != 0;
                Long expected = next.get(dir);
                if (expected != null && len > 0 && ((seq - expected) & 0xffffffffL) > 0 && ((seq - expected) & 0xffffffffL) < (1L << 31)) {
                    gapped.add(dir);
                }
                long end = (seq + len + (syn ? 1 : 0)) & 0xffffffffL;
                if (expected != null && len > 0 && ((expected - end) & 0xffffffffL) < (1L << 31)) again.add(Long.parseLong(r.get("frame.number")));
                if (expected == null || (((end - expected) & 0xffffffffL) < (1L << 31))) next.put(dir, end);
                if (gapped.contains(dir)) out.add(Long.parseLong(r.get("frame.number")));
            }
            return out;
        });
    }

    /** The rows of a capture's main oracle (the corpus's or our crafted one's), column name to value. */
    private static List<Map<String, String>> oracleRows(String capture) {
        try {
            Path dir = Corpus.repoRoot().resolve("testdata/crafted");
            Path file = Files.exists(dir.resolve(capture)) ? dir.resolve(capture) : Corpus.require().resolve(capture);
            TsharkOracle o = TsharkOracle.load(file);
            List<Map<String, String>> rows = new java.util.ArrayList<>();
            for (int i = 0; i < o.size(); i++) rows.add(o.row(i));
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Map<String, Set<Long>> REASSEMBLING = new HashMap<>();

    /** Frames named by some frame's {@code tcp.reassembled_in} in the capture's oracle. */
    private static synchronized Set<Long> reassembling(String capture) {
        return REASSEMBLING.computeIfAbsent(capture, c -> {
            Set<Long> out = new HashSet<>();
            try {
                Path tsv = Corpus.repoRoot().resolve("testdata/crafted").resolve(c + ".tshark.tsv");
                if (!Files.exists(tsv)) tsv = Corpus.require().resolve(c + ".tshark.tsv");
                List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
                int col = -1;
                for (String line : lines) {
                    if (line.startsWith("#") || line.isEmpty()) continue;
                    String[] cells = line.split("\t", -1);
                    if (col < 0) {
                        col = java.util.Arrays.asList(cells).indexOf("tcp.reassembled_in");
                        continue;
                    }
                    if (!cells[col].isEmpty()) out.add(Long.parseLong(cells[col]));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        });
    }

    /** tshark's chain has {@code tokens} (one, or several in a row separated by colons). */
    private static BiPredicate<Map<String, String>, Layers> chainHas(String tokens) {
        return (row, ours) -> {
            String p = row.get("frame.protocols");
            return p != null && (":" + p + ":").contains(":" + tokens + ":");
        };
    }

    /**
     * The frame completes a datagram that tshark reassembled ({@code NAME.frag.tsv} lists it) and
     * our record shows it as a fragment (MF set or a non-zero offset), so its payload is Raw.
     */
    private static BiPredicate<Map<String, String>, Layers> completesReassembly(String capture) {
        return (row, ours) -> completing(capture).contains(Long.parseLong(row.get("frame.number"))) && isFragment(ours);
    }

    private static boolean isFragment(Layers l) {
        for (Layers.Layer x : l.layers) {
            Info f = x.fields();
            if (x.key().equals("ipv4") && (Boolean.TRUE.equals(f.bool("flags.mf")) || nonZero(f.number("frag_offset")))) return true;
            if (x.key().equals("frag") && (Boolean.TRUE.equals(f.bool("mf")) || nonZero(f.number("offset")))) return true;
        }
        return false;
    }

    private static boolean nonZero(Long v) {
        return v != null && v != 0;
    }

    private static final Map<String, Set<Long>> COMPLETING = new HashMap<>();

    private static synchronized Set<Long> completing(String capture) {
        return COMPLETING.computeIfAbsent(capture, c -> {
            Path tsv = Corpus.require().resolve(c + ".frag.tsv");
            Set<Long> out = new HashSet<>();
            try {
                boolean header = true;
                for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
                    if (line.startsWith("#") || line.isEmpty()) continue;
                    if (header) {
                        header = false;
                        continue;
                    }
                    out.add(Long.parseLong(line.substring(0, line.indexOf('\t'))));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        });
    }
}
