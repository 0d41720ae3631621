package io.pcapkit.flow;

/**
 * The open flows by 5-tuple: open addressing with linear probing over a power-of-two array (at
 * most half full), each slot's hash kept beside it so that a probe rarely touches a flow it does
 * not want, and a list through the flows from the least to the most recently active. No
 * allocation per lookup or insertion: a capture's first packets of millions of flows cost one
 * object each (the {@link Flow}, which is its own key).
 */
final class FlowTable {
    /**
     * Flows the table is first sized for (it doubles as they come): a table for thousands of
     * flows stays in the caches. Sized for 65,536 from the start, its 1 MB of slots made each
     * lookup of 2,000 busy connections a cache miss or two.
     */
    static final int INITIAL_FLOWS = 1024;

    private Flow[] slots;
    private int[] hashes;
    private int mask;
    /** 32 minus the table's bits: a slot is the top bits of the multiplied hash. */
    private int shift;
    private int size;
    /** least recently active */
    private Flow oldest;
    /** most recently active */
    private Flow newest;

    FlowTable(int capacity) {
        int n = Integer.highestOneBit(Math.max(16, capacity) * 2 - 1) * 2;
        slots = new Flow[Math.min(n, 1 << 30)];
        hashes = new int[slots.length];
        mask = slots.length - 1;
        shift = Integer.numberOfLeadingZeros(mask);
    }

    int size() {
        return size;
    }

    Flow oldest() {
        return oldest;
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
            Flow f = slots[i];
            if (f == null) return null;
            if (hashes[i] == h && f.sameKey(k)) return f;
            i = (i + 1) & mask;
        }
    }

    /** Adds {@code f} (its key must be absent) as the most recently active flow. */
    void put(Flow f) {
        if (size + 1 > slots.length / 2) grow();
        insert(f);
        size++;
        link(f);
    }

    private void insert(Flow f) {
        int i = home(f.hash);
        while (slots[i] != null) i = (i + 1) & mask;
        slots[i] = f;
        hashes[i] = f.hash;
    }

    private void grow() {
        Flow[] old = slots;
        slots = new Flow[old.length * 2];
        hashes = new int[slots.length];
        mask = slots.length - 1;
        shift = Integer.numberOfLeadingZeros(mask);
        for (Flow f : old) if (f != null) insert(f);
    }

    /** Removes {@code f} (backward-shift deletion keeps every probe sequence unbroken). */
    void remove(Flow f) {
        int i = home(f.hash);
        while (slots[i] != f) {
            if (slots[i] == null) return;
            i = (i + 1) & mask;
        }
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            Flow g = slots[j];
            if (g == null) break;
            int home = home(hashes[j]);
            // g may move back into the hole if its home is not cyclically within (hole, j]
            boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays) {
                slots[hole] = g;
                hashes[hole] = hashes[j];
                hole = j;
            }
        }
        slots[hole] = null;
        size--;
        unlink(f);
    }

    /** {@code f} had a packet: it becomes the most recently active. */
    void touch(Flow f) {
        if (newest == f) return;
        unlink(f);
        link(f);
    }

    private void link(Flow f) {
        f.older = newest;
        f.newer = null;
        if (newest != null) newest.newer = f;
        else oldest = f;
        newest = f;
    }

    private void unlink(Flow f) {
        if (f.older != null) f.older.newer = f.newer;
        else if (oldest == f) oldest = f.newer;
        if (f.newer != null) f.newer.older = f.older;
        else if (newest == f) newest = f.older;
        f.older = f.newer = null;
    }

    /** The flows, least recently active first (a copy). */
    java.util.List<Flow> list() {
        java.util.List<Flow> out = new java.util.ArrayList<>(size);
        for (Flow f = oldest; f != null; f = f.newer) out.add(f);
        return out;
    }

    void clear() {
        java.util.Arrays.fill(slots, null);
        size = 0;
        oldest = newest = null;
    }
}
