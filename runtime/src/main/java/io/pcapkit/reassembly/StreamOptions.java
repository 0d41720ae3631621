package io.pcapkit.reassembly;

/**
 * How TCP segments become byte streams: the overlap policy and the buffer limits (defaults and
 * their reasons in {@link ReassemblyLimits}). Fluent setters; copy with {@link #copy()}.
 */
public final class StreamOptions {
    /** {@link OverlapPolicy#FIRST} (the default: data already received wins) or {@link OverlapPolicy#LAST}. */
    public OverlapPolicy policy = OverlapPolicy.FIRST;
    public int maxOutOfOrderSegments = ReassemblyLimits.TCP_MAX_OUT_OF_ORDER_SEGMENTS;
    public long maxConnectionBytes = ReassemblyLimits.TCP_MAX_CONNECTION_BYTES;
    public long maxTotalBytes = ReassemblyLimits.TCP_MAX_TOTAL_BYTES;
    public int retainedBytes = ReassemblyLimits.TCP_RETAINED_BYTES;
    public int deliveredRingBytes = ReassemblyLimits.TCP_DELIVERED_RING_BYTES;
    public int maxAppMessageBytes = ReassemblyLimits.TCP_MAX_APP_MESSAGE_BYTES;

    /**
     * Where segments overlap: {@code first} keeps the bytes received first (retransmitted data that
     * differs is reported as a conflicting overlap), {@code last} lets a later segment replace bytes
     * still waiting out of order (bytes already delivered in order never change).
     */
    public StreamOptions policy(OverlapPolicy p) {
        if (p != OverlapPolicy.FIRST && p != OverlapPolicy.LAST) {
            throw new IllegalArgumentException("TCP streams take the first or the last data: " + p);
        }
        this.policy = p;
        return this;
    }

    public StreamOptions maxOutOfOrderSegments(int n) {
        this.maxOutOfOrderSegments = (int) DefragOptions.positive(n, "maxOutOfOrderSegments");
        return this;
    }

    public StreamOptions maxConnectionBytes(long n) {
        this.maxConnectionBytes = DefragOptions.positive(n, "maxConnectionBytes");
        return this;
    }

    public StreamOptions maxTotalBytes(long n) {
        this.maxTotalBytes = DefragOptions.positive(n, "maxTotalBytes");
        return this;
    }

    public StreamOptions retainedBytes(int n) {
        this.retainedBytes = (int) DefragOptions.positive(n, "retainedBytes");
        return this;
    }

    /** The ring all connections share for their delivered bytes (at least 1 KiB). */
    public StreamOptions deliveredRingBytes(int n) {
        if (n < 1024) throw new IllegalArgumentException("deliveredRingBytes must be at least 1024: " + n);
        this.deliveredRingBytes = n;
        return this;
    }

    public StreamOptions maxAppMessageBytes(int n) {
        this.maxAppMessageBytes = (int) DefragOptions.positive(n, "maxAppMessageBytes");
        return this;
    }

    public StreamOptions copy() {
        StreamOptions o = new StreamOptions();
        o.policy = policy;
        o.maxOutOfOrderSegments = maxOutOfOrderSegments;
        o.maxConnectionBytes = maxConnectionBytes;
        o.maxTotalBytes = maxTotalBytes;
        o.retainedBytes = retainedBytes;
        o.deliveredRingBytes = deliveredRingBytes;
        o.maxAppMessageBytes = maxAppMessageBytes;
        return o;
    }
}
