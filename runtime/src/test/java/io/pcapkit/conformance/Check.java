package io.pcapkit.conformance;

import io.pcapkit.frame.EnumValue;
import io.pcapkit.frame.Info;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * One compared field: tshark's name, the protocol it is counted under in the agreement table, how
 * its value is read, and where ours lives in the frame record (per
 * {@code ../shared/docs/conformance.md}).
 */
record Check(String protocol, String tshark, Kind kind, Function<Layers, Object> ours) {

    enum Kind {
        /** an integer: tshark's decimal or 0x-hex; ours a number, an enumerated value or a boolean (0/1) */
        NUMBER,
        /** an offset tshark gives in 8-byte units and we give in bytes */
        EIGHT_BYTE_UNITS,
        /** text compared exactly (MACs, addresses) */
        TEXT,
        /** seconds since the epoch, compared as exact decimals */
        EPOCH
    }

    /** Every field compared, in table order. */
    static final List<Check> ALL = List.of(
            new Check("frame", "frame.number", Kind.NUMBER, l -> l.frame.get("number")),
            new Check("frame", "frame.time_epoch", Kind.EPOCH, l -> l.frame.get("time_epoch")),
            new Check("frame", "frame.len", Kind.NUMBER, l -> l.frame.get("len")),
            new Check("frame", "frame.cap_len", Kind.NUMBER, l -> l.frame.get("cap_len")),
            new Check("Ethernet", "eth.src", Kind.TEXT, in("ethernet", "src")),
            new Check("Ethernet", "eth.dst", Kind.TEXT, in("ethernet", "dst")),
            new Check("Ethernet", "eth.type", Kind.NUMBER, inFirstHaving("ethernet", "type")),
            new Check("802.1Q", "vlan.id", Kind.NUMBER, in("802.1q", "tci.vid")),
            new Check("LLC", "llc.dsap", Kind.NUMBER, in("llc", "dsap")),
            new Check("SLL", "sll.pkttype", Kind.NUMBER, inFirst("pkttype", "sll", "sll2")),
            new Check("NULL", "null.family", Kind.NUMBER, inFirst("family", "null", "loop")),
            new Check("ARP", "arp.opcode", Kind.NUMBER, inFirst("oper", "arp", "rarp")),
            new Check("ARP", "arp.src.proto_ipv4", Kind.TEXT, arpIpv4("spa")),
            new Check("ARP", "arp.dst.proto_ipv4", Kind.TEXT, arpIpv4("tpa")),
            // tshark's IPv6 dissector sets ip.version too: the outermost IP header's version
            new Check("IPv4", "ip.version", Kind.NUMBER, inFirst("version", "ipv4", "ipv6")),
            new Check("IPv4", "ip.hdr_len", Kind.NUMBER, in("ipv4", "hdr_len")),
            new Check("IPv4", "ip.len", Kind.NUMBER, in("ipv4", "len")),
            new Check("IPv4", "ip.id", Kind.NUMBER, in("ipv4", "id")),
            new Check("IPv4", "ip.flags.df", Kind.NUMBER, in("ipv4", "flags.df")),
            new Check("IPv4", "ip.flags.mf", Kind.NUMBER, in("ipv4", "flags.mf")),
            new Check("IPv4", "ip.frag_offset", Kind.EIGHT_BYTE_UNITS, in("ipv4", "frag_offset")),
            new Check("IPv4", "ip.ttl", Kind.NUMBER, in("ipv4", "ttl")),
            new Check("IPv4", "ip.proto", Kind.NUMBER, in("ipv4", "proto")),
            new Check("IPv4", "ip.src", Kind.TEXT, in("ipv4", "src")),
            new Check("IPv4", "ip.dst", Kind.TEXT, in("ipv4", "dst")),
            new Check("IPv6", "ipv6.plen", Kind.NUMBER, in("ipv6", "payload")),
            new Check("IPv6", "ipv6.nxt", Kind.NUMBER, in("ipv6", "next")),
            new Check("IPv6", "ipv6.hlim", Kind.NUMBER, in("ipv6", "limit")),
            new Check("IPv6", "ipv6.src", Kind.TEXT, in("ipv6", "src")),
            new Check("IPv6", "ipv6.dst", Kind.TEXT, in("ipv6", "dst")),
            new Check("HOPOPT", "ipv6.hopopts.nxt", Kind.NUMBER, in("hopopt", "next")),
            new Check("IPv6-Route", "ipv6.routing.type", Kind.NUMBER, in("route", "type")),
            new Check("IPv6-Route", "ipv6.routing.segleft", Kind.NUMBER, in("route", "seg_left")),
            new Check("IPv6-Frag", "ipv6.fraghdr.ident", Kind.NUMBER, in("frag", "id")),
            new Check("IPv6-Frag", "ipv6.fraghdr.offset", Kind.EIGHT_BYTE_UNITS, in("frag", "offset")),
            new Check("IPv6-Frag", "ipv6.fraghdr.more", Kind.NUMBER, in("frag", "mf")),
            new Check("IPv6-Opts", "ipv6.dstopts.nxt", Kind.NUMBER, in("opts", "next")),
            new Check("TCP", "tcp.srcport", Kind.NUMBER, in("tcp", "srcport")),
            new Check("TCP", "tcp.dstport", Kind.NUMBER, in("tcp", "dstport")),
            new Check("TCP", "tcp.seq_raw", Kind.NUMBER, in("tcp", "seq")),
            new Check("TCP", "tcp.ack_raw", Kind.NUMBER, in("tcp", "ack")),
            new Check("TCP", "tcp.hdr_len", Kind.NUMBER, in("tcp", "hdr_len")),
            new Check("TCP", "tcp.flags", Kind.NUMBER, Check::tcpFlags),
            new Check("TCP", "tcp.window_size_value", Kind.NUMBER, in("tcp", "window_size")),
            // tshark reports UDP-Lite's ports as udp.* too
            new Check("UDP", "udp.srcport", Kind.NUMBER, inFirst("srcport", "udp", "udplite")),
            new Check("UDP", "udp.dstport", Kind.NUMBER, inFirst("dstport", "udp", "udplite")),
            new Check("UDP", "udp.length", Kind.NUMBER, inFirst("len", "udp", "udplite")),
            // ---- tunnels (PPPoE, PPP, L2TP, IPX) ----
            new Check("PPPoE", "pppoe.code", Kind.NUMBER, inFirst("code", "pppoe", "pppoed")),
            new Check("PPPoE", "pppoe.session_id", Kind.NUMBER, inFirst("session_id", "pppoe", "pppoed")),
            new Check("PPP", "ppp.protocol", Kind.NUMBER, in("ppp", "protocol")),
            // tshark's LCP, IPCP and IPV6CP share the ppp.* names for the packet header
            new Check("LCP", "ppp.code", Kind.NUMBER, inFirst("code", "lcp", "ipcp", "ipv6cp")),
            new Check("LCP", "ppp.identifier", Kind.NUMBER, inFirst("id", "lcp", "ipcp", "ipv6cp")),
            new Check("L2TP", "l2tp.type", Kind.NUMBER, in("l2tp", "flags.type")),
            new Check("L2TP", "l2tp.tunnel", Kind.NUMBER, in("l2tp", "tunnel_id")),
            // the 16-bit session id of L2TPv2 is tshark's l2tp.session, the 32-bit one of L2TPv3 its l2tp.sid
            new Check("L2TP", "l2tp.session", Kind.NUMBER, l2tpSession(true)),
            new Check("L2TP", "l2tp.sid", Kind.NUMBER, l2tpSession(false)),
            new Check("L2TP", "l2tp.ccid", Kind.NUMBER, in("l2tp", "control_connection_id")),
            new Check("L2TP", "l2tp.avp.message_type", Kind.NUMBER, Check::l2tpMessageType),
            new Check("IPX", "ipx.dst.net", Kind.NUMBER, in("ipx", "dst.network")),
            new Check("IPX", "ipx.src.net", Kind.NUMBER, in("ipx", "src.network")),
            new Check("IPX", "ipx.packet_type", Kind.NUMBER, in("ipx", "type")),
            new Check("IPX", "ipx.dst.socket", Kind.NUMBER, in("ipx", "dst.socket")),
            new Check("IPX", "ipx.src.node", Kind.TEXT, in("ipx", "src.node")),

            // ---- netproto (ICMP, ICMPv6, AH, ESP, HIP, MH, OSPF) ----
            // occurrence=f: an ICMP error's quoted ICMP header is the second icmp layer, never compared
            new Check("ICMP", "icmp.type", Kind.NUMBER, in("icmp", "type")),
            new Check("ICMP", "icmp.code", Kind.NUMBER, in("icmp", "code")),
            new Check("ICMPv6", "icmpv6.type", Kind.NUMBER, in("icmpv6", "type")),
            new Check("ICMPv6", "icmpv6.code", Kind.NUMBER, in("icmpv6", "code")),
            new Check("AH", "ah.spi", Kind.NUMBER, in("ah", "spi")),
            new Check("AH", "ah.sequence", Kind.NUMBER, in("ah", "seq")),
            new Check("ESP", "esp.spi", Kind.NUMBER, in("esp", "spi")),
            new Check("ESP", "esp.sequence", Kind.NUMBER, in("esp", "seq")),
            new Check("HIP", "hip.packet_type", Kind.NUMBER, in("hip", "type")),
            new Check("MH", "mip6.mhtype", Kind.NUMBER, in("mh", "type")),
            new Check("OSPF", "ospf.version", Kind.NUMBER, in("ospf", "version")),
            new Check("OSPF", "ospf.msg", Kind.NUMBER, in("ospf", "type")),
            new Check("OSPF", "ospf.srcrouter", Kind.TEXT, in("ospf", "router_id")),
            new Check("OSPF", "ospf.area_id", Kind.TEXT, in("ospf", "area_id")),

            // ---- application (DNS, FTP, HTTP, HTTP/2) ----
            new Check("DNS", "dns.id", Kind.NUMBER, inFirst("id", "dns", "mdns")),
            new Check("DNS", "dns.flags.response", Kind.NUMBER, inFirst("flags.qr", "dns", "mdns")),
            new Check("DNS", "dns.qry.name", Kind.TEXT, firstQuestion("name")),
            new Check("DNS", "dns.qry.type", Kind.NUMBER, firstQuestion("type")),
            new Check("DNS", "dns.count.answers", Kind.NUMBER, inFirst("ancount", "dns", "mdns")),
            new Check("DNS", "dns.a", Kind.TEXT, Check::firstARecord),
            new Check("FTP", "ftp.request.command", Kind.TEXT, in("ftp", "request.command")),
            new Check("FTP", "ftp.response.code", Kind.NUMBER, in("ftp", "response.code")),
            new Check("HTTP", "http.request.method", Kind.TEXT, inFirst("request.method", "http", "ssdp")),
            new Check("HTTP", "http.request.uri", Kind.TEXT, inFirst("request.target", "http", "ssdp")),
            new Check("HTTP", "http.request.version", Kind.TEXT, inFirst("request.version", "http", "ssdp")),
            new Check("HTTP", "http.response.code", Kind.NUMBER, inFirst("response.status", "http", "ssdp")),
            new Check("HTTP", "http.host", Kind.TEXT, httpHeader("host")),
            new Check("HTTP", "http.content_length", Kind.NUMBER, httpHeader("content-length")),
            new Check("HTTP/2", "http2.type", Kind.NUMBER, in("http2", "type")),
            new Check("HTTP/2", "http2.streamid", Kind.NUMBER, in("http2", "stream_id")),
            new Check("HTTP/2", "http2.header.name", Kind.TEXT, Check::firstHttp2HeaderName));

