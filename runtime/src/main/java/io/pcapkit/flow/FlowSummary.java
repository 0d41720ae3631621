package io.pcapkit.flow;

import io.pcapkit.reassembly.Anomaly;
import io.pcapkit.reassembly.TcpConnection;
import java.util.List;

/**
 * What an index entry says of an ended flow, copied from it when it ends: the flow (and its
 * connection) is then reused at once, while the entry is written later, on the index's own thread.
 * Reused too: a summary goes back to the main thread once its entry is written.
 */
final class FlowSummary extends FlowKey {
    long id;
    long serial;
    boolean aIsLow;
    long firstSeconds;
    long firstFraction;
    int firstDigits;
    long lastSeconds;
    long lastFraction;
    int lastDigits;
    final long[] packets = new long[2];
    final long[] bytes = new long[2];
    /** whether TCP streams were kept (then the stream byte counts are in the entry) */
    boolean streams;
    final long[] delivered = new long[2];
    final long[] missing = new long[2];
    String state;
    String endedBy;
    /** the connection's anomalies, a bit per {@link Anomaly#ordinal()} (fewer than 64 kinds) */
    long anomalies;
    final FrameNumbers frames = new FrameNumbers();
    /** the per-flow files, or null when none */
    String[] files;

    /** Takes what the index says of ended flow {@code f}. */
    FlowSummary of(Flow f) {
        copyFrom(f);
        id = f.id;
        serial = f.serial;
        aIsLow = f.aIsLow;
        firstSeconds = f.firstSeconds;
        firstFraction = f.firstFraction;
        firstDigits = f.firstDigits;
        lastSeconds = f.lastSeconds;
        lastFraction = f.lastFraction;
        lastDigits = f.lastDigits;
        for (int d = 0; d < 2; d++) {
            packets[d] = f.packets(d);
            bytes[d] = f.bytes(d);
        }
        TcpConnection tcp = f.tcp;
        streams = tcp != null;
        anomalies = 0;
        if (tcp != null) {
            for (int d = 0; d < 2; d++) {
                delivered[d] = tcp.delivered(d);
                missing[d] = tcp.missing(d);
            }
            for (Anomaly a : tcp.anomalies()) anomalies |= 1L << a.ordinal();
        }
        state = f.state();
        endedBy = (f.end == null ? Flow.End.END_OF_INPUT : f.end).label;
        f.copyFrames(frames);
        List<String> names = f.files;
        files = names == null || names.isEmpty() ? null : names.toArray(new String[0]);
        return this;
    }
}
