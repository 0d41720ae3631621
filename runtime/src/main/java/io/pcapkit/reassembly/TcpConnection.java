package io.pcapkit.reassembly;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The two byte streams of one TCP connection. Segments are placed by sequence number (32-bit,
 * wrapping, relative to the first sequence number seen in each direction, the SYN's when there is
 * one); in-order bytes go to the {@link StreamListener} at once, out-of-order segments wait, a
 * hole that the peer acknowledged past (or that a cap or the end of the connection forces) becomes
 * an explicit gap, and retransmitted bytes are compared with those kept and reported when they
 * differ. FIN and RST are noted; the streams close with their flow ({@link #close}), since
 * segments sent before a FIN or RST may be captured after it.
 *
 * <p>Bounded: out-of-order segments per direction, bytes per connection and over all connections
 * ({@link TcpStreams}); what does not fit is left out, counted and flagged. Not thread-safe.
 */
public final class TcpConnection {
    private final TcpStreams owner;
    // not final: a closed connection no listener keeps is reused (TcpStreams#recycle)
    private long id;
    private Supplier<Endpoints> endpoints;
    // made on the first segment each way: a one-sided connection needs only one
    private Direction d0;
    private Direction d1;
    /** null until the first anomaly: most connections have none */
    private EnumSet<Anomaly> anomalies;
    // the owner's list of open connections
    TcpConnection prev;
    TcpConnection next;
    // the owner's list of connections holding bytes, oldest holder first (those relief walks)
    TcpConnection prevHolder;
    TcpConnection nextHolder;
    boolean holding;
    private long held;
    private boolean closed;
    private boolean reset;
    /** State the listeners of this package keep per connection. */
    Object messages;
    Object app;

    TcpConnection(TcpStreams owner, long id, Supplier<Endpoints> endpoints) {
        this.owner = owner;
        this.id = id;
        this.endpoints = endpoints;
    }

    /** Makes this closed connection a new one (every field as a new one has it; its directions are kept and cleared). */
    TcpConnection reuse(long id, Supplier<Endpoints> endpoints) {
        this.id = id;
        // a flow reopening its own connection passes itself again: no reference written
        if (this.endpoints != endpoints) this.endpoints = endpoints;
        if (d0 != null) d0.clear();
        if (d1 != null) d1.clear();
        anomalies = null;
        prev = next = prevHolder = nextHolder = null;
        holding = false;
        held = 0;
        closed = false;
        reset = false;
        messages = null;
        app = null;
        return this;
    }

    TcpStreams owner() {
        return owner;
    }

    /** The flow id (tshark's tcp.stream). */
    public long id() {
        return id;
    }

    public Endpoints endpoints() {
        return endpoints.get();
    }

    public Set<Anomaly> anomalies() {
        return anomalies == null ? Set.of() : anomalies;
    }

    /** Bytes of direction {@code dir} delivered in order so far (gaps not included). */
    public long delivered(int dir) {
        Direction d = dir(dir);
        return d == null ? 0 : d.delivered;
    }

    /** Bytes of direction {@code dir} declared missing. */
    public long missing(int dir) {
        Direction d = dir(dir);
        return d == null ? 0 : d.missing;
    }

    /** Whether direction {@code dir} ended with a FIN (all its bytes delivered). */
    public boolean finished(int dir) {
        Direction d = dir(dir);
        return d != null && d.finDone;
    }

    public boolean isReset() {
        return reset;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Bytes this connection holds (out-of-order data, listeners' buffers; delivered bytes are in the shared ring). */
    public long held() {
        return held;
    }

    private Direction dir(int dir) {
        return dir == 0 ? d0 : d1;
    }

    void flag(Anomaly a) {
        if (anomalies == null) anomalies = EnumSet.noneOf(Anomaly.class);
        if (anomalies.add(a)) owner.stats.anomalies[a.ordinal()]++;
    }

    /** Counts {@code n} more (or fewer, when negative) bytes held for this connection. */
    void charge(long n) {
        held += n;
        owner.charge(n);
        if (held > 0 && !holding) owner.holds(this);
        else if (held <= 0 && holding) owner.holdsNothing(this);
    }

    /** Whether {@code n} more bytes fit under the connection's cap. */
    boolean fits(long n) {
        return held + n <= owner.options.maxConnectionBytes;
    }

    /**
     * Applies one segment sent in direction {@code dir}.
     *
     * @param seq, ack the header's sequence and acknowledgement numbers (unsigned 32 bits)
     */
    public void segment(int dir, long seq, long ack, int flags, ByteBuffer b, int off, int len, long frame) {
        if (closed) return;
        boolean syn = (flags & SYN) != 0;
        boolean fin = (flags & FIN) != 0;
        Direction d = dir(dir);
        if (d == null) {
            d = new Direction();
            if (dir == 0) d0 = d;
            else d1 = d;
        }
        if (!d.based) {
            d.based = true;
            // the SYN takes one sequence number before the first data byte
            d.base = syn ? (seq + 1) & 0xFFFFFFFFL : seq & 0xFFFFFFFFL;
        }
        long rel = d.relative(seq) + (syn ? 1 : 0);
        if (len > 0) place(dir, d, rel, b, off, len, frame);
        if (fin && !d.finSeen) {
            d.finSeen = true;
            d.finAt = rel + len;
        }
        // bytes the peer acknowledged past a hole in this direction's stream were lost in the capture
        if ((flags & ACK) != 0) {
            Direction o = dir(1 - dir);
            if (o != null && o.based && o.ooo != null && !o.ooo.isEmpty()) {
                long acked = o.relative(ack);
                if (acked >= o.ooo.firstKey() && acked > o.next) drain(1 - dir, o, o.ooo.firstKey(), frame);
            }
        }
        deliverInOrder(dir, d, frame);
        if (d.finSeen && !d.finDone && d.next >= d.finAt) d.finDone = true;
        for (StreamListener l : owner.listeners) l.segment(this, dir, frame);
        // a RST or the FINs do not close the streams: segments sent before them may still arrive
        // (tshark follows them too); the connection closes when its flow ends
        if ((flags & RST) != 0) reset = true;
        if (owner.total > owner.options.maxTotalBytes) owner.relieve(this, frame);
    }

    /**
     * The segment just applied ({@code seq}, {@code flags}) carried {@code length} bytes of which
     * the capture kept only those applied: the rest of its range is a gap now, so the segments
     * after it are in order (a header-only capture's next segment is not held for bytes that
     * never come).
     */
    public void lost(int dir, long seq, int flags, long length, long frame) {
        Direction d = dir(dir);
        if (closed || d == null || !d.based) return;
        long start = d.relative(seq) + ((flags & SYN) != 0 ? 1 : 0);
        // only a segment the stream reached: one held out of order leaves its hole to be filled
        if (d.next >= start && start + length > d.next) drain(dir, d, start + length, frame);
    }

    /**
     * Whether a segment with sequence number {@code seq} sent in direction {@code dir} starts at
     * the next byte that direction's stream expects (or is its first segment): its bytes are then
     * what a reader of the stream sees next, not a piece from further on that came out of order.
     */
    public boolean startsAtNext(int dir, long seq, int flags) {
        Direction d = dir(dir);
        if (d == null || !d.based) return true;
        return d.relative(seq) + ((flags & SYN) != 0 ? 1 : 0) == d.next;
    }

    /**
     * Sets where direction {@code dir}'s stream starts: the sequence number of its first data byte
     * (a SYN's plus one), for a connection made after its first segments were seen.
     */
    public void base(int dir, long seq) {
        Direction d = dir(dir);
        if (d == null) {
            d = new Direction();
            if (dir == 0) d0 = d;
            else d1 = d;
        }
        if (!d.based) {
            d.based = true;
            d.base = seq & 0xFFFFFFFFL;
        }
    }

    /** TCP flag bits as in the header's flags byte. */
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    private void place(int dir, Direction d, long start, ByteBuffer b, int off, int len, long frame) {
        long end = start + len;
        if (end <= d.next) {
            // all of it was delivered already: a retransmission
            owner.stats.retransmissions++;
            compareDelivered(d, start, end, b, off);
            flag(Anomaly.OVERLAP);
            return;
        }
        if (start < d.next) {
            long skip = d.next - start;
            compareDelivered(d, start, d.next, b, off);
            flag(Anomaly.OVERLAP);
            off += (int) skip;
            len -= (int) skip;
            start = d.next;
        }
        if (start == d.next && (d.ooo == null || d.ooo.isEmpty() || d.ooo.firstKey() >= start + len)) {
            deliver(dir, d, b, off, len, frame);
            return;
        }
        buffer(dir, d, start, b, off, len, frame);
    }

    /**
     * Compares re-sent bytes {@code [start, end)} with the delivered bytes still kept: the last
     * {@code retainedBytes} of the stream, as far as the chunks linked back through the shared ring
     * reach ({@link ReassemblyLimits#TCP_RETAINED_CHUNKS}) and the ring still holds them. What lies
     * further back is counted, not compared.
     */
    private void compareDelivered(Direction d, long start, long end, ByteBuffer b, int off) {
        long reach = Math.max(start, d.next - owner.options.retainedBytes);
        long compared = 0;
        long at = d.lastChunk;
        for (int hop = 0; at >= 0 && hop < ReassemblyLimits.TCP_RETAINED_CHUNKS && owner.ringHeld(at); hop++) {
            long cs = owner.chunkStart(at);
            long s = Math.max(reach, cs);
            long t = Math.min(end, cs + owner.chunkLength(at));
            if (s < t) {
                compared += t - s;
                if (!owner.ringEquals(owner.chunkData(at) + (s - cs), b, off + (int) (s - start), (int) (t - s))) {
                    flag(Anomaly.CONFLICTING_OVERLAP);
                    owner.stats.conflicts++;
                    return;
                }
            }
            if (cs <= reach) break;
            at = owner.chunkPrevious(at);
        }
        owner.stats.uncomparedBytes += (end - start) - compared;
    }

    /** Keeps an out-of-order segment; where it overlaps others the policy decides. */
    private void buffer(int dir, Direction d, long start, ByteBuffer b, int off, int len, long frame) {
        if (d.ooo == null) d.ooo = new TreeMap<>();
        owner.stats.outOfOrder++;
        long end = start + len;
        byte[] data = new byte[len];
        b.get(off, data);
        // pieces of the new segment that no buffered segment holds, or that it wins
        boolean last = owner.options.policy == OverlapPolicy.LAST;
        List<long[]> keep = new ArrayList<>();
        long cursor = start;
        Map.Entry<Long, Segment> floor = d.ooo.floorEntry(start);
        Long from = floor != null && floor.getValue().end() > start ? floor.getKey() : Long.valueOf(start);
        for (Map.Entry<Long, Segment> e : new ArrayList<>(d.ooo.tailMap(from, true).entrySet())) {
            Segment s = e.getValue();
            if (s.start >= end) break;
            long is = Math.max(s.start, start);
            long ie = Math.min(s.end(), end);
            if (is >= ie) continue;
            flag(Anomaly.OVERLAP);
            if (!Arrays.equals(data, (int) (is - start), (int) (ie - start), s.data, (int) (is - s.start), (int) (ie - s.start))) {
                flag(Anomaly.CONFLICTING_OVERLAP);
                owner.stats.conflicts++;
            }
            if (last) {
                // the new bytes replace the old ones: cut the old segment around them
                d.ooo.remove(e.getKey());
                d.oooBytes -= s.data.length;
                charge(-s.data.length);
                if (s.start < is) putSegment(d, new Segment(s.start, Arrays.copyOfRange(s.data, 0, (int) (is - s.start)), s.frame));
                if (ie < s.end()) putSegment(d, new Segment(ie, Arrays.copyOfRange(s.data, (int) (ie - s.start), s.data.length), s.frame));
            } else {
                if (cursor < is) keep.add(new long[] {cursor, is});
                cursor = Math.max(cursor, ie);
            }
        }
        if (last) {
            keep.clear();
            keep.add(new long[] {start, end});
        } else if (cursor < end) {
            keep.add(new long[] {cursor, end});
        }
        for (long[] k : keep) {
            int n = (int) (k[1] - k[0]);
            boolean full = d.ooo.size() >= owner.options.maxOutOfOrderSegments || !fits(n);
            if (full) {
                // make room: the hole before the first waiting segment becomes a gap
                if (!d.ooo.isEmpty()) drain(dir, d, d.ooo.firstKey(), frame);
                if (k[0] < d.next) continue;
                if (k[0] == d.next) {
                    deliver(dir, d, ByteBuffer.wrap(data), (int) (k[0] - start), n, frame);
                    continue;
                }
                if (!fits(n)) {
                    flag(Anomaly.TRUNCATED);
                    owner.stats.droppedBytes += n;
                    continue;
                }
            }
            byte[] piece = k[0] == start && k[1] == end ? data : Arrays.copyOfRange(data, (int) (k[0] - start), (int) (k[1] - start));
            putSegment(d, new Segment(k[0], piece, frame));
        }
    }

    private void putSegment(Direction d, Segment s) {
        d.ooo.put(s.start, s);
        d.oooBytes += s.data.length;
        charge(s.data.length);
    }

    /** Delivers waiting segments that are now in order. */
    private void deliverInOrder(int dir, Direction d, long frame) {
        if (d.ooo == null) return;
        while (!d.ooo.isEmpty()) {
            Segment s = d.ooo.firstEntry().getValue();
            if (s.start > d.next) return;
            d.ooo.pollFirstEntry();
            d.oooBytes -= s.data.length;
            charge(-s.data.length);
            if (s.end() <= d.next) continue;
            int skip = (int) (d.next - s.start);
            deliver(dir, d, ByteBuffer.wrap(s.data), skip, s.data.length - skip, s.frame);
        }
    }

    /** Declares the bytes missing up to {@code upTo} a gap, then delivers what is in order. */
    private void drain(int dir, Direction d, long upTo, long frame) {
        if (upTo > d.next) {
            long n = upTo - d.next;
            d.missing += n;
            d.next = upTo;
            owner.stats.gaps++;
            owner.stats.missingBytes += n;
            flag(Anomaly.GAP);
            for (StreamListener l : owner.listeners) l.gap(this, dir, n, frame);
        }
        deliverInOrder(dir, d, frame);
    }

    private void deliver(int dir, Direction d, ByteBuffer b, int off, int len, long frame) {
        if (len <= 0) return;
        long streamStart = d.next;
        d.next += len;
        d.delivered += len;
        owner.stats.deliveredBytes += len;
        keep(d, streamStart, b, off, len);
        for (StreamListener l : owner.listeners) l.data(this, dir, b, off, len, frame);
    }

    /**
     * Keeps the last delivered bytes, to compare retransmissions with: they go to the ring all
     * connections share as a chunk linked to the direction's previous one (sequential writes to one
     * buffer, where an array per direction scattered them over memory and kept the garbage
     * collector busy), and the direction notes only where its last chunk is.
     */
    private void keep(Direction d, long streamStart, ByteBuffer b, int off, int len) {
        int n = Math.min(len, Math.min(owner.options.retainedBytes, owner.ringCapacity() / 4));
        d.lastChunk = owner.putChunk(streamStart + len - n, d.lastChunk, b, off + len - n, n);
    }

    /**
     * Frees what can be freed: waiting segments are delivered after explicit gaps, listeners hand
     * on what they hold. Called when the bytes over all connections exceed their cap.
     */
    void release(long frame) {
        for (int dir = 0; dir < 2; dir++) {
            Direction d = dir(dir);
            if (d == null) continue;
            if (d.ooo != null) {
                while (!d.ooo.isEmpty()) drain(dir, d, d.ooo.firstKey(), frame);
            }
        }
        for (StreamListener l : owner.listeners) l.release(this);
    }

    /**
     * The connection ends (FIN both ways, RST, timeout, eviction, end of input): what still waits
     * out of order is delivered after explicit gaps, then the listeners hear it closed.
     */
    public void close(long frame) {
        if (closed) return;
        for (int dir = 0; dir < 2; dir++) {
            Direction d = dir(dir);
            if (d != null && d.ooo != null) {
                while (!d.ooo.isEmpty()) drain(dir, d, d.ooo.firstKey(), frame);
            }
        }
        closed = true;
        for (StreamListener l : owner.listeners) l.closed(this);
        if (d0 != null) d0.ooo = null;
        if (d1 != null) d1.ooo = null;
        charge(-held);
        owner.closed(this);
    }

    /** A segment waiting out of order: its data starts at {@code start} (relative to the direction's base). */
    private record Segment(long start, byte[] data, long frame) {
        long end() {
            return start + data.length;
        }
    }

    /** One direction's stream. */
    private static final class Direction {
        boolean based;
        /** the sequence number of byte 0 of the stream */
        long base;
        /** relative offset of the next byte expected */
        long next;
        long delivered;
        long missing;
        boolean finSeen;
        boolean finDone;
        long finAt;
        TreeMap<Long, Segment> ooo;
        long oooBytes;
        /** Where the last delivered chunk lies in the shared ring (its header), or -1. */
        long lastChunk = -1;

        /** As new, for a reused connection. */
        void clear() {
            based = finSeen = finDone = false;
            base = next = delivered = missing = finAt = oooBytes = 0;
            ooo = null;
            lastChunk = -1;
        }

        /** {@code seq} as an offset from the base, unwrapped around the next byte expected (32-bit wrap-around). */
        long relative(long seq) {
            long expected = (base + next) & 0xFFFFFFFFL;
            int delta = (int) ((seq & 0xFFFFFFFFL) - expected);
            return next + delta;
        }
    }
}