    // ---- application (DNS, FTP, HTTP, HTTP/2) ----

    /** A field of the first question of the outermost DNS (or mDNS) layer (tshark's dns.qry.*). */
    private static Function<Layers, Object> firstQuestion(String field) {
        return l -> {
            Layers.Layer x = l.firstOf("dns", "mdns");
            List<Object> q = x == null ? null : x.fields().list("questions");
            return q == null || q.isEmpty() ? null : ((Info) q.get(0)).get(field);
        };
    }

    /** tshark's dns.a: the first A record's address, answers first, then authority and additional records. */
    private static Object firstARecord(Layers l) {
        Layers.Layer x = l.firstOf("dns", "mdns");
        if (x == null) return null;
        for (String section : new String[] {"answers", "authorities", "additionals"}) {
            List<Object> rrs = x.fields().list(section);
            if (rrs == null) continue;
            for (Object o : rrs) {
                Info rr = (Info) o;
                Object t = rr.get("type");
                long type = t instanceof EnumValue e ? e.value() : t instanceof Long n ? n : -1;
                if (type == 1 && rr.get("address") != null) return rr.get("address");
            }
        }
        return null;
    }

    /**
     * tshark's http.host / http.content_length: the value of the first header field of that name
     * (any case) in the outermost HTTP/1.x (or SSDP) layer; tshark shows the field's value trimmed.
     */
    private static Function<Layers, Object> httpHeader(String name) {
        return l -> {
            Layers.Layer x = l.firstOf("http", "ssdp");
            List<Object> headers = x == null ? null : x.fields().list("headers");
            if (headers == null) return null;
            for (Object o : headers) {
                Info h = (Info) o;
                Object n = h.get("name");
                if (n != null && n.toString().equalsIgnoreCase(name)) return h.get("value") == null ? null : h.get("value").toString().trim();
            }
            return null;
        };
    }

