package io.pcapkit.dissect;

import io.pcapkit.gen.Protocols;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses decode-as rules in tshark's {@code -d} syntax, {@code <selector>==<value>,<protocol>}, e.g.
 * {@code tcp.port==8097,http2}: frames whose selector has that value are handed to the protocol
 * instead of what the tables say. Selectors are our table names ({@code tcp_port}) or their tshark
 * spellings ({@code tcp.port}, {@code udp.port}, {@code eth.type}, {@code ip.proto}, {@code sll.ltype},
 * {@code wtap_encap}); the protocol is a chain token, JSON key or grammar id.
 */
public final class DecodeAs {
    private DecodeAs() {
    }

    private static final Map<String, String> TSHARK_SELECTORS = Map.of(
            "tcp.port", "tcp_port",
            "udp.port", "udp_port",
            "eth.type", "ethertype",
            "ethertype", "ethertype",
            "sll.ltype", "ethertype",
            "ip.proto", "ip_proto",
            "ipv6.nxt", "ip_proto",
            "wtap_encap", "linktype");

    /** Adds one rule to {@code options}. @throws IllegalArgumentException naming what is wrong */
    public static void add(DissectOptions options, String rule) {
        int eq = rule.indexOf("==");
        int comma = rule.lastIndexOf(',');
        if (eq <= 0 || comma < eq) {
            throw new IllegalArgumentException("decode-as '" + rule + "': expected <selector>==<value>,<protocol> (e.g. tcp.port==8097,http2)");
        }
        String selector = rule.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String value = rule.substring(eq + 2, comma).trim();
        String proto = rule.substring(comma + 1).trim();
        String table = TSHARK_SELECTORS.getOrDefault(selector, selector);
        int t = Protocols.TABLES.indexOf(table);
        if (t < 0) {
            throw new IllegalArgumentException("decode-as '" + rule + "': unknown selector '" + selector + "' (tables: "
                    + String.join(", ", Protocols.TABLES) + "; or tcp.port, udp.port, eth.type, ip.proto)");
        }
        Protocol target = null;
        // an entry the table itself holds comes first: DNS on a TCP port is the DNS entry with
        // the TCP length prefix, not the UDP one
        for (long key : Protocols.entries(t)) {
            Protocol p = Protocols.get(Protocols.lookup(t, key));
            if (!p.transparent && DissectOptions.matches(p, proto)) {
                target = p;
                break;
            }
        }
        if (target == null) {
            for (Protocol p : Protocols.all()) {
                if (DissectOptions.matches(p, proto) && !p.transparent) {
                    target = p;
                    break;
                }
            }
        }
        if (target == null) throw new IllegalArgumentException("decode-as '" + rule + "': unknown protocol '" + proto + "'");
        Map<Long, Integer> m = options.decodeAs.computeIfAbsent(t, k -> new HashMap<>());
        for (String v : value.split("[-]", 2).length == 2 ? range(value) : List.of(value)) m.put(parse(rule, v), target.id);
    }

    private static List<String> range(String v) {
        String[] ab = v.split("-", 2);
        long a = Long.decode(ab[0].trim());
        long b = Long.decode(ab[1].trim());
        if (b < a || b - a > 65_535) throw new IllegalArgumentException("decode-as range '" + v + "' is not a range of at most 65,536 values");
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (long x = a; x <= b; x++) out.add(Long.toString(x));
        return out;
    }

    private static long parse(String rule, String v) {
        try {
            return Long.decode(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("decode-as '" + rule + "': '" + v + "' is not a number");
        }
    }
}
