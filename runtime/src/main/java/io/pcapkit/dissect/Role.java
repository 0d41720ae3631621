package io.pcapkit.dissect;

/**
 * What a header field is to flow tracking, stream reassembly and IP defragmentation, as a grammar's
 * {@code roles} names it. The runtime reads a protocol's addresses, ports, stream numbering and
 * fragment fields through its roles ({@link Protocol#read}), never at offsets of its own: a
 * grammar that declares them gets flows, follow-stream, (with {@link #SEQUENCE}) TCP-style
 * reassembly and (with the fragment roles) defragmentation without a Java edit.
 */
public enum Role {
    /** The source address of a network layer (4 or 16 bytes, as {@link #DST_ADDRESS}). */
    SRC_ADDRESS("src-address"),
    DST_ADDRESS("dst-address"),
    /** The source port of a transport layer: with {@link #DST_PORT}, it makes the layer's flows. */
    SRC_PORT("src-port"),
    DST_PORT("dst-port"),
    /** A byte stream's sequence number (32 bits): the transport's segments are reassembled. */
    SEQUENCE("sequence"),
    ACKNOWLEDGEMENT("acknowledgement"),
    /** The stream's control bits (1 bit each). */
    SYN("syn"),
    ACK("ack"),
    FIN("fin"),
    RST("rst"),
    /** A fragment's datagram id (IP identification): fragments with the same ends and id join. */
    FRAGMENT_ID("fragment-id"),
    /** Where the fragment's data goes in its datagram, in 8-byte units (as IP's). */
    FRAGMENT_OFFSET("fragment-offset"),
    /** Set on every fragment but the last (1 bit). */
    MORE_FRAGMENTS("more-fragments"),
    /** The payload's protocol, part of the fragments' key (IPv4's protocol, RFC 791). */
    FRAGMENT_PROTOCOL("fragment-protocol"),
    /** The payload's protocol as the first fragment's header names it (IPv6's Fragment header, RFC 8200). */
    NEXT_HEADER("next-header"),
    /** The datagram's length from the layer's start (IPv4's total length); 0: what was captured. */
    TOTAL_LENGTH("total-length"),
    /** The payload's length after the layer's header (IPv6's payload length); 0: what was captured. */
    PAYLOAD_LENGTH("payload-length"),
    /** A VLAN tag's id (IPv4's reassembly keeps fragments of different VLANs apart, as Wireshark's). */
    VLAN_ID("vlan-id");

    /** The role's name in a grammar's {@code roles}. */
    public final String grammarName;

    Role(String grammarName) {
        this.grammarName = grammarName;
    }

    /** The role a grammar calls {@code name}. */
    public static Role named(String name) {
        for (Role r : values()) if (r.grammarName.equals(name)) return r;
        throw new IllegalArgumentException("no role named " + name);
    }
}
