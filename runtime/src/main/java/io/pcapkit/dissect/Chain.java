package io.pcapkit.dissect;

import io.pcapkit.gen.Protocols;

/**
 * The layers found in one frame, in order, with their positions: a reusable, allocation-free
 * record filled by the {@link Dissector} (copy it with {@link #snapshot()} to keep it).
 *
 * <p>Positions are offsets from the start of the layer's <em>source</em>: the frame, or, after a
 * {@link LayerHook} handed back reassembled bytes, that {@link Continuation} ({@link #source}).
 */
public final class Chain {
    int count;
    int[] protocols = new int[8];
    int[] starts = new int[8];
    int[] headerEnds = new int[8];
    int[] payloadEnds = new int[8];
    /** per layer: where its payload ends by the lengths announced (the frame's own, the layers'), past a cut */
    int[] reportedEnds = new int[8];
    /** per layer: -1 for the frame, else the index of its continuation */
    int[] sources = new int[8];
    int base;
    int rawStart = -1;
    int rawLength;
    int rawSource = -1;
    // reassembled data the chain went on in: the continuation, and the layer count when it began
    int contCount;
    Continuation[] conts = new Continuation[2];
    int[] contAt = new int[2];
    /** the frame's buffer and start while dissecting (not kept by snapshots) */
    java.nio.ByteBuffer frameBuffer;
    int frameOffset;
    // failure: the first one's details; and every malformed layer, with the layer count when it
    // failed (a stream's messages go on after a malformed one, so one may not be the last)
    int failures;
    int[] failedProtocols = new int[1];
    int[] failedAt = new int[1];
    Field malformedField;
    int malformedOffset;
    ErrorKind malformedKind;
    String malformedReason;
    // the first layer inside a quoted datagram, and a quote that ends inside its last layer
    int quoteStart = -1;
    int truncatedProtocol = -1;
    Field truncatedField;
    int truncatedOffset;
    /**
     * The layer whose payload a hook kept raw ({@link Continuation#RAW}: a TCP segment of a
     * message still incomplete), or -1: a replay without the run's state must keep it raw too.
     */
    int hookRawAt = -1;

    void reset(java.nio.ByteBuffer buf, int base) {
        this.base = base;
        this.frameBuffer = buf;
        this.frameOffset = base;
        count = 0;
        rawStart = -1;
        rawLength = 0;
        rawSource = -1;
        for (int i = 0; i < contCount; i++) conts[i] = null;
        contCount = 0;
        hookRawAt = -1;
        failures = 0;
        malformedField = null;
        malformedReason = null;
        malformedKind = null;
        quoteStart = -1;
        truncatedProtocol = -1;
        truncatedField = null;
    }

    /** A layer of {@code protocol} failed here (after the layers so far); the first failure's details are kept. */
    void failed(int protocol, Field field, int offset, ErrorKind kind, String reason) {
        if (failures == failedProtocols.length) {
            failedProtocols = java.util.Arrays.copyOf(failedProtocols, failures * 2);
            failedAt = java.util.Arrays.copyOf(failedAt, failures * 2);
        }
        failedProtocols[failures] = protocol;
        failedAt[failures++] = count;
        if (failures > 1) return;
        malformedField = field;
        malformedOffset = offset;
        malformedKind = kind;
        malformedReason = reason;
    }

    void truncated(int protocol, Field field, int offset) {
        truncatedProtocol = protocol;
        truncatedField = field;
        truncatedOffset = offset;
    }

    void add(int protocol, int start, int headerEnd, int payloadEnd, long reportedEnd) {
        if (count == protocols.length) {
            int n = count * 2;
            protocols = java.util.Arrays.copyOf(protocols, n);
            starts = java.util.Arrays.copyOf(starts, n);
            headerEnds = java.util.Arrays.copyOf(headerEnds, n);
            payloadEnds = java.util.Arrays.copyOf(payloadEnds, n);
            reportedEnds = java.util.Arrays.copyOf(reportedEnds, n);
            sources = java.util.Arrays.copyOf(sources, n);
        }
        sources[count] = contCount - 1;
        protocols[count] = protocol;
        starts[count] = start - base;
        headerEnds[count] = headerEnd - base;
        payloadEnds[count] = payloadEnd - base;
        // a record's original length is a 32-bit field: past the int range only a lie, kept at its top
        reportedEnds[count] = (int) Math.min(Integer.MAX_VALUE, reportedEnd - base);
        count++;
    }

