package io.pcapkit.fuzz;

import io.pcapkit.dissect.Protocol;
import io.pcapkit.gen.Protocols;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How a fuzz input picks what it exercises, from the generated tables at run time, so that a new
 * grammar is fuzzed with no Java written for it.
 *
 * <p>Protocol inputs start with a length byte and a protocol's chain token ({@code "\4IPv4"},
 * {@code "\6802.1Q"}), then the layer's bytes. Naming the protocol keeps a corpus file aimed at its
 * grammar when grammars are added (protocol ids are positions in a sorted list and shift). Bytes
 * that name no protocol still pick one: the first byte, modulo the number of protocols, so every
 * input exercises some grammar. Entries that share a chain token (DNS over UDP and over TCP, L2TP
 * over UDP and over IP: one name, other parameters or another grammar) are told apart by
 * {@link #token}: the first keeps the name, the next ones add {@code #2}, {@code #3} in table order.
 *
 * <p>Frame inputs start with the link type, big-endian u16 ({@code 00 01} Ethernet), then the
 * frame. A value the linktype table lacks picks one of its entries by the same modulo rule.
 */
record Entry(Protocol protocol, long linkType, int from) {
    /** Protocol entries, every grammar and every name variant of one (802.1Q and 802.1ad, ARP and RARP). */
    static final List<Protocol> PROTOCOLS = Protocols.all();
    /** Link types the dispatch tables know. */
    static final long[] LINK_TYPES = Protocols.entries(Protocols.T_LINKTYPE);

    static Entry protocol(byte[] data) {
        if (data.length == 0) return new Entry(PROTOCOLS.get(0), -1, 0);
        int n = data[0] & 0xff;
        if (1 + n <= data.length) {
            String name = new String(data, 1, n, StandardCharsets.ISO_8859_1);
            for (Protocol p : PROTOCOLS) if (token(p).equals(name)) return new Entry(p, -1, 1 + n);
        }
        return new Entry(PROTOCOLS.get(n % PROTOCOLS.size()), -1, 1);
    }

    static Entry linkType(byte[] data) {
        if (data.length < 2) return new Entry(null, LINK_TYPES[0], data.length);
        int v = ((data[0] & 0xff) << 8) | (data[1] & 0xff);
        for (long t : LINK_TYPES) if (t == v) return new Entry(null, t, 2);
        return new Entry(null, LINK_TYPES[v % LINK_TYPES.length], 2);
    }

    /** The name that picks protocol {@code p}: its chain token, numbered when another entry has it too. */
    static String token(Protocol p) {
        int same = 0;
        for (Protocol q : PROTOCOLS) {
            if (q.id == p.id) break;
            if (q.name.equals(p.name)) same++;
        }
        return same == 0 ? p.name : p.name + "#" + (same + 1);
    }

    /** The prefix that picks protocol {@code p}. */
    static byte[] prefix(Protocol p) {
        byte[] name = token(p).getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = new byte[1 + name.length];
        b[0] = (byte) name.length;
        System.arraycopy(name, 0, b, 1, name.length);
        return b;
    }

    /** The prefix that picks link type {@code t}. */
    static byte[] prefix(long linkType) {
        return new byte[] {(byte) (linkType >>> 8), (byte) linkType};
    }
}