    /** tshark's http2.header.name: the first decoded header field's name in the frame's HTTP/2 frames. */
    private static Object firstHttp2HeaderName(Layers l) {
        for (Layers.Layer x : l.layers) {
            if (!x.key().equals("http2")) continue;
            List<Object> headers = x.fields().list("headers");
            if (headers == null) continue;
            for (Object o : headers) {
                Object n = ((Info) o).get("name");
                if (n != null) return n;
            }
        }
        return null;
    }

    private static Function<Layers, Object> in(String layer, String path) {
        return l -> {
            Info i = l.first(layer);
            return i == null ? null : i.get(path);
        };
    }

    /**
     * {@code path} of the outermost {@code layer} that has it, as tshark's first occurrence: an
     * 802.3 frame (a length, no type) carrying an Ethernet II frame (a GRE or VXLAN tunnel) has
     * tshark's first eth.type in the inner frame.
     */
    private static Function<Layers, Object> inFirstHaving(String layer, String path) {
        return l -> {
            for (Layers.Layer x : l.layers) if (x.key().equals(layer) && x.fields().containsKey(path)) return x.fields().get(path);
            return null;
        };
    }

    private static Function<Layers, Object> inFirst(String path, String... layers) {
        return l -> {
            Layers.Layer x = l.firstOf(layers);
            return x == null ? null : x.fields().get(path);
        };
    }