    /** The chain goes on in {@code k}: positions of the layers that follow are relative to its start. */
    void enter(Continuation k) {
        if (contCount == conts.length) {
            conts = java.util.Arrays.copyOf(conts, contCount * 2);
            contAt = java.util.Arrays.copyOf(contAt, contCount * 2);
        }
        conts[contCount] = k;
        contAt[contCount] = count;
        contCount++;
        base = k.offset;
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

    /** Where layer {@code i} lies: -1 for the frame itself, else the index of its {@link #continuation}. */
    public int source(int i) {
        return sources[i];
    }

    /** Reassembled data the chain went on in, in order ({@link #continuations()} of them). */
    public Continuation continuation(int k) {
        return conts[k];
    }

    public int continuations() {
        return contCount;
    }

    /** The number of layers before continuation {@code k} began. */
    public int continuationAt(int k) {
        return contAt[k];
    }

    /** Whether a layer of this frame was dissected over reassembled data. */
    public boolean isReassembled() {
        return contCount > 0;
    }

    /**
     * Whether a hook shaped this chain: reassembled data entered ({@link #isReassembled}), or a
     * payload kept raw where the frame alone would have been dissected further. Dissecting the
     * frame again as the run did then needs a {@link ReplayHook} of this chain.
     */
    public boolean isHookShaped() {
        return contCount > 0 || hookRawAt >= 0;
    }

    /** The layer whose payload a hook kept raw, or -1. */
    int hookRawAt() {
        return hookRawAt;
    }

    /**
     * The buffer holding layer {@code i} while the frame is being dissected (a hook's view), or
     * null for a kept snapshot's frame layers.
     */
    public java.nio.ByteBuffer buffer(int i) {
        return sources[i] < 0 ? frameBuffer : conts[sources[i]].buffer;
    }

    /** The absolute position in {@link #buffer(int)} of offset 0 of layer {@code i}'s source. */
    public int sourceOffset(int i) {
        return sources[i] < 0 ? frameOffset : conts[sources[i]].offset;
    }

    /** Offset of layer {@code i} from the start of its source (the frame, or its continuation). */
    public int start(int i) {
        return starts[i];
    }

    public int headerEnd(int i) {
        return headerEnds[i];
    }

    public int payloadEnd(int i) {
        return payloadEnds[i];
    }

    /**
     * Where layer {@code i}'s payload ends by the lengths announced for it (the frame's original
     * length, this layer's and its parents' length fields), from the start of its source. Past
     * {@link #payloadEnd} when the capture cut the payload short; equal to it otherwise.
     */
    public int reportedEnd(int i) {
        return reportedEnds[i];
    }

    /** Offset (from the start of its source, see {@link #rawSource()}) of bytes left undissected, or -1. */
    public int rawStart() {
        return rawStart;
    }

    /** -1 when the undissected bytes are the frame's, else the index of their continuation. */
    public int rawSource() {
        return rawSource;
    }

    public int rawLength() {
        return rawLength;
    }

    public boolean hasRaw() {
        return rawStart >= 0;
    }

    public boolean isMalformed() {
        return failures > 0;
    }

    /** The first malformed layer's protocol (see {@link #malformedLayers}), or null. */
    public Protocol malformedProtocol() {
        return failures == 0 ? null : Protocols.get(failedProtocols[0]);
    }

    /**
     * How many layers failed: one at most, and then the last, except where a stream's messages go
     * on after a malformed one in the same frame (application data over TCP, as tshark dissects
     * on after a malformed PDU). The other malformed methods describe the first.
     */
    public int malformedLayers() {
        return failures;
    }

    /** The protocol of malformed layer {@code k} (0 is the first). */
    public int malformedProtocolId(int k) {
        return failedProtocols[k];
    }

    /** How many of this chain's layers come before malformed layer {@code k} ({@link #size()} when it is the last). */
    public int malformedAt(int k) {
        return failedAt[k];
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
     * Writes the chain string into {@code out}: {@code Ethernet:IPv4:TCP},
     * ending in {@code Raw} when undissected bytes remain, or in the protocol that failed when a
     * layer is malformed (as tshark's frame.protocols names it). Transparent layers are left out.
     */
    public StringBuilder appendTo(StringBuilder out) {
        int start = out.length();
        forEachShown(p -> {
            if (out.length() > start) out.append(':');
            out.append(p.name);
        });
        if (showsRaw()) {
            if (out.length() > start) out.append(':');
            out.append("Raw");
        }
        return out;
    }

    /**
     * Visits the protocols the chain names, in order: before each layer (and after the last), the
     * malformed layers that failed after the layers before it, then the layer; transparent ones are
     * left out. Raw, which may follow them, is not among them ({@link #showsRaw}).
     */
    public void forEachShown(java.util.function.Consumer<Protocol> visit) {
        int f = 0;
        for (int i = 0; i <= count; i++) {
            for (; f < failures && failedAt[f] == i; f++) {
                Protocol p = Protocols.get(failedProtocols[f]);
                if (!p.transparent) visit.accept(p);
            }
            if (i == count) break;
            Protocol p = Protocols.get(protocols[i]);
            if (!p.transparent) visit.accept(p);
        }
    }

    /** Whether the chain ends in Raw: undissected payload, after a layer that is not malformed. */
    public boolean showsRaw() {
        return rawStart >= 0 && !endsMalformed();
    }

    /** Whether the last thing the frame shows is a malformed layer (then no Raw follows it in the chain). */
    public boolean endsMalformed() {
        return failures > 0 && failedAt[failures - 1] == count;
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
        c.reportedEnds = java.util.Arrays.copyOf(reportedEnds, Math.max(1, count));
        c.sources = java.util.Arrays.copyOf(sources, Math.max(1, count));
        c.base = 0;
        c.rawStart = rawStart;
        c.rawLength = rawLength;
        c.rawSource = rawSource;
        c.contCount = contCount;
        c.hookRawAt = hookRawAt;
        c.conts = java.util.Arrays.copyOf(conts, Math.max(1, contCount));
        c.contAt = java.util.Arrays.copyOf(contAt, Math.max(1, contCount));
        c.failures = failures;
        c.failedProtocols = java.util.Arrays.copyOf(failedProtocols, Math.max(1, failures));
        c.failedAt = java.util.Arrays.copyOf(failedAt, Math.max(1, failures));
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
