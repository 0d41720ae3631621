package io.pcapkit.dissect;

import io.pcapkit.gen.Protocols;

/**
 * The layers found in one frame, in order, with their positions: a reusable, allocation-free
 * record filled by the {@link Dissector} (copy it with {@link #snapshot()} to keep it).
 */
public final class Chain {
    int count;
    int[] protocols = new int[8];
    int[] starts = new int[8];
    int[] headerEnds = new int[8];
    int[] payloadEnds = new int[8];
    int base;
    int rawStart = -1;
    int rawLength;
    // failure
    int malformedProtocol = -1;
    Field malformedField;
    int malformedOffset;
    ErrorKind malformedKind;
    String malformedReason;
    // the first layer inside a quoted datagram, and a quote that ends inside its last layer
    int quoteStart = -1;
    int truncatedProtocol = -1;
    Field truncatedField;
    int truncatedOffset;

    void reset(int base) {
        this.base = base;
        count = 0;
        rawStart = -1;
        rawLength = 0;
        malformedProtocol = -1;
        malformedField = null;
        malformedReason = null;
        malformedKind = null;
        quoteStart = -1;
        truncatedProtocol = -1;
        truncatedField = null;
    }

    void truncated(int protocol, Field field, int offset) {
        truncatedProtocol = protocol;
        truncatedField = field;
        truncatedOffset = offset;
    }

    void add(int protocol, int start, int headerEnd, int payloadEnd) {
        if (count == protocols.length) {
            int n = count * 2;
            protocols = java.util.Arrays.copyOf(protocols, n);
            starts = java.util.Arrays.copyOf(starts, n);
            headerEnds = java.util.Arrays.copyOf(headerEnds, n);
            payloadEnds = java.util.Arrays.copyOf(payloadEnds, n);
        }
        protocols[count] = protocol;
        starts[count] = start - base;
        headerEnds[count] = headerEnd - base;
        payloadEnds[count] = payloadEnd - base;
        count++;
    }

    /** Number of layers, transparent ones included. */
    public int size() {
        return count;
    }

    public Protocol protocol(int i) {
        return Protocols.get(protocols[i]);
    }

    public int protocolId(int i) {
        return protocols[i];
    }

    /** Offset of layer {@code i} from the start of the frame. */
    public int start(int i) {
        return starts[i];
    }

    public int headerEnd(int i) {
        return headerEnds[i];
    }

    public int payloadEnd(int i) {
        return payloadEnds[i];
    }

    /** Offset (from the frame start) of bytes left undissected, or -1. */
    public int rawStart() {
        return rawStart;
    }

    public int rawLength() {
        return rawLength;
    }

    public boolean hasRaw() {
        return rawStart >= 0;
    }

    public boolean isMalformed() {
        return malformedProtocol >= 0;
    }

    public Protocol malformedProtocol() {
        return malformedProtocol < 0 ? null : Protocols.get(malformedProtocol);
    }

    public Field malformedField() {
        return malformedField;
    }

    public int malformedOffset() {
        return malformedOffset;
    }

    public ErrorKind malformedKind() {
        return malformedKind;
    }

    public String malformedReason() {
        return malformedReason;
    }

    /**
     * Index of the first layer inside a quoted datagram (the start of the datagram an ICMP or
     * ICMPv6 error reports), or -1; it equals {@link #size()} when the quote is empty.
     * Those layers describe another packet: reassembly and flow tracking must not take them for
     * this frame's traffic.
     */
    public int quoteStart() {
        return quoteStart;
    }

    /**
     * True when the frame ends inside a quoted datagram (an ICMP error's) that stops in the middle
     * of its last layer: that layer is shown as far as it goes. Not an error.
     */
    public boolean isTruncated() {
        return truncatedProtocol >= 0;
    }

    /** The layer a quoted datagram ends in, or null. */
    public Protocol truncatedProtocol() {
        return truncatedProtocol < 0 ? null : Protocols.get(truncatedProtocol);
    }

    /** The field the quoted datagram ends in (not read), or null. */
    public Field truncatedField() {
        return truncatedField;
    }

    /** Offset (from the frame start) of the field the quoted datagram ends in. */
    public int truncatedOffset() {
        return truncatedOffset;
    }

    /**
     * Writes the chain string into {@code out} without allocating: {@code Ethernet:IPv4:TCP},
     * ending in {@code Raw} when undissected bytes remain, or in the protocol that failed when a
     * layer is malformed (as tshark's frame.protocols names it). Transparent layers are left out.
     */
    public StringBuilder appendTo(StringBuilder out) {
        boolean first = true;
        for (int i = 0; i < count; i++) {
            Protocol p = Protocols.get(protocols[i]);
            if (p.transparent) continue;
            if (!first) out.append(':');
            out.append(p.name);
            first = false;
        }
        if (malformedProtocol >= 0 && !Protocols.get(malformedProtocol).transparent) {
            if (!first) out.append(':');
            out.append(Protocols.get(malformedProtocol).name);
        } else if (rawStart >= 0) {
            if (!first) out.append(':');
            out.append("Raw");
        }
        return out;
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder()).toString();
    }

    /** An independent copy. */
    public Chain snapshot() {
        Chain c = new Chain();
        c.count = count;
        c.protocols = java.util.Arrays.copyOf(protocols, Math.max(1, count));
        c.starts = java.util.Arrays.copyOf(starts, Math.max(1, count));
        c.headerEnds = java.util.Arrays.copyOf(headerEnds, Math.max(1, count));
        c.payloadEnds = java.util.Arrays.copyOf(payloadEnds, Math.max(1, count));
        c.base = 0;
        c.rawStart = rawStart;
        c.rawLength = rawLength;
        c.malformedProtocol = malformedProtocol;
        c.malformedField = malformedField;
        c.malformedOffset = malformedOffset;
        c.malformedKind = malformedKind;
        c.malformedReason = malformedReason;
        c.quoteStart = quoteStart;
        c.truncatedProtocol = truncatedProtocol;
        c.truncatedField = truncatedField;
        c.truncatedOffset = truncatedOffset;
        return c;
    }
}
