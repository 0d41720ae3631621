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
    // counts per direction as fields, not arrays: a summary is filled for every ended flow (a
    // flood's every packet), one object to write instead of five
    long packets0;
    long packets1;
    long bytes0;
    long bytes1;
    /** whether TCP streams were kept (then the stream byte counts are in the entry) */
    boolean streams;
    long delivered0;
    long delivered1;
    long missing0;
    long missing1;
    /** the TCP state, an index into {@link Flow#STATES} (a number: no reference for the collector to track) */
    int state;
    /** why the flow ended, a {@link Flow.End} ordinal */
    int endedBy;
    /** the connection's anomalies, a bit per {@link Anomaly#ordinal()} (fewer than 64 kinds) */
    long anomalies;
    final FrameNumbers frames = new FrameNumbers();
    /** the per-flow files, or null when none */
    String[] files;

    /** The first ({@code k} 0) or last (1) time's seconds, fraction and fraction digits. */
    long seconds(int k) {
        return k == 0 ? firstSeconds : lastSeconds;
    }

    long fraction(int k) {
        return k == 0 ? firstFraction : lastFraction;
    }

    int digits(int k) {
        return k == 0 ? firstDigits : lastDigits;
    }

    /** Per direction ({@code dir} 0: a to b): packets, frame bytes, stream bytes delivered and missing. */
    long packets(int dir) {
        return dir == 0 ? packets0 : packets1;
    }

    long bytes(int dir) {
        return dir == 0 ? bytes0 : bytes1;
    }

    long delivered(int dir) {
        return dir == 0 ? delivered0 : delivered1;
    }

    long missing(int dir) {
        return dir == 0 ? missing0 : missing1;
    }

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
        packets0 = f.packets0;
        packets1 = f.packets1;
        bytes0 = f.bytes0;
        bytes1 = f.bytes1;
        TcpConnection tcp = f.tcp();
        streams = tcp != null;
        anomalies = 0;
        if (tcp != null) {
            delivered0 = tcp.delivered(0);
            delivered1 = tcp.delivered(1);
            missing0 = tcp.missing(0);
            missing1 = tcp.missing(1);
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
