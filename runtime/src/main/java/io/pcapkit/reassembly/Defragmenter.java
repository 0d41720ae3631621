package io.pcapkit.reassembly;

import io.pcapkit.dissect.Protocol;
import io.pcapkit.dissect.Role;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Puts IPv4 and IPv6 fragments back together (RFC 815's hole descriptors), with an overlap policy
 * and bounded state. Feed it fragments in capture order ({@code offer}: the grammars' roles say
 * where each header keeps its fragment fields, addresses and length); it
 * returns the datagram a fragment completes. Datagrams that cannot complete end by timeout
 * (capture time, from their first fragment, as Linux), by eviction (oldest first, when the
 * datagrams in progress or the memory held reach their limits), or abandoned (oversize, too many
 * fragments, inconsistent ends, overlap under drop-on-overlap); each is counted in
 * {@link #stats()} and, with {@code includeIncomplete}, handed to the listener. Nothing here
 * throws on hostile input.
 *
 * <p>Not thread-safe: one per dissector.
 */
public final class Defragmenter {
    private final DefragOptions options;
    private final Consumer<Datagram> listener;
    /** insertion order is age: the first entry is the oldest datagram */
    private final LinkedHashMap<DatagramKey, Pending> open = new LinkedHashMap<>();
    private final DatagramKey probe = new DatagramKey();
    private final DefragStats stats = new DefragStats();
    private long memory;
    private final CaptureClock clock = new CaptureClock();
    // datagrams that ended unseen, for reuse (ReassemblyLimits.DEFRAG_RECYCLED)
    private final Recycler<Pending> pool = new Recycler<>(ReassemblyLimits.DEFRAG_RECYCLED);
    private long reused;

    /**
     * @param listener receives every completed datagram (in the frame that completes it) and, with
     *                 {@code includeIncomplete}, every datagram that did not complete; may be null
     */
    public Defragmenter(DefragOptions options, Consumer<Datagram> listener) {
        this.options = options.copy();
        this.listener = listener;
    }

    public DefragOptions options() {
        return options.copy();
    }

    public DefragStats stats() {
        return stats;
    }

    /** Datagrams in progress. */
    public int inProgress() {
        return open.size();
    }

    /** Memory held, as the memory cap counts it (fragment data plus a fixed overhead per fragment). */
    public long memory() {
        return memory;
    }

    /**
     * A fragment whose fields are in the header that also holds its datagram's addresses (IPv4):
     * that header, of protocol {@code p}, at {@code ip} (its fields are read from the bytes through
     * the grammar's roles), its payload in {@code [payloadStart, payloadEnd)} (what was captured of
     * it), in a frame whose innermost VLAN tag has id {@code vlan} (0 without one, or when VLANs do
     * not keep datagrams apart): fragments on different VLANs never join.
     *
     * @return the datagram this fragment completes, or null
     */
    public Datagram offer(Protocol p, ByteBuffer b, int ip, int payloadStart, int payloadEnd, int vlan, long frame, long nanos) {
        if (payloadStart - ip < p.roleBytes || payloadEnd < payloadStart) return null;
        int headerLength = payloadStart - ip;
        int captured = payloadEnd - payloadStart;
        long end = announcedEnd(p, b, ip, payloadStart);
        int declared = end < 0 ? captured : (int) Math.max(0, end - payloadStart);
        probe.set(b, ip + p.roleByte(Role.SRC_ADDRESS), ip + p.roleByte(Role.DST_ADDRESS), p.roleSize(Role.SRC_ADDRESS),
                p.read(Role.FRAGMENT_ID, b, ip), p.has(Role.FRAGMENT_PROTOCOL) ? (int) p.read(Role.FRAGMENT_PROTOCOL, b, ip) : -1, vlan);
        return offer(probe, (int) p.read(Role.FRAGMENT_OFFSET, b, ip) * 8, p.flag(Role.MORE_FRAGMENTS, b, ip), b, payloadStart,
                Math.min(captured, declared), declared, b, ip, headerLength, (int) (payloadStart - lengthOrigin(p, ip, payloadStart)),
                p.has(Role.NEXT_HEADER) ? (int) p.read(Role.NEXT_HEADER, b, ip) : -1, frame, nanos);
    }

    /**
     * A fragment header of its own (IPv6's Fragment header), of protocol {@code fp} at {@code frag},
     * after the header of protocol {@code ipp} at {@code ip} (ending at {@code ipHeaderEnd}) that
     * holds the datagram's addresses and length; the fragment's data in {@code [payloadStart,
     * payloadEnd)} (what was captured of it). What lies between the two headers (extension headers
     * that are not fragmented) stays in the datagram's header.
     *
     * @return the datagram this fragment completes, or null
     */
    public Datagram offer(Protocol ipp, Protocol fp, ByteBuffer b, int ip, int ipHeaderEnd, int frag, int payloadStart, int payloadEnd, long frame,
            long nanos) {
        if (ipHeaderEnd - ip < ipp.roleBytes || frag < ipHeaderEnd || payloadStart - frag < fp.roleBytes || payloadEnd < payloadStart) return null;
        int captured = payloadEnd - payloadStart;
        long end = announcedEnd(ipp, b, ip, ipHeaderEnd);
        int declared = end < 0 ? captured : (int) Math.max(0, end - payloadStart);
        probe.set(b, ip + ipp.roleByte(Role.SRC_ADDRESS), ip + ipp.roleByte(Role.DST_ADDRESS), ipp.roleSize(Role.SRC_ADDRESS),
                fp.read(Role.FRAGMENT_ID, b, frag), fp.has(Role.FRAGMENT_PROTOCOL) ? (int) fp.read(Role.FRAGMENT_PROTOCOL, b, frag) : -1, 0);
        // the unfragmentable extension headers count towards the reassembled payload length
        return offer(probe, (int) fp.read(Role.FRAGMENT_OFFSET, b, frag) * 8, fp.flag(Role.MORE_FRAGMENTS, b, frag), b, payloadStart,
                Math.min(captured, declared), declared, b, ip, frag - ip, (int) (frag - lengthOrigin(ipp, ip, ipHeaderEnd)),
                fp.has(Role.NEXT_HEADER) ? (int) fp.read(Role.NEXT_HEADER, b, frag) : -1, frame, nanos);
    }

    /**
     * Where the datagram ends by its header's length (a {@link Role#TOTAL_LENGTH} from its start, a
     * {@link Role#PAYLOAD_LENGTH} from its header end), or -1 when that length is 0 (segmentation
     * offload, a jumbogram) or missing: what was captured then counts.
     */
    private static long announcedEnd(Protocol p, ByteBuffer b, int start, int headerEnd) {
        Role r = p.has(Role.TOTAL_LENGTH) ? Role.TOTAL_LENGTH : p.has(Role.PAYLOAD_LENGTH) ? Role.PAYLOAD_LENGTH : null;
        long length = r == null ? 0 : p.read(r, b, start);
        return length == 0 ? -1 : lengthOrigin(p, start, headerEnd) + length;
    }

    /** Where the header's length counts from: its start for a total length, else its end. */
    private static long lengthOrigin(Protocol p, int start, int headerEnd) {
        return p.has(Role.TOTAL_LENGTH) ? start : headerEnd;
    }

    private Datagram offer(DatagramKey key, int offset, boolean more, ByteBuffer data, int dataStart, int dataLen, int declaredLen,
            ByteBuffer hb, int headerStart, int headerLen, int lengthBefore, int nextHeader, long frame, long nanos) {
        stats.fragments++;
        advance(nanos);
        Pending p = open.get(key);
        if (p == null) {
            while (open.size() >= options.maxDatagrams) evictOldest();
            p = pool.take();
            if (p != null) {
                p.reuse(key, nanos);
                reused++;
            } else {
                p = new Pending(key.copy(), nanos);
            }
            open.put(p.key, p);
            stats.peakDatagrams = Math.max(stats.peakDatagrams, open.size());
        }
        p.last = Math.max(p.last, nanos);
        p.addFrame(frame);
        if (p.frameCount > options.maxFragments) {
            p.flag(Anomaly.TOO_MANY_FRAGMENTS);
            return abandon(p, Datagram.End.DROPPED);
        }
        long start = offset;
        long declaredEnd = start + declaredLen;
        byte[] bytes = null;
        if (dataLen > 0) {
            bytes = new byte[dataLen];
            data.get(dataStart, bytes);
            // anomalies first, so that a fragment abandoned below is still reported for what it is
            if (!checkOverlaps(p, start, start + dataLen, bytes)) return abandon(p, Datagram.End.DROPPED);
        }
        if (lengthBefore + declaredEnd > options.maxDatagramBytes) {
            p.flag(Anomaly.OVERSIZE);
            return abandon(p, Datagram.End.DROPPED);
        }
        // the ends fragments declare must agree (Linux discards such a queue too)
        if (!more) {
            if (p.total >= 0 && p.total != declaredEnd || p.maxEnd > declaredEnd) {
                p.flag(Anomaly.INCONSISTENT_END);
                return abandon(p, Datagram.End.DROPPED);
            }
            p.total = declaredEnd;
        } else if (p.total >= 0 && declaredEnd > p.total) {
            p.flag(Anomaly.INCONSISTENT_END);
            return abandon(p, Datagram.End.DROPPED);
        }
        if (offset == 0 && p.header == null) {
            p.header = new byte[headerLen];
            hb.get(headerStart, p.header);
            p.nextHeader = nextHeader;
            p.lengthBefore = lengthBefore;
            charge(p, headerLen);
        }
        if (bytes != null) {
            long end = start + dataLen;
            int n = p.addFragment(start, end, bytes);
            charge(p, dataLen + ReassemblyLimits.DEFRAG_FRAGMENT_OVERHEAD);
            p.place(n, start, end, options.policy);
            // a fragment cut by the capture's snap length leaves a hole where its bytes are missing
            p.fill(start, end - 1, more || dataLen < declaredLen);
            p.maxEnd = Math.max(p.maxEnd, end);
        }
        if (p.total >= 0) p.truncateHoles(p.total);
        if (memory > options.maxMemoryBytes) {
            // the oldest datagrams go first; this one last, and only if it alone is over the cap
            for (Iterator<Pending> it = open.values().iterator(); memory > options.maxMemoryBytes && it.hasNext();) {
                Pending q = it.next();
                if (q == p) continue;
                it.remove();
                q.flag(Anomaly.EVICTED);
                finish(q, Datagram.End.EVICTED);
            }
            if (memory > options.maxMemoryBytes) {
                p.flag(Anomaly.EVICTED);
                open.remove(p.key);
                finish(p, Datagram.End.EVICTED);
                return null;
            }
        }
        if (p.total >= 0 && p.holeCount == 0) {
            open.remove(p.key);
            return finish(p, Datagram.End.COMPLETED);
        }
        return null;
    }

    /**
     * Counts overlaps with the fragments received so far; under drop-on-overlap, returns false when
     * the datagram must be abandoned (an overlap that is not an identical duplicate).
     */
    private boolean checkOverlaps(Pending p, long start, long end, byte[] bytes) {
        boolean abandon = false;
        for (int i = 0; i < p.fragCount; i++) {
            long s = p.fStart[i];
            long e = p.fEnd[i];
            long is = Math.max(s, start);
            long ie = Math.min(e, end);
            if (is >= ie) continue;
            boolean conflict = !Arrays.equals(bytes, (int) (is - start), (int) (ie - start), p.fData[i], (int) (is - s), (int) (ie - s));
            if (conflict) p.flag(Anomaly.CONFLICTING_OVERLAP);
            if (s == start && e == end) {
                p.flag(Anomaly.DUPLICATE);
                if (conflict) abandon = true;
            } else {
                p.flag(Anomaly.OVERLAP);
                if (s <= start && end < e) p.flag(Anomaly.TEARDROP);
                abandon = true;
            }
        }
        if (abandon && options.policy == OverlapPolicy.DROP_ON_OVERLAP) {
            p.flag(Anomaly.DROPPED_ON_OVERLAP);
            return false;
        }
        return true;
    }

    private void charge(Pending p, long bytes) {
        p.memory += bytes;
        memory += bytes;
        stats.peakMemory = Math.max(stats.peakMemory, memory);
    }

    private Datagram abandon(Pending p, Datagram.End end) {
        open.remove(p.key);
        finish(p, end);
        return null;
    }

    /**
     * Ends datagrams whose first fragment is older than the timeout; {@code nanos} is the time of a
     * frame (see {@link CaptureClock#observe} for how one wild timestamp is kept from expiring all).
     */
    public void advance(long nanos) {
        long now = clock.observe(nanos);
        if (now == Long.MIN_VALUE || open.isEmpty()) return;
        long limit = CaptureClock.plus(now, -options.timeoutNanos);
        for (Iterator<Pending> it = open.values().iterator(); it.hasNext();) {
            Pending p = it.next();
            // insertion order is first-fragment order, so the rest are younger
            if (p.first >= limit) break;
            it.remove();
            p.flag(Anomaly.TIMEOUT);
            finish(p, Datagram.End.TIMED_OUT);
        }
    }

    private void evictOldest() {
        Iterator<Pending> it = open.values().iterator();
        Pending p = it.next();
        it.remove();
        p.flag(Anomaly.EVICTED);
        finish(p, Datagram.End.EVICTED);
    }

    /**
     * The input ended: the datagrams still in progress end incomplete (handed to the listener with
     * {@code includeIncomplete}).
     *
     * @return those datagrams (empty unless {@code includeIncomplete})
     */
    public List<Datagram> finish() {
        List<Datagram> out = new ArrayList<>();
        for (Iterator<Pending> it = open.values().iterator(); it.hasNext();) {
            Pending p = it.next();
            it.remove();
            Datagram d = finish(p, Datagram.End.INCOMPLETE);
            if (d != null) out.add(d);
        }
        return out;
    }

    /** Releases {@code p}'s memory, counts how it ended and builds its datagram (for the listener when it is to be seen). */
    private Datagram finish(Pending p, Datagram.End end) {
        memory -= p.memory;
        p.memory = 0;
        switch (end) {
            case COMPLETED -> stats.completed++;
            case TIMED_OUT -> stats.timedOut++;
            case EVICTED -> stats.evicted++;
            case DROPPED -> stats.dropped++;
            case INCOMPLETE -> stats.incompleteAtEnd++;
        }
        for (Anomaly a : p.anomalies) stats.anomalies[a.ordinal()]++;
        if (end != Datagram.End.COMPLETED && !options.includeIncomplete) {
            // nothing was made of it: its record and arrays serve the next datagram (its bytes go now,
            // so that a waiting record holds no fragment data)
            pool.give(p.drop());
            return null;
        }
        Datagram d = p.toDatagram(end);
        if (listener != null) listener.accept(d);
        return d;
    }

    /** A datagram in progress. */
    private static final class Pending {
        /** Arrays longer than this are not kept when a record is reused (a datagram of many fragments is rare). */
        private static final int KEPT_LENGTH = 16;

        final DatagramKey key;
        long first;
        long last;
        long[] frames = new long[4];
        int frameCount;
        // fragments as received
        long[] fStart = new long[4];
        long[] fEnd = new long[4];
        byte[][] fData = new byte[4][];
        int fragCount;
        // disjoint pieces in offset order, each held by one fragment (the policy decides which)
        long[] pStart = new long[4];
        long[] pEnd = new long[4];
        int[] pHolder = new int[4];
        int pieceCount;
        // RFC 815 hole descriptors: [first, last] inclusive, last = Long.MAX_VALUE for "infinity"
        long[] hFirst = {0, 0, 0, 0};
        long[] hLast = {Long.MAX_VALUE, 0, 0, 0};
        int holeCount = 1;
        long total = -1;
        long maxEnd;
        byte[] header;
        int nextHeader = -1;
        int lengthBefore;
        long memory;
        final EnumSet<Anomaly> anomalies = EnumSet.noneOf(Anomaly.class);

        Pending(DatagramKey key, long nanos) {
            this.key = key;
            this.first = nanos;
            this.last = nanos;
        }

        /** Lets go of the fragments' bytes and the header. */
        Pending drop() {
            Arrays.fill(fData, 0, fragCount, null);
            header = null;
            return this;
        }

        /** This record, ended unseen and dropped, as a new datagram's: its arrays kept while small, every count and value as new. */
        Pending reuse(DatagramKey k, long nanos) {
            key.copyFrom(k);
            first = last = nanos;
            if (frames.length > KEPT_LENGTH) frames = new long[4];
            frameCount = 0;
            if (fStart.length > KEPT_LENGTH) {
                fStart = new long[4];
                fEnd = new long[4];
                fData = new byte[4][];
            }
            fragCount = 0;
            if (pStart.length > KEPT_LENGTH) {
                pStart = new long[4];
                pEnd = new long[4];
                pHolder = new int[4];
            }
            pieceCount = 0;
            if (hFirst.length > KEPT_LENGTH) {
                hFirst = new long[4];
                hLast = new long[4];
            }
            hFirst[0] = 0;
            hLast[0] = Long.MAX_VALUE;
            holeCount = 1;
            total = -1;
            maxEnd = 0;
            header = null;
            nextHeader = -1;
            lengthBefore = 0;
            memory = 0;
            anomalies.clear();
            if (ns.length > KEPT_LENGTH) {
                ns = new long[8];
                ne = new long[8];
                nh = new int[8];
            }
            nc = 0;
            return this;
        }

        void flag(Anomaly a) {
            anomalies.add(a);
        }

        void addFrame(long f) {
            if (frameCount == frames.length) frames = Arrays.copyOf(frames, frameCount * 2);
            frames[frameCount++] = f;
        }

        int addFragment(long s, long e, byte[] data) {
            if (fragCount == fStart.length) {
                int n = fragCount * 2;
                fStart = Arrays.copyOf(fStart, n);
                fEnd = Arrays.copyOf(fEnd, n);
                fData = Arrays.copyOf(fData, n);
            }
            fStart[fragCount] = s;
            fEnd[fragCount] = e;
            fData[fragCount] = data;
            return fragCount++;
        }

        // ---- pieces ----

        private long[] ns = new long[8];
        private long[] ne = new long[8];
        private int[] nh = new int[8];
        private int nc;

        private void add(long s, long e, int h) {
            if (s >= e) return;
            if (nc > 0 && nh[nc - 1] == h && ne[nc - 1] == s) {
                ne[nc - 1] = e;
                return;
            }
            if (nc == ns.length) {
                ns = Arrays.copyOf(ns, nc * 2);
                ne = Arrays.copyOf(ne, nc * 2);
                nh = Arrays.copyOf(nh, nc * 2);
            }
            ns[nc] = s;
            ne[nc] = e;
            nh[nc] = h;
            nc++;
        }

        /**
         * Fragment {@code n} covers {@code [s, e)}: it takes the bytes nobody holds, and those held
         * by a fragment the policy says it wins against.
         */
        void place(int n, long s, long e, OverlapPolicy policy) {
            nc = 0;
            long cursor = s;
            for (int i = 0; i < pieceCount; i++) {
                long ps = pStart[i];
                long pe = pEnd[i];
                int h = pHolder[i];
                if (pe <= s) {
                    add(ps, pe, h);
                    continue;
                }
                if (ps >= e) {
                    if (cursor < e) {
                        add(cursor, e, n);
                        cursor = e;
                    }
                    add(ps, pe, h);
                    continue;
                }
                long is = Math.max(ps, s);
                long ie = Math.min(pe, e);
                if (cursor < is) add(cursor, is, n);
                add(ps, is, h);
                add(is, ie, policy.newWins(fStart[h], fEnd[h], s, e) ? n : h);
                add(ie, pe, h);
                cursor = ie;
            }
            if (cursor < e) add(cursor, e, n);
            // swap the new list in
            long[] ts = pStart;
            long[] te = pEnd;
            int[] th = pHolder;
            pStart = ns;
            pEnd = ne;
            pHolder = nh;
            ns = ts;
            ne = te;
            nh = th;
            pieceCount = nc;
        }

        // ---- holes (RFC 815) ----

        /** Steps 1-7 of RFC 815 for a fragment covering {@code [first, last]}. */
        void fill(long first, long last, boolean more) {
            int i = 0;
            while (i < holeCount) {
                long hf = hFirst[i];
                long hl = hLast[i];
                if (first > hl || last < hf) {
                    i++;
                    continue;
                }
                removeHole(i);
                if (first > hf) insertHole(i++, hf, first - 1);
                if (last < hl && more) insertHole(i++, last + 1, hl);
            }
        }

        /** The datagram ends at {@code total}: no hole lies at or past it. */
        void truncateHoles(long total) {
            int i = 0;
            while (i < holeCount) {
                if (hFirst[i] >= total) {
                    removeHole(i);
                } else {
                    if (hLast[i] >= total) hLast[i] = total - 1;
                    i++;
                }
            }
        }

        private void removeHole(int i) {
            System.arraycopy(hFirst, i + 1, hFirst, i, holeCount - i - 1);
            System.arraycopy(hLast, i + 1, hLast, i, holeCount - i - 1);
            holeCount--;
        }

        private void insertHole(int i, long first, long last) {
            if (holeCount == hFirst.length) {
                hFirst = Arrays.copyOf(hFirst, holeCount * 2);
                hLast = Arrays.copyOf(hLast, holeCount * 2);
            }
            System.arraycopy(hFirst, i, hFirst, i + 1, holeCount - i);
            System.arraycopy(hLast, i, hLast, i + 1, holeCount - i);
            hFirst[i] = first;
            hLast[i] = last;
            holeCount++;
        }

        // ---- output ----

        Datagram toDatagram(Datagram.End end) {
            byte[] payload = null;
            List<Datagram.Run> runs = new ArrayList<>();
            if (end == Datagram.End.COMPLETED) {
                payload = new byte[(int) total];
                for (int i = 0; i < pieceCount; i++) copy(i, payload, 0);
                runs.add(new Datagram.Run(0, payload));
            } else {
                int i = 0;
                while (i < pieceCount) {
                    int j = i;
                    while (j + 1 < pieceCount && pEnd[j] == pStart[j + 1]) j++;
                    byte[] run = new byte[(int) (pEnd[j] - pStart[i])];
                    for (int k = i; k <= j; k++) copy(k, run, pStart[i]);
                    runs.add(new Datagram.Run((int) pStart[i], run));
                    i = j + 1;
                }
            }
            return new Datagram(key.version, key.src(), key.dst(), key.id, key.version == 4 ? key.protocol : nextHeader, end,
                    Arrays.copyOf(frames, frameCount), anomalies, header, payload, List.copyOf(runs), CaptureClock.instant(first),
                    CaptureClock.instant(last));
        }

        private void copy(int piece, byte[] into, long base) {
            int h = pHolder[piece];
            System.arraycopy(fData[h], (int) (pStart[piece] - fStart[h]), into, (int) (pStart[piece] - base), (int) (pEnd[piece] - pStart[piece]));
        }
    }

    /** Datagrams started on a reused record (for tests). */
    long reusedForTest() {
        return reused;
    }

    /** Datagrams in progress by key, oldest first (for tests and reports). */
    Map<DatagramKey, ?> openForTest() {
        return open;
    }
}
