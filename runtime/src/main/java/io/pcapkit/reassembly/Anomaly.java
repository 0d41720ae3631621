package io.pcapkit.reassembly;

/** What can go wrong while reassembling, reported on the datagram or stream and counted. */
public enum Anomaly {
    /** A fragment or segment shares bytes with one received earlier (not an exact duplicate). */
    OVERLAP("overlap"),
    /** Shared bytes differ between the fragments (or segments) that carry them. */
    CONFLICTING_OVERLAP("conflicting overlap"),
    /** A fragment with the same offset and length as one received earlier. */
    DUPLICATE("duplicate"),
    /** A fragment that lies inside an earlier one and ends before it (the 1997 teardrop shape). */
    TEARDROP("teardrop"),
    /** Data past the largest datagram allowed (65,535 bytes by default; "ping of death"). */
    OVERSIZE("oversize"),
    /** More fragments than a datagram may have. */
    TOO_MANY_FRAGMENTS("too many fragments"),
    /** Fragments disagree on where the datagram ends (two last fragments, or data past the last one). */
    INCONSISTENT_END("inconsistent end"),
    /** The datagram or stream waited longer than the timeout, in capture time. */
    TIMEOUT("timeout"),
    /** Evicted to stay under a limit (datagrams or connections in progress, memory). */
    EVICTED("evicted"),
    /** Abandoned because fragments overlapped under drop-on-overlap (RFC 5722). */
    DROPPED_ON_OVERLAP("dropped on overlap"),
    /** A TCP gap: bytes never seen, replaced by an explicit gap marker. */
    GAP("gap"),
    /** Bytes left out to stay under a buffer cap (out-of-order queue, connection or global bytes). */
    TRUNCATED("truncated");

    public final String label;

    Anomaly(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }

    /** The anomalies counted at least once, with their counts ({@code counts} indexed by ordinal). */
    static java.util.Map<Anomaly, Long> counted(long[] counts) {
        java.util.Map<Anomaly, Long> m = new java.util.EnumMap<>(Anomaly.class);
        for (Anomaly a : values()) if (counts[a.ordinal()] > 0) m.put(a, counts[a.ordinal()]);
        return m;
    }
}
