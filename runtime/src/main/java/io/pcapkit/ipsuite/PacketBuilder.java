package io.pcapkit.ipsuite;

/**
 * A layer of a packet under construction. Layers nest through {@link #payload(PacketBuilder)};
 * {@link #build()} produces the bytes with lengths, type fields and checksums computed (each can be
 * overridden to craft a malformed packet).
 *
 * @param <B> the concrete builder, for fluent setters
 */
public abstract class PacketBuilder<B extends PacketBuilder<B>> {
    private PacketBuilder<?> next;
    private byte[] raw;

    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /** The layer carried by this one (its type or protocol field follows from it). */
    public B payload(PacketBuilder<?> p) {
        this.next = p;
        this.raw = null;
        return self();
    }

    /** Raw bytes carried by this layer. */
    public B payload(byte[] data) {
        this.raw = data.clone();
        this.next = null;
        return self();
    }

    /** The packet's bytes. */
    public final byte[] build() {
        return build(null);
    }

    /**
     * The bytes, with {@code pseudo} set by an IP layer for transport checksums.
     */
    protected abstract byte[] build(PseudoHeader pseudo);

    /** The payload's bytes (empty when there is none). */
    protected final byte[] payloadBytes(PseudoHeader pseudo) {
        if (next != null) return next.build(pseudo);
        return raw != null ? raw : new byte[0];
    }

    protected final PacketBuilder<?> next() {
        return next;
    }

    /** This layer's EtherType, for the layer below; -1 when it has none. */
    protected int etherType() {
        return -1;
    }

    /** This layer's IP protocol number, for the layer below; -1 when it has none. */
    protected int ipProtocol() {
        return -1;
    }

    /** The payload's EtherType, or {@code fallback}. */
    protected final int nextEtherType(int fallback) {
        return next != null && next.etherType() >= 0 ? next.etherType() : fallback;
    }

    /** The payload's IP protocol number, or {@code fallback} (59, No Next Header). */
    protected final int nextIpProtocol(int fallback) {
        return next != null && next.ipProtocol() >= 0 ? next.ipProtocol() : fallback;
    }
}
