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
            Accepted.where("dpkt_nb6-http.pcap", "frames whose tshark chain has pppoes", chainHas("pppoes"),
                    "frame.protocols, ip.*, ipv6.*, tcp.*, udp.*",
                    "PPPoE session and PPP are not dissected yet (later issue): our chain ends Ethernet:Raw, so the IP, "
                            + "transport (and L2TP-tunnelled IPv6) headers inside are absent"),
            Accepted.where("pnet_l2tp.pcap", "frames whose tshark chain has pppoes", chainHas("pppoes"),
                    "frame.protocols, ip.*, udp.*",
                    "PPPoE session and PPP are not dissected yet (later issue): our chain ends Ethernet:Raw, so the IP and "
                            + "UDP headers inside are absent"),

            // ---- netproto (ICMP, ICMPv6, AH, ESP, HIP, MH, OSPF) ----
            Accepted.where("libpcap_ah-ipip-ping.pcap", "frames that complete a datagram in .frag.tsv and are fragments to us",
                    completesReassembly("libpcap_ah-ipip-ping.pcap"), "frame.protocols, ah.*, icmp.*", REASSEMBLY),
            Accepted.where("dpkt_nb6-http.pcap", "frames whose tshark chain has pppoes", chainHas("pppoes"), "icmp.*, icmpv6.*",
                    "PPPoE session and PPP are not dissected yet (later issue): our chain ends Ethernet:Raw, so the ICMP "
                            + "and (L2TP-tunnelled) ICMPv6 messages inside are absent"),
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

            // ---- capture format ----
            Accepted.of("gopacket_be_test010.pcapng", "1-4", "frame.time_epoch",
                    "pcapng Simple Packet Blocks carry no timestamp: tshark shows none, our record shows the epoch (0)"),
            Accepted.of("gopacket_le_test010.pcapng", "1-4", "frame.time_epoch",
                    "pcapng Simple Packet Blocks carry no timestamp: tshark shows none, our record shows the epoch (0)"));

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
