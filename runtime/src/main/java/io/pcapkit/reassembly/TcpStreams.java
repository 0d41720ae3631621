package io.pcapkit.reassembly;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The TCP connections of one run: their options, the listeners that receive their streams, the
 * bytes they hold together (capped by {@link StreamOptions#maxTotalBytes}) and their counts.
 * Connections are made by whoever tracks flows ({@link #open}) and closed by them or by a FIN/RST.
 */
public final class TcpStreams {
    final StreamOptions options;
    /** an array, not a list: walked several times per segment without an iterator */
    StreamListener[] listeners = new StreamListener[0];
    final TcpStats stats = new TcpStats();
    // open connections, oldest first (the first to hand on their buffers when over the cap): a list
    // threaded through the connections, so opening and closing one costs no allocation
    private TcpConnection head;
    private TcpConnection tail;
    private int openCount;
    // connections that hold bytes, oldest holder first: relief walks only these, so a flood of
    // connections it has already relieved costs nothing per segment (it walked them all before)
    private TcpConnection firstHolder;
    private TcpConnection lastHolder;
    long total;

    public TcpStreams(StreamOptions options) {
        this.options = options.copy();
    }

    public StreamOptions options() {
        return options.copy();
    }

    /** Adds a listener; listeners hear each event in the order they were added. */
    public TcpStreams listen(StreamListener l) {
        listeners = java.util.Arrays.copyOf(listeners, listeners.length + 1);
        listeners[listeners.length - 1] = l;
        return this;
    }

    public TcpStats stats() {
        return stats;
    }

    /** Bytes held over all connections. */
    public long held() {
        return total;
    }

    public int openConnections() {
        return openCount;
    }

    /** A new connection, flow id {@code id}. */
    public TcpConnection open(long id, Endpoints endpoints) {
        return open(id, () -> endpoints);
    }

    /** A new connection, flow id {@code id}, whose endpoints are built only if a listener asks for them. */
    public TcpConnection open(long id, Supplier<Endpoints> endpoints) {
        TcpConnection c = new TcpConnection(this, id, endpoints);
        c.prev = tail;
        if (tail != null) tail.next = c;
        else head = c;
        tail = c;
        openCount++;
        stats.connections++;
        return c;
    }

    void closed(TcpConnection c) {
        if (c.prev != null) c.prev.next = c.next;
        else head = c.next;
        if (c.next != null) c.next.prev = c.prev;
        else tail = c.prev;
        c.prev = c.next = null;
        openCount--;
    }

    private List<TcpConnection> snapshot() {
        List<TcpConnection> out = new ArrayList<>(openCount);
        for (TcpConnection c = head; c != null; c = c.next) out.add(c);
        return out;
    }

    // ---- kept-byte arrays of ended connections, reused (ReassemblyLimits.TCP_TAIL_POOL) ----
    private final java.util.ArrayDeque<byte[]> tails = new java.util.ArrayDeque<>();

    /** A kept-bytes array of {@code size} bytes: a pooled one when it has the full size. */
    byte[] takeTail(int size) {
        if (size == options.retainedBytes && !tails.isEmpty()) return tails.pop();
        return new byte[size];
    }

    /** An array a connection no longer needs: full-size ones are pooled, up to the pool's limit. */
    void giveTail(byte[] t) {
        if (t != null && t.length == options.retainedBytes && tails.size() < ReassemblyLimits.TCP_TAIL_POOL) tails.push(t);
    }

    // ---- the first-segment ring (ReassemblyLimits.TCP_FIRST_SEGMENT_RING_BYTES) ----
    private byte[] ring;
    private long ringWritten;

    /** Whether a first segment of {@code len} bytes goes into the ring (one far smaller than the ring). */
    boolean ringTakes(int len) {
        return len <= ReassemblyLimits.TCP_FIRST_SEGMENT_RING_BYTES / 64;
    }

    /** Copies {@code [off, off + len)} of {@code b} into the ring; returns where (an absolute position). */
    long ringPut(ByteBuffer b, int off, int len) {
        if (ring == null) ring = new byte[ReassemblyLimits.TCP_FIRST_SEGMENT_RING_BYTES];
        long at = ringWritten;
        int p = (int) (at % ring.length);
        int first = Math.min(len, ring.length - p);
        b.get(off, ring, p, first);
        if (first < len) b.get(off + first, ring, 0, len - first);
        ringWritten += len;
        return at;
    }

    /** Whether the {@code len} bytes put at {@code at} are still in the ring. */
    boolean ringHolds(long at, int len) {
        return ring != null && ringWritten - at <= ring.length;
    }

    byte ringByte(long at) {
        return ring[(int) (at % ring.length)];
    }

    /** Copies {@code n} ring bytes from {@code at} into {@code dst}. */
    void ringGet(long at, byte[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) dst[dOff + i] = ringByte(at + i);
    }

    void charge(long n) {
        total += n;
        if (total > stats.peakBytes) stats.peakBytes = total;
    }

    /** {@code c} holds bytes now: it joins the end of the holders. */
    void holds(TcpConnection c) {
        c.holding = true;
        c.prevHolder = lastHolder;
        c.nextHolder = null;
        if (lastHolder != null) lastHolder.nextHolder = c;
        else firstHolder = c;
        lastHolder = c;
    }

    /** {@code c} holds nothing any more: it leaves the holders. */
    void holdsNothing(TcpConnection c) {
        c.holding = false;
        if (c.prevHolder != null) c.prevHolder.nextHolder = c.nextHolder;
        else firstHolder = c.nextHolder;
        if (c.nextHolder != null) c.nextHolder.prevHolder = c.prevHolder;
        else lastHolder = c.prevHolder;
        c.prevHolder = c.nextHolder = null;
    }

    /**
     * Over the cap: the connections that have held bytes longest hand on what they hold until the
     * total fits again. Only holders are walked (a relieved connection leaves them), so relief
     * costs what it frees, not the number of connections open.
     */
    void relieve(TcpConnection current, long frame) {
        stats.relieved++;
        for (TcpConnection c = firstHolder; c != null && total > options.maxTotalBytes;) {
            TcpConnection next = c.nextHolder;
            stats.reliefVisits++;
            c.release(frame);
            c = next;
        }
    }

    /** The input ended: every open connection closes (waiting data delivered after gaps). */
    public void finish(long frame) {
        for (TcpConnection c : snapshot()) c.close(frame);
    }
}
