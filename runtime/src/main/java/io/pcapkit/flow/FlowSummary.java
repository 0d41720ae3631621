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
    // pairs as arrays made once per summary (summaries are reused, so a flood's every ended flow
    // writes into them, allocating nothing): [0] the first time or direction a to b, [1] the last
    // time or b to a, so that the index writes each pair with one loop
    final long[] seconds = new long[2];
    final long[] fraction = new long[2];
    final int[] digits = new int[2];
    final long[] packets = new long[2];
    final long[] bytes = new long[2];
    /** whether TCP streams were kept (then the stream byte counts are in the entry) */
    boolean streams;
    final long[] delivered = new long[2];
    final long[] missing = new long[2];
    /** the TCP state, an index into {@link Flow#STATES} (a number: no reference for the collector to track) */
    int state;
    /** why the flow ended, a {@link Flow.End} ordinal */
    int endedBy;
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
        seconds[0] = f.firstSeconds;
        fraction[0] = f.firstFraction;
        digits[0] = f.firstDigits;
        seconds[1] = f.lastSeconds;
        fraction[1] = f.lastFraction;
        digits[1] = f.lastDigits;
        packets[0] = f.packets0;
        packets[1] = f.packets1;
        bytes[0] = f.bytes0;
        bytes[1] = f.bytes1;
        TcpConnection tcp = f.tcp();
        streams = tcp != null;
        anomalies = 0;
        if (tcp != null) {
            for (int dir = 0; dir < 2; dir++) {
                delivered[dir] = tcp.delivered(dir);
                missing[dir] = tcp.missing(dir);
            }
            for (Anomaly a : tcp.anomalies()) anomalies |= 1L << a.ordinal();
        }
        state = f.stateCode();
        Flow.End end = f.end();
        endedBy = (end == null ? Flow.End.END_OF_INPUT : end).ordinal();
        f.copyFrames(frames);
        List<String> names = f.files;
        files = names == null || names.isEmpty() ? null : names.toArray(new String[0]);
        return this;
    }
}