    /**
     * An ARP protocol address as tshark's {@code proto_ipv4} field: only for IPv4 (protocol type
     * 0x0800, 4-byte addresses); other address kinds are tshark's {@code arp.src.proto}.
     */
    private static Function<Layers, Object> arpIpv4(String path) {
        return l -> {
            Layers.Layer x = l.firstOf("arp", "rarp");
            if (x == null) return null;
            Long ptype = x.fields().number("ptype");
            Long plen = x.fields().number("plen");
            if (ptype == null || ptype != 0x0800 || plen == null || plen != 4) return null;
            return x.fields().get(path);
        };
    }

    /** The outermost L2TP layer's session id when it is L2TPv2's ({@code v2}) or L2TPv3's (over UDP or IP). */
    private static Function<Layers, Object> l2tpSession(boolean v2) {
        return l -> {
            Info x = l.first("l2tp");
            if (x == null) return null;
            Long ver = x.number("ver");
            return (ver != null && ver == 2) == v2 ? x.get("session_id") : null;
        };
    }

    /** The value of the outermost L2TP layer's first IETF Message Type AVP (vendor 0, type 0, not hidden). */
    private static Object l2tpMessageType(Layers l) {
        Info x = l.first("l2tp");
        if (x == null || !(x.get("avps") instanceof List<?> avps)) return null;
        for (Object o : avps) {
            if (!(o instanceof Info a)) continue;
            Long vendor = a.number("vendor_id");
            Long type = a.number("type");
            if (vendor != null && vendor == 0 && type != null && type == 0 && !Boolean.TRUE.equals(a.bool("hidden"))) return a.get("value");
        }
        return null;
    }

    /** tshark's tcp.flags: the three reserved bits, then the nine flags, NS highest. */
    private static Object tcpFlags(Layers l) {
        Info t = l.first("tcp");
        if (t == null || t.info("flags") == null) return null;
        Info f = t.info("flags");
        Long res = f.number("res");
        if (res == null) return "missing flags.res";
        String[] order = {"ns", "cwr", "ece", "urg", "ack", "psh", "rst", "syn", "fin"};
        long v = res;
        for (String n : order) {
            Boolean b = f.bool(n);
            if (b == null) return "missing flags." + n;
            v = (v << 1) | (b ? 1 : 0);
        }
        return v;
    }

    /** Our value in the form it is compared in, or null when absent. */
    String oursText(Layers l) {
        Object v = ours.apply(l);
        if (v == null) return null;
        if (v instanceof EnumValue e) return Long.toString(e.value());
        if (v instanceof Boolean b) return b ? "1" : "0";
        return v.toString();
    }

    /** Whether tshark's cell {@code theirs} and our value {@code mine} (both non-null) agree. */
    boolean agrees(String theirs, String mine) {
        try {
            return switch (kind) {
                case TEXT -> theirs.equals(mine);
                case EPOCH -> new BigDecimal(theirs).compareTo(new BigDecimal(mine)) == 0;
                case NUMBER -> number(theirs) == Long.parseLong(mine);
                case EIGHT_BYTE_UNITS -> number(theirs) * 8 == Long.parseLong(mine);
            };
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static long number(String s) {
        if (s.startsWith("0x") || s.startsWith("0X")) return Long.parseUnsignedLong(s.substring(2), 16);
        return Long.parseLong(s);
    }
}
