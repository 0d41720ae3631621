package io.pcapkit.flow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The open flows by 5-tuple: open addressing with linear probing over a power-of-two array (at
 * most half full), each slot's hash kept beside it so that a probe rarely touches a flow it does
 * not want, and a list through the flows from the least to the most recently active. No
 * allocation per lookup or insertion: a capture's first packets of millions of flows cost one
 * object each (the {@link Flow}, which is its own key).
 *
 * <p>Laid out as arrays of ints: each open flow has a number ({@link Flow#tableIndex}), the slots
 * hold that number and the recency list links numbers. A flood of short flows (a scan: a new flow
 * with every packet) rewrites the slots and links with every packet; as references between old
 * objects, each of those writes dirtied a card that the garbage collector's refinement thread
 * then scanned (0.67 s of CPU for a million flows), as ints they cost nothing more than the write.
 */
final class FlowTable {
    /**
     * Flows the table is first sized for (it doubles as they come): a table for thousands of
     * flows stays in the caches. Sized for 65,536 from the start, its 1 MB of slots made each
     * lookup of 2,000 busy connections a cache miss or two.
     */
    static final int INITIAL_FLOWS = 1024;
    /**
     * The most flows the table holds (its slot array, two ints per slot, at most half full, must
     * stay an array Java can make): 2^28 flows, tens of gigabytes of flow state before that.
     * The hook ends the least recently active flow beyond it, whatever its own limit says.
     */
    static final int MAX_FLOWS = 1 << 28;
    /** no flow (a slot's or a link's value) */
    private static final int NONE = -1;

    /** the open flows by number; a number let go keeps its flow until it is given again */
    private Flow[] flows;
    /** numbers let go, the last one first (the flow that had it is likely reused with it) */
    private int[] free;
    private int freeCount;
    /** numbers handed out so far (the next new one) */
    private int numbered;
    /** the recency list: a flow number's older neighbour at twice the number, its newer one next to it */
    private int[] links;
    /**
     * Per slot a flow number (or {@link #NONE}) and that flow's hash, side by side: a probe reads
     * one cache line, not one in each of two arrays.
     */
    private int[] slots;
    /** slots - 1 */
    private int mask;
    /** 32 minus the table's bits: a slot is the top bits of the multiplied hash. */
    private int shift;
    private int size;
    /** least recently active */
    private int oldest = NONE;
    /** most recently active */
    private int newest = NONE;

    FlowTable(int capacity) {
        int n = Integer.highestOneBit(Math.max(16, Math.min(capacity, MAX_FLOWS)) * 2 - 1) * 2;
        slots = new int[2 * n];
        Arrays.fill(slots, NONE);
        mask = n - 1;
        shift = Integer.numberOfLeadingZeros(mask);
        flows = new Flow[n / 2];
        free = new int[n / 2];
        links = new int[n];
    }

    int size() {
        return size;
    }

    /** The least recently active flow, or null. */
    Flow oldest() {
        return oldest == NONE ? null : flows[oldest];
    }

    /**
     * The home slot of a hash: the top bits of a Fibonacci product (its low bits depend only on the
     * hash's low bits; taken with a mask they clustered the probes of a busy table).
     */
    private int home(int h) {
        return ((h ^ (h >>> 16)) * 0x9E3779B9) >>> shift;
    }

    /** The flow of {@code k}, or null. */
    Flow get(FlowKey k) {
        int h = k.hash;
        int i = home(h);
        while (true) {
            int n = slots[2 * i];
            if (n == NONE) return null;
            if (slots[2 * i + 1] == h) {
                Flow f = flows[n];
                if (f.sameKey(k)) return f;
            }
            i = (i + 1) & mask;
        }
    }

    /** Adds {@code f} (its key must be absent) as the most recently active flow. */
    void put(Flow f) {
        if (size + 1 > flows.length) grow();
        int n = number(f);
        insert(n, f.hash);
        size++;
        link(n);
    }

    /** A number for {@code f}: one let go (its own, when it had one and nobody took it since), else a new one. */
    private int number(Flow f) {
        int n = freeCount > 0 ? free[--freeCount] : numbered++;
        // a flow reused with the number it had needs no write: a reference written into this old
        // array costs the collector a card to scan
        if (flows[n] != f) flows[n] = f;
        f.tableIndex = n;
        return n;
    }

    private void insert(int n, int hash) {
        int i = home(hash);
        while (slots[2 * i] != NONE) i = (i + 1) & mask;
        slots[2 * i] = n;
        slots[2 * i + 1] = hash;
    }

    private void grow() {
        int[] old = slots;
        int n = (mask + 1) * 2;
        slots = new int[2 * n];
        Arrays.fill(slots, NONE);
        mask = n - 1;
        shift = Integer.numberOfLeadingZeros(mask);
        for (int i = 0; i < old.length; i += 2) if (old[i] != NONE) insert(old[i], old[i + 1]);
        flows = Arrays.copyOf(flows, n / 2);
        free = Arrays.copyOf(free, n / 2);
        links = Arrays.copyOf(links, n);
    }

    /**
     * Removes {@code f} (backward-shift deletion keeps every probe sequence unbroken). Whether a
     * flow moves back into the hole is one comparison of cyclic distances: written as two
     * comparisons with a case for the table's wrap-around, the rare case was compiled as a trap,
     * and a flood's first wrap threw the whole flow hook's compiled code away.
     */
    void remove(Flow f) {
        int n = f.tableIndex;
        if (n < 0 || flows[n] != f) return;
        int i = home(f.hash);
        while (slots[2 * i] != n) {
            if (slots[2 * i] == NONE) return;
            i = (i + 1) & mask;
        }
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            int g = slots[2 * j];
            if (g == NONE) break;
            int gh = slots[2 * j + 1];
            // g moves back when the hole lies on its probe path: no farther from j than its home
            if (((j - home(gh)) & mask) >= ((j - hole) & mask)) {
                slots[2 * hole] = g;
                slots[2 * hole + 1] = gh;
                hole = j;
            }
        }
        slots[2 * hole] = NONE;
        size--;
        unlink(n);
        f.tableIndex = NONE;
        free[freeCount++] = n;
    }

    /** {@code f} had a packet: it becomes the most recently active. */
    void touch(Flow f) {
        int n = f.tableIndex;
        if (newest == n) return;
        unlink(n);
        link(n);
    }

    private void link(int n) {
        links[2 * n] = newest;
        links[2 * n + 1] = NONE;
        if (newest != NONE) links[2 * newest + 1] = n;
        else oldest = n;
        newest = n;
    }

    private void unlink(int n) {
        int o = links[2 * n];
        int w = links[2 * n + 1];
        if (o != NONE) links[2 * o + 1] = w;
        else if (oldest == n) oldest = w;
        if (w != NONE) links[2 * w] = o;
        else if (newest == n) newest = o;
        links[2 * n] = links[2 * n + 1] = NONE;
    }

    /** The flows, least recently active first (a copy). */
    List<Flow> list() {
        List<Flow> out = new ArrayList<>(size);
        for (int n = oldest; n != NONE; n = links[2 * n + 1]) out.add(flows[n]);
        return out;
    }

    void clear() {
        for (int n = oldest; n != NONE; n = links[2 * n + 1]) flows[n].tableIndex = NONE;
        Arrays.fill(slots, NONE);
        Arrays.fill(flows, null);
        size = 0;
        freeCount = 0;
        numbered = 0;
        oldest = newest = NONE;
    }
}
