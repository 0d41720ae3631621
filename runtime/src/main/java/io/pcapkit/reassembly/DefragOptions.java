package io.pcapkit.reassembly;

/**
 * How IP fragments are put back together: the overlap policy and the limits (defaults and their
 * reasons in {@link ReassemblyLimits}). Fluent setters; copy with {@link #copy()}.
 */
public final class DefragOptions {
    public OverlapPolicy policy = OverlapPolicy.BSD;
    public long timeoutNanos = ReassemblyLimits.DEFRAG_TIMEOUT_NANOS;
    public int maxDatagramBytes = ReassemblyLimits.DEFRAG_MAX_DATAGRAM_BYTES;
    public int maxFragments = ReassemblyLimits.DEFRAG_MAX_FRAGMENTS;
    public int maxDatagrams = ReassemblyLimits.DEFRAG_MAX_DATAGRAMS;
    public long maxMemoryBytes = ReassemblyLimits.DEFRAG_MAX_MEMORY_BYTES;
    /** Also deliver the datagrams that did not complete (timed out, evicted, abandoned, open at the end). */
    public boolean includeIncomplete;

    /**
     * The overlap policy; the default, bsd, is the 4.4BSD behaviour that Snort's frag3 and
     * Suricata default to, and what Wireshark's reassembly amounts to (the lower offset wins).
     */
    public DefragOptions policy(OverlapPolicy p) {
        this.policy = java.util.Objects.requireNonNull(p);
        return this;
    }

    public DefragOptions timeoutNanos(long t) {
        this.timeoutNanos = positive(t, "timeout");
        return this;
    }

    public DefragOptions maxDatagramBytes(int n) {
        this.maxDatagramBytes = (int) positive(n, "maxDatagramBytes");
        return this;
    }

    public DefragOptions maxFragments(int n) {
        this.maxFragments = (int) positive(n, "maxFragments");
        return this;
    }

    public DefragOptions maxDatagrams(int n) {
        this.maxDatagrams = (int) positive(n, "maxDatagrams");
        return this;
    }

    public DefragOptions maxMemoryBytes(long n) {
        this.maxMemoryBytes = positive(n, "maxMemoryBytes");
        return this;
    }

    public DefragOptions includeIncomplete(boolean b) {
        this.includeIncomplete = b;
        return this;
    }

    public DefragOptions copy() {
        DefragOptions o = new DefragOptions();
        o.policy = policy;
        o.timeoutNanos = timeoutNanos;
        o.maxDatagramBytes = maxDatagramBytes;
        o.maxFragments = maxFragments;
        o.maxDatagrams = maxDatagrams;
        o.maxMemoryBytes = maxMemoryBytes;
        o.includeIncomplete = includeIncomplete;
        return o;
    }

    static long positive(long v, String what) {
        if (v <= 0) throw new IllegalArgumentException(what + " must be positive: " + v);
        return v;
    }
}
