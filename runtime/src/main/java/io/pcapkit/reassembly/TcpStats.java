package io.pcapkit.reassembly;

import java.util.Map;

/** Counts of a TCP reassembly run. */
public final class TcpStats {
    long connections;
    long deliveredBytes;
    long retransmissions;
    long outOfOrder;
    long conflicts;
    long uncomparedBytes;
    long gaps;
    long missingBytes;
    long droppedBytes;
    long relieved;
    long reliefVisits;
    long peakBytes;
    final long[] anomalies = new long[Anomaly.values().length];

    public long connections() {
        return connections;
    }

    /** Bytes delivered in order over all connections and directions. */
    public long deliveredBytes() {
        return deliveredBytes;
    }

    /** Segments whose bytes had all been delivered already. */
    public long retransmissions() {
        return retransmissions;
    }

    /** Segments that arrived ahead of a hole and waited. */
    public long outOfOrder() {
        return outOfOrder;
    }

    /** Overlaps whose bytes differed from those received first. */
    public long conflicts() {
        return conflicts;
    }

    /**
     * Re-sent bytes that could not be compared with those delivered first: further back than the
     * retained bytes, or overwritten in the shared ring by newer traffic.
     */
    public long uncomparedBytes() {
        return uncomparedBytes;
    }

    /** Explicit gaps, and the bytes they stand for. */
    public long gaps() {
        return gaps;
    }

    public long missingBytes() {
        return missingBytes;
    }

    /** Bytes left out because they did not fit under a cap. */
    public long droppedBytes() {
        return droppedBytes;
    }

    /** Times connections were made to hand on their buffers because the bytes over all connections hit the cap. */
    public long relieved() {
        return relieved;
    }

    /**
     * Connections relief looked at, over the run: each one it looks at holds bytes and hands them
     * on, so this grows with the bytes freed, not with the connections open (the work is linear in
     * the input, however many connections a flood keeps open).
     */
    public long reliefVisits() {
        return reliefVisits;
    }

    /** The most bytes held at once over all connections. */
    public long peakBytes() {
        return peakBytes;
    }

    /** Connections on which each anomaly was seen (once per connection). */
    public Map<Anomaly, Long> anomalies() {
        return Anomaly.counted(anomalies);
    }

    @Override
    public String toString() {
        return "connections " + connections + ", delivered " + deliveredBytes + " bytes, retransmissions " + retransmissions
                + ", out of order " + outOfOrder + ", conflicts " + conflicts + " (" + uncomparedBytes + " bytes not compared), gaps " + gaps + " (" + missingBytes + " bytes), dropped "
                + droppedBytes + " bytes, peak " + peakBytes + " bytes" + (anomalies().isEmpty() ? "" : ", anomalies " + anomalies());
    }
}
