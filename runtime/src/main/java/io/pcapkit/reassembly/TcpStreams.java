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

    /** Whether any listener hears the streams. */
    public boolean heard() {
        return listeners.length > 0;
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
        TcpConnection c = pool.take();
        return opened(c != null ? c.reuse(id, endpoints) : new TcpConnection(this, id, endpoints));
    }

    /**
     * As {@link #open(long, Supplier)}, reusing {@code kept}, a connection of these streams that
     * the caller kept after it closed, when it may be reused ({@link #reusable}): a flow reused
     * for a new one brings its own connection, with no pool between them.
     */
    public TcpConnection reopen(TcpConnection kept, long id, Supplier<Endpoints> endpoints) {
        if (kept == null || !reusable(kept)) return open(id, endpoints);
        return opened(kept.reuse(id, endpoints));
    }

    private TcpConnection opened(TcpConnection c) {
        c.prev = tail;
        if (tail != null) tail.next = c;
        else head = c;
        tail = c;
        openCount++;
        stats.connections++;
        return c;
    }

    // closed connections for reuse (ReassemblyLimits.FLOW_RECYCLED)
    private final Recycler<TcpConnection> pool = new Recycler<>(ReassemblyLimits.FLOW_RECYCLED);

    /** Whether a closed connection may be reused: no listener holds on to connections. */
    public boolean recycles() {
        for (StreamListener l : listeners) if (l.keepsConnections()) return false;
        return true;
    }

    /**
     * Takes back closed connection {@code c} for reuse by a later {@link #open}; the caller, who made
     * it, lets go of it. Returns false (and keeps nothing) when it is open, when a listener may hold
     * on to it, or when enough wait already.
     */
    public boolean recycle(TcpConnection c) {
        return reusable(c) && pool.give(c);
    }

    /** Whether closed connection {@code c} of these streams may be reused: closed, and no listener may hold on to it. */
    public boolean reusable(TcpConnection c) {
        return c.isClosed() && c.owner() == this && recycles();
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

    // ---- the delivered-bytes ring (ReassemblyLimits.TCP_DELIVERED_RING_BYTES) ----
    /** Grows by doubling from {@link #RING_START_BYTES}, so that a small capture allocates little. */
    private static final int RING_START_BYTES = 1 << 20;
    private byte[] ring;
    /** Bytes ever put: the absolute position of the next one. */
    private long ringWritten;

    /** Bytes before a chunk's data: its stream offset, the previous chunk's position, its length. */
    private static final int CHUNK_HEADER = 20;
    private final ByteBuffer header = ByteBuffer.allocate(CHUNK_HEADER);
    private final byte[] headerRead = new byte[CHUNK_HEADER];
    private final ByteBuffer headerView = ByteBuffer.wrap(headerRead);

    /**
     * Puts a chunk of delivered bytes in the ring: a header (stream offset {@code streamStart},
     * the position of the direction's previous chunk or -1, the length), then the bytes. Returns
     * the chunk's position.
     */
    long putChunk(long streamStart, long previous, ByteBuffer b, int off, int len) {
        int max = ringCapacity();
        if (ring == null) ring = new byte[Math.min(max, RING_START_BYTES)];
        while (ring.length < max && ringWritten + CHUNK_HEADER + len > ring.length) growRing();
        long at = ringWritten;
        header.putLong(0, streamStart).putLong(8, previous).putInt(16, len);
        put(header, 0, CHUNK_HEADER);
        put(b, off, len);
        return at;
    }

    /** Whether the chunk at {@code at} (header and bytes) is still in the ring. */
    boolean ringHeld(long at) {
        return at >= ringOldest();
    }

    private ByteBuffer readHeader(long at) {
        int p = (int) (at % ring.length);
        int first = Math.min(CHUNK_HEADER, ring.length - p);
        System.arraycopy(ring, p, headerRead, 0, first);
        if (first < CHUNK_HEADER) System.arraycopy(ring, 0, headerRead, first, CHUNK_HEADER - first);
        return headerView;
    }

    long chunkStart(long at) {
        return readHeader(at).getLong(0);
    }

    long chunkPrevious(long at) {
        return readHeader(at).getLong(8);
    }

    int chunkLength(long at) {
        return readHeader(at).getInt(16);
    }

    /** Where the chunk's bytes start. */
    long chunkData(long at) {
        return at + CHUNK_HEADER;
    }

    private void put(ByteBuffer b, int off, int len) {
        int p = (int) (ringWritten % ring.length);
        int first = Math.min(len, ring.length - p);
        b.get(off, ring, p, first);
        if (first < len) b.get(off + first, ring, 0, len - first);
        ringWritten += len;
    }

    /**
     * The ring's size: {@code deliveredRingBytes}, but at most an eighth of the cap on bytes held
     * over all connections (so that a small cap, for a small heap, keeps a small ring), and at least 1 KiB.
     */
    int ringCapacity() {
        return (int) Math.max(1024, Math.min(options.deliveredRingBytes, options.maxTotalBytes / 8));
    }

    /** Doubles the ring, its bytes kept at their absolute positions. */
    private void growRing() {
        byte[] old = ring;
        byte[] grown = new byte[(int) Math.min(ringCapacity(), old.length * 2L)];
        for (long at = Math.max(0, ringWritten - old.length); at < ringWritten; ) {
            int from = (int) (at % old.length);
            int to = (int) (at % grown.length);
            int n = (int) Math.min(ringWritten - at, Math.min(old.length - from, grown.length - to));
            System.arraycopy(old, from, grown, to, n);
            at += n;
        }
        ring = grown;
    }

    /** The oldest absolute position the ring still holds. */
    long ringOldest() {
        return ring == null ? ringWritten : Math.max(0, ringWritten - ring.length);
    }

    /** Whether the {@code n} ring bytes from {@code at} (still held) equal {@code b}'s from {@code off}. */
    boolean ringEquals(long at, ByteBuffer b, int off, int n) {
        int p = (int) (at % ring.length);
        for (int i = 0; i < n; i++) {
            if (ring[p] != b.get(off + i)) return false;
            if (++p == ring.length) p = 0;
        }
        return true;
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
