package io.pcapkit.flow;

import io.pcapkit.capture.Timestamp;
import io.pcapkit.reassembly.Anomaly;
import io.pcapkit.reassembly.Endpoints;
import io.pcapkit.reassembly.TcpConnection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One flow: a TCP connection (from its SYN, or its first packet, to the FIN/FIN/ACK exchange, a
 * RST, the idle timeout, or a SYN that starts a new connection on the same ports), or the UDP
 * datagrams between two sockets until the idle timeout. Ids count from 0 in the order of each
 * flow's first packet, TCP and UDP separately, as tshark's tcp.stream and udp.stream. A is the
 * source of the first packet; direction 0 is A to B. Packets and bytes are counted as tshark's
 * conversation table counts them: every frame, its length on the wire.
 *
 * <p>Kept small (a capture may hold millions of flows): counters are fields, the frame numbers
 * are variable-length deltas, endpoints and times are built when asked for.
 */
public final class Flow extends FlowKey implements Supplier<Endpoints> {
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

    // TCP flags seen, per direction (bit 0: A to B, bit 1: B to A)
    private static final int BASED = 0;
    private static final int SYN = 2;
    private static final int FIN = 4;
    private static final int RST = 6;
    /** the first segment seen that way was a SYN (its stream starts one past its sequence number) */
    private static final int BASE_SYN = 8;

    long id;
    long serial;
    /** whether A is the key's lower end */
    boolean aIsLow;
    private Endpoints endpoints;
    long firstSeconds;
    long firstFraction;
    int firstDigits;
    long lastSeconds;
    long lastFraction;
    int lastDigits;
    long lastNanos;
    long packets0;
    long packets1;
    long bytes0;
    long bytes1;
    // frame numbers: the first, then variable-length deltas (made on the second frame). The newest
    // delta bytes wait in pending, inside the flow that each packet touches anyway, and move to
    // frameData eight at a time: a write per packet to that array was a memory miss per packet.
    private long firstFrame;
    private byte[] frameData;
    private int frameLen;
    private long pending;
    private int pendingLen;
    private int frameCount;
    private long lastFrame;
    // TCP
    private int tcpFlags;
    long baseSeq0;
    long baseSeq1;
    /**
     * The flow's TCP streams, kept when the flow is reused: a reused flow reopens the same closed
     * connection, so that neither reference is written again (see {@link #streams}).
     */
    private TcpConnection tcp;
    /** whether {@link #tcp} holds this flow's streams (not a connection kept from the flow's last use) */
    private boolean streaming;
    /** why it ended, an {@link End} ordinal, or -1 while open (a number: an enum reference written into an old flow costs the collector a card) */
    private byte endCode = -1;
    List<String> files;
    /** the flow's per-flow file while a trace writes one ({@link TraceWriter}), or null */
    FlowFile file;

    /** the flow's number in the open flows' table, or -1 when it is not open ({@link FlowTable}) */
    int tableIndex = -1;

    Flow(FlowKey key, long id, long serial) {
        reuse(key, id, serial);
    }

    /** Makes this a new flow (every field as a new one has it): flows ended and let go are recycled. */
    void reuse(FlowKey key, long id, long serial) {
        copyFrom(key);
        this.id = id;
        this.serial = serial;
        this.aIsLow = key.forward;
        endpoints = null;
        firstSeconds = firstFraction = lastSeconds = lastFraction = lastNanos = 0;
        firstDigits = lastDigits = 0;
        packets0 = packets1 = bytes0 = bytes1 = 0;
        firstFrame = pending = lastFrame = 0;
        frameLen = pendingLen = frameCount = 0;
        if (frameData != null && frameData.length > 64) frameData = null; // a small one is kept: most flows are short
        tcpFlags = 0;
        baseSeq0 = baseSeq1 = 0;
        streaming = false;
        endCode = -1;
        files = null;
        file = null;
    }

    /** Flows are themselves (two connections on the same ports are two flows). */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    public long id() {
        return id;
    }

    /** The chain token of the transport of the flow's first packet: {@code TCP}, {@code UDP}, {@code UDPLite}. */
    public String protocol() {
        return transportName();
    }

    /** Whether the flow is a byte stream's, numbered as tshark's tcp.stream (else a datagram flow, udp.stream). */
    public boolean isTcp() {
        return protocol == BYTE_STREAM;
    }

    public Endpoints endpoints() {
        if (endpoints == null) {
            endpoints = new Endpoints(address(aIsLow), aIsLow ? loPort : hiPort, address(!aIsLow), aIsLow ? hiPort : loPort);
        }
        return endpoints;
    }

    /** The endpoints (for the TCP streams, which build them only when they report). */
    @Override
    public Endpoints get() {
        return endpoints();
    }

    public Timestamp firstTime() {
        Timestamp t = new Timestamp();
        t.set(firstSeconds, firstFraction, firstDigits);
        return t;
    }

    public Timestamp lastTime() {
        Timestamp t = new Timestamp();
        t.set(lastSeconds, lastFraction, lastDigits);
        return t;
    }

    /** Frames sent in direction {@code dir} (0: A to B, 1: B to A). */
    public long packets(int dir) {
        return dir == 0 ? packets0 : packets1;
    }

    /** Bytes on the wire (frame.len) sent in direction {@code dir}. */
    public long bytes(int dir) {
        return dir == 0 ? bytes0 : bytes1;
    }

    public long packets() {
        return packets0 + packets1;
    }

    public long bytes() {
        return bytes0 + bytes1;
    }

