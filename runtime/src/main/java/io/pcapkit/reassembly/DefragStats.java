package io.pcapkit.reassembly;

import java.util.Map;

/** Counts of one defragmenter's run: fragments seen, datagrams by how they ended, anomalies, peaks. */
public final class DefragStats {
    long fragments;
    long completed;
    long timedOut;
    long evicted;
    long dropped;
    long incompleteAtEnd;
    long peakDatagrams;
    long peakMemory;
    final long[] anomalies = new long[Anomaly.values().length];

    /** Fragments offered (duplicates included). */
    public long fragments() {
        return fragments;
    }

    public long completed() {
        return completed;
    }

    public long timedOut() {
        return timedOut;
    }

    /** Datagrams evicted to stay under the limits on datagrams in progress or memory. */
    public long evicted() {
        return evicted;
    }

    /** Datagrams abandoned (drop-on-overlap, oversize, too many fragments, inconsistent end). */
    public long dropped() {
        return dropped;
    }

    public long incompleteAtEnd() {
        return incompleteAtEnd;
    }

    /** The most datagrams in progress at once. */
    public long peakDatagrams() {
        return peakDatagrams;
    }

    /** The most memory held at once, as the memory cap counts it. */
    public long peakMemory() {
        return peakMemory;
    }

    /** Datagrams on which each anomaly was seen (each counted once per datagram). */
    public Map<Anomaly, Long> anomalies() {
        return Anomaly.counted(anomalies);
    }

    @Override
    public String toString() {
        return "fragments " + fragments + ", completed " + completed + ", timed out " + timedOut + ", evicted " + evicted + ", dropped "
                + dropped + ", incomplete at end " + incompleteAtEnd + ", peak datagrams " + peakDatagrams + ", peak memory " + peakMemory
                + (anomalies().isEmpty() ? "" : ", anomalies " + anomalies());
    }
}
