package io.pcapkit.conformance;

import io.pcapkit.dissect.Protocol;
import io.pcapkit.gen.Protocols;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps our chain tokens to tshark's {@code frame.protocols} tokens (conformance.md), so that the
 * tokens both tools know can be compared in order. tshark's pseudo layers ({@code ethertype},
 * {@code data}, {@code raw}) and protocols we have no grammar for are left out of its side; our
 * {@code Raw} and layers tshark folds into another ({@code SNAP} is part of tshark's {@code llc})
 * are left out of ours.
 */
final class ChainTokens {
    private ChainTokens() {
    }

    /** Our chain token -> tshark's. Protocols of later issues are listed so that they are compared once they exist. */
    static final Map<String, String> TO_TSHARK = Map.ofEntries(
            Map.entry("Ethernet", "eth"),
            Map.entry("802.1Q", "vlan"),
            Map.entry("802.1ad", "ieee8021ad"),
            Map.entry("LLC", "llc"),
            Map.entry("SLL", "sll"),
            Map.entry("SLL2", "sll"),
            Map.entry("NULL", "null"),
            Map.entry("LOOP", "null"),
            Map.entry("ARP", "arp"),
            Map.entry("RARP", "arp"),
            Map.entry("IPv4", "ip"),
            Map.entry("IPv6", "ipv6"),
            Map.entry("HOPOPT", "ipv6.hopopts"),
            Map.entry("IPv6-Route", "ipv6.routing"),
            Map.entry("IPv6-Frag", "ipv6.fraghdr"),
            Map.entry("IPv6-Opts", "ipv6.dstopts"),
            Map.entry("AH", "ah"),
            Map.entry("ESP", "esp"),
            Map.entry("HIP", "hip"),
            Map.entry("MH", "mipv6"),
            Map.entry("ICMP", "icmp"),
            Map.entry("ICMPv6", "icmpv6"),
            Map.entry("TCP", "tcp"),
            Map.entry("UDP", "udp"),
            Map.entry("UDPLite", "udplite"),
            Map.entry("OSPF", "ospf"),
            Map.entry("L2TP", "l2tp"),
            Map.entry("IPX", "ipx"),
            Map.entry("EtherIP", "etherip"),
            Map.entry("GRE", "gre"),
            Map.entry("VXLAN", "vxlan"),
            Map.entry("Geneve", "geneve"),
            Map.entry("MPLS", "mpls"),
            Map.entry("PW-ETH-CW", "pwethcw"),
            Map.entry("PPPoE", "pppoes"),
            Map.entry("PPPoED", "pppoed"),
            Map.entry("PPP", "ppp"),
            Map.entry("LCP", "lcp"),
            Map.entry("IPCP", "ipcp"),
            Map.entry("IPV6CP", "ipv6cp"),
            // ---- application (DNS, FTP, HTTP, HTTP/2) ----
            Map.entry("DNS", "dns"),
            Map.entry("mDNS", "mdns"),
            Map.entry("FTP", "ftp"),
            Map.entry("HTTP/1.0", "http"),
            Map.entry("HTTP/1.1", "http"),
            Map.entry("SSDP", "ssdp"),
            Map.entry("HTTP/2", "http2"));

    /**
     * Our tokens that are not a layer in tshark's chain. HTTP-Chunked: tshark dechunks the body
     * inside its http layer.
     */
    static final Set<String> OURS_ONLY = Set.of("Raw", "SNAP",
            // ---- application (DNS, FTP, HTTP, HTTP/2) ----
            "HTTP-Chunked");

    /**
     * Protocols of which we show one layer per message where tshark's chain names the protocol
     * once for all the messages in the frame (HTTP/2 frames, pipelined FTP commands, and, with TCP
     * reassembly, several DNS or HTTP messages completed in one segment): repeats in a row count
     * once on our side.
     */
    static final Set<String> ONE_TOKEN_PER_FRAME = Set.of(
            // ---- application (DNS, FTP, HTTP, HTTP/2) ----
            "http2", "ftp", "dns", "http");

    /** tshark tokens of the protocols our grammars define. */
    static Set<String> known() {
        Set<String> k = new HashSet<>();
        for (Protocol p : Protocols.all()) {
            if (p.transparent || OURS_ONLY.contains(p.name)) continue;
            String t = TO_TSHARK.get(p.name);
            if (t == null) {
                throw new AssertionError("chain token '" + p.name + "' (grammars/" + p.grammar
                        + ") has no tshark token: add it to ChainTokens.TO_TSHARK (see conformance.md)");
            }
            k.add(t);
        }
        return k;
    }

    /** tshark's chain reduced to the tokens we know. */
    static List<String> theirs(String frameProtocols, Set<String> known) {
        List<String> out = new ArrayList<>();
        if (frameProtocols == null) return out;
        for (String t : frameProtocols.split(":")) if (known.contains(t)) out.add(t);
        return out;
    }

    /** Our chain in tshark's tokens. */
    static List<String> ours(List<String> chain) {
        List<String> out = new ArrayList<>();
        for (String t : chain) {
            if (OURS_ONLY.contains(t)) continue;
            String m = TO_TSHARK.get(t);
            m = m == null ? "?" + t : m;
            if (ONE_TOKEN_PER_FRAME.contains(m) && !out.isEmpty() && out.get(out.size() - 1).equals(m)) continue;
            out.add(m);
        }
        return out;
    }
}
