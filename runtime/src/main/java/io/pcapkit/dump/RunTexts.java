package io.pcapkit.dump;

import java.util.Arrays;

/**
 * Texts of stretches of header fields, by the stretch (the id of its first field) and the bits
 * they were made from: {@link #SLOTS} slots per stretch, a Fibonacci hash of the bits picks one,
 * and a slot holds the bits it was made for, so values sharing it take turns. A slot's array is
 * reused when a new text replaces the old one (a miss allocates nothing once the slot has room),
 * and padded so that a text is copied in whole words. A writer keeps slots only for the stretches
 * it met (a few per protocol): a flow tracer may have thousands of writers open, one per flow file.
 */
final class RunTexts {
    /**
     * Slots per stretch: 256 hold the few dozen values a field such as a TTL takes in real traffic
     * with few collisions; a stretch's key has at most 17 bits.
     */
    private static final int SLOT_BITS = 8;
    private static final int SLOTS = 1 << SLOT_BITS;
    /** Bytes past a text that a word copy may read. */
    private static final int PAD = 16;
    /** No key: keys are non-negative. */
    private static final int EMPTY = -1;

    /** One stretch's slots. */
    private static final class Stretch {
        final int[] keys = new int[SLOTS];
        final byte[][] texts = new byte[SLOTS][];
        final int[] lengths = new int[SLOTS];

        Stretch() {
            Arrays.fill(keys, EMPTY);
        }
    }

    /** The stretches met, by id (made on first use: a field id indexes it). */
    private Stretch[] byId;

    /** The stretch of the last {@link #find}. */
    private Stretch found;

    /**
     * The slot of {@code key} in stretch {@code id} when it holds that key's text, else -1; the
     * text is then {@link #text} and {@link #length} of that slot.
     */
    int find(int id, int key) {
        Stretch s = stretch(id, false);
        if (s == null) return -1;
        found = s;
        int slot = slot(key);
        return s.keys[slot] == key ? slot : -1;
    }

    /** The text in {@code slot} of the stretch of the last {@link #find}, padded for word copies. */
    byte[] text(int slot) {
        return found.texts[slot];
    }

    int length(int slot) {
        return found.lengths[slot];
    }

    /** Keeps {@code n} bytes of {@code src} from {@code from} as {@code key}'s text in stretch {@code id}. */
    void put(int id, int key, byte[] src, int from, int n) {
        Stretch s = stretch(id, true);
        int slot = slot(key);
        byte[] t = s.texts[slot];
        if (t == null || t.length < n + PAD) s.texts[slot] = t = new byte[((n + 8) & ~7) + PAD];
        System.arraycopy(src, from, t, 0, n);
        s.keys[slot] = key;
        s.lengths[slot] = n;
    }

    private Stretch stretch(int id, boolean make) {
        if (byId == null) {
            if (!make) return null;
            byId = new Stretch[io.pcapkit.dissect.RuntimeFields.count()];
        }
        Stretch s = byId[id];
        if (s == null && make) byId[id] = s = new Stretch();
        return s;
    }

    private static int slot(int key) {
        return (key * 0x9E3779B9) >>> (32 - SLOT_BITS);
    }
}
