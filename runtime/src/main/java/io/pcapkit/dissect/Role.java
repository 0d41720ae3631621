package io.pcapkit.dissect;

/**
 * What a header field is to flow tracking and stream reassembly, as a grammar's {@code roles}
 * names it. The runtime reads a protocol's addresses, ports and stream numbering through its
 * roles ({@link Protocol#read}), never at offsets of its own: a grammar that declares them gets
 * flows, follow-stream and (with {@link #SEQUENCE}) TCP-style reassembly without a Java edit.
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
    RST("rst");

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
