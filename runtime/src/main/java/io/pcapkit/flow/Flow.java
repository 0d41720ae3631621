package io.pcapkit.flow;

import io.pcapkit.capture.Timestamp;
import io.pcapkit.reassembly.Anomaly;
import io.pcapkit.reassembly.Endpoints;
import io.pcapkit.reassembly.TcpConnection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * One flow: a TCP connection (from its SYN, or its first packet, to the FIN/FIN/ACK exchange, a
 * RST, the idle timeout, or a SYN that starts a new connection on the same ports), or the UDP
 * datagrams between two sockets until the idle timeout. Ids count from 0 in the order of each
 * flow's first packet, TCP and UDP separately, as tshark's tcp.stream and udp.stream. A is the
 * source of the first packet; direction 0 is A to B. Packets and bytes are counted as tshark's
 * conversation table counts them: every frame, its length on the wire.
 */
public final class Flow {
    /** Why a flow ended. */
    public enum End {
        /** Still open when the input ended. */
        END_OF_INPUT("end of input"),
        /** No packet for longer than the idle timeout. */
        TIMEOUT("timeout"),
        /** Ended to stay under the limit on open flows (the least recently active goes first). */
        EVICTED("evicted"),
        /** A SYN started a new connection on the same addresses and ports. */
        REUSED("reused");

        public final String label;

        End(String label) {
            this.label = label;
        }
    }

    final FlowKey key;
    final long id;
    final long serial;
    /** whether A is the key's lower end */
    final boolean aIsLow;
    final Endpoints endpoints;
    final Timestamp first = new Timestamp();
    final Timestamp last = new Timestamp();
    long firstNanos;
    long lastNanos;
    final long[] packets = new long[2];
    final long[] bytes = new long[2];
    final FrameList frames = new FrameList();
    // TCP state
    final boolean[] based = new boolean[2];
    final long[] baseSeq = new long[2];
    final boolean[] syn = new boolean[2];
    final boolean[] fin = new boolean[2];
    boolean rst;
    TcpConnection tcp;
    End end;
    final List<String> files = new ArrayList<>(1);

    Flow(FlowKey key, long id, long serial) {
        this.key = key;
        this.id = id;
        this.serial = serial;
        this.aIsLow = key.forward;
        this.endpoints = new Endpoints(key.address(aIsLow), aIsLow ? key.loPort : key.hiPort, key.address(!aIsLow),
                aIsLow ? key.hiPort : key.loPort);
    }

    public long id() {
        return id;
    }

    /** {@code TCP} or {@code UDP}. */
    public String protocol() {
        return key.protocol == 6 ? "TCP" : "UDP";
    }

    public boolean isTcp() {
        return key.protocol == 6;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public Timestamp firstTime() {
        return first;
    }

    public Timestamp lastTime() {
        return last;
    }

    /** Frames sent in direction {@code dir} (0: A to B, 1: B to A). */
    public long packets(int dir) {
        return packets[dir];
    }

    /** Bytes on the wire (frame.len) sent in direction {@code dir}. */
    public long bytes(int dir) {
        return bytes[dir];
    }

    public long packets() {
        return packets[0] + packets[1];
    }

    public long bytes() {
        return bytes[0] + bytes[1];
    }

    public long[] frames() {
        return frames.toArray();
    }

    FrameList frameList() {
        return frames;
    }

    /**
     * The TCP state as seen: {@code reset} (a RST), {@code closed} (a FIN each way),
     * {@code half-closed} (a FIN one way), {@code established} (SYNs both ways), {@code syn-sent}
     * (a SYN one way), {@code open} (data without a SYN seen); UDP flows are {@code open}.
     */
    public String state() {
        if (!isTcp()) return "open";
        if (rst) return "reset";
        if (fin[0] && fin[1]) return "closed";
        if (fin[0] || fin[1]) return "half-closed";
        if (syn[0] && syn[1]) return "established";
        if (syn[0] || syn[1]) return "syn-sent";
        return "open";
    }

    /** Why the flow ended, or null while it is open. */
    public End end() {
        return end;
    }

    /** The TCP streams, when TCP reassembly is on. */
    public TcpConnection tcp() {
        return tcp;
    }

    public Set<Anomaly> anomalies() {
        return tcp == null ? Set.of() : Collections.unmodifiableSet(tcp.anomalies());
    }

    /** The per-flow files written (a flow continues in a new part when its file had to be closed), relative to the output folder. */
    public List<String> files() {
        return Collections.unmodifiableList(files);
    }

    @Override
    public String toString() {
        return protocol() + " flow " + id + " " + endpoints + " " + packets() + " packets " + bytes() + " bytes " + state();
    }
}