    void count(int dir, long frameLength, long frame, Timestamp t, long nanos) {
        if (dir == 0) {
            packets0++;
            bytes0 += frameLength;
        } else {
            packets1++;
            bytes1 += frameLength;
        }
        addFrame(frame);
        lastSeconds = t.seconds;
        lastFraction = t.fraction;
        lastDigits = t.digits;
        if (nanos > lastNanos) lastNanos = nanos;
    }

    private void addFrame(long frame) {
        if (frameCount > 0 && frame <= lastFrame) return;
        if (frameCount == 0) {
            firstFrame = lastFrame = frame;
            frameCount = 1;
            return;
        }
        long d = frame - lastFrame;
        lastFrame = frame;
        frameCount++;
        while ((d & ~0x7FL) != 0) {
            pend((d & 0x7F) | 0x80);
            d >>>= 7;
        }
        pend(d);
    }

    private void pend(long b) {
        pending |= b << (8 * pendingLen);
        if (++pendingLen == 8) settle();
    }

    /** Moves the pending delta bytes to {@link #frameData}. */
    private void settle() {
        if (pendingLen == 0) return;
        if (frameData == null) frameData = new byte[16];
        if (frameLen + 8 > frameData.length) frameData = Arrays.copyOf(frameData, frameData.length * 2);
        for (int i = 0; i < pendingLen; i++) frameData[frameLen++] = (byte) (pending >>> (8 * i));
        pending = 0;
        pendingLen = 0;
    }

    /** The frame numbers in order. */
    public long[] frames() {
        long[] out = new long[frameCount];
        int[] i = {0};
        forEachFrame(v -> out[i[0]++] = v);
        return out;
    }

    public int frameCount() {
        return frameCount;
    }

    /** Visits the frame numbers in order. */
    public void forEachFrame(java.util.function.LongConsumer c) {
        settle();
        FrameNumbers.forEach(firstFrame, frameCount, frameData, c);
    }

    /** Copies the frame numbers into {@code n}. */
    void copyFrames(FrameNumbers n) {
        settle();
        n.set(firstFrame, frameCount, frameData, frameLen);
    }

    // ---- TCP state ----

    boolean based(int dir) {
        return (tcpFlags & (1 << (BASED + dir))) != 0;
    }

    long baseSeq(int dir) {
        return dir == 0 ? baseSeq0 : baseSeq1;
    }

    void tcp(int dir, long seq, int flags) {
        if (!based(dir)) {
            tcpFlags |= 1 << (BASED + dir);
            if (dir == 0) baseSeq0 = seq;
            else baseSeq1 = seq;
            if ((flags & TcpConnection.SYN) != 0) tcpFlags |= 1 << (BASE_SYN + dir);
        }
        if ((flags & TcpConnection.SYN) != 0) tcpFlags |= 1 << (SYN + dir);
        if ((flags & TcpConnection.FIN) != 0) tcpFlags |= 1 << (FIN + dir);
        if ((flags & TcpConnection.RST) != 0) tcpFlags |= 1 << RST;
    }

    /** Where direction {@code dir}'s stream starts, as the TCP streams would have based it on the flow's first segment that way. */
    long streamBase(int dir) {
        return (baseSeq(dir) + (has(BASE_SYN, dir) ? 1 : 0)) & 0xFFFFFFFFL;
    }

    private boolean has(int bit, int dir) {
        return (tcpFlags & (1 << (bit + dir))) != 0;
    }

    /**
     * The TCP state as seen: {@code reset} (a RST), {@code closed} (a FIN each way),
     * {@code half-closed} (a FIN one way), {@code established} (SYNs both ways), {@code syn-sent}
     * (a SYN one way), {@code open} (data without a SYN seen); UDP flows are {@code open}.
     */
    public String state() {
        return STATES[stateCode()];
    }

    /** The states {@link #state} names, by {@link #stateCode}. */
    static final String[] STATES = {"open", "reset", "closed", "half-closed", "established", "syn-sent"};

    /** {@link #state} as an index into {@link #STATES} (an index entry keeps the number, not the string). */
    int stateCode() {
        if (!isTcp()) return 0;
        if ((tcpFlags & (1 << RST)) != 0) return 1;
        if (has(FIN, 0) && has(FIN, 1)) return 2;
        if (has(FIN, 0) || has(FIN, 1)) return 3;
        if (has(SYN, 0) && has(SYN, 1)) return 4;
        if (has(SYN, 0) || has(SYN, 1)) return 5;
        return 0;
    }

    private static final End[] ENDS = End.values();

    /** Why the flow ended, or null while it is open. */
    public End end() {
        return endCode < 0 ? null : ENDS[endCode];
    }

    void ended(End why) {
        endCode = (byte) why.ordinal();
    }

    /** The TCP streams, when TCP reassembly is on. */
    public TcpConnection tcp() {
        return streaming ? tcp : null;
    }

    /** The connection kept from the flow's last use (closed), or null: the streams may reopen it. */
    TcpConnection keptConnection() {
        return streaming ? null : tcp;
    }

    /** {@code c} holds the flow's streams from now on. */
    TcpConnection streams(TcpConnection c) {
        if (tcp != c) tcp = c;
        streaming = true;
        return c;
    }

    public Set<Anomaly> anomalies() {
        TcpConnection c = tcp();
        return c == null ? Set.of() : Collections.unmodifiableSet(c.anomalies());
    }

    /** The per-flow files written (a flow continues in a new part when its file had to be closed), relative to the output folder. */
    public List<String> files() {
        return files == null ? List.of() : Collections.unmodifiableList(files);
    }

    void addFile(String name) {
        if (files == null) files = new ArrayList<>(1);
        files.add(name);
    }

    @Override
    public String toString() {
        return protocol() + " flow " + id + " " + endpoints() + " " + packets() + " packets " + bytes() + " bytes " + state();
    }
}
