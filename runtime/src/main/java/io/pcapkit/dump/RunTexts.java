package io.pcapkit.dump;

/**
 * Texts of stretches of header fields, by the stretch (the id of its first field) and the bits
 * they were made from: {@link #SLOTS} slots per stretch, a Fibonacci hash of the bits picks one,
 * and a slot holds the bits it was made for, so values sharing it take turns. A slot's array is
 * reused when a new text replaces the old one (a miss allocates nothing once the slot has room),
 * and padded so that a text is copied in whole words. Memory is bounded by the stretches that
 * exist (a few per grammar) times the slots times the longest stretch.
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

    private final int[][] keys;
    private final byte[][][] texts;
    private final int[][] lengths;

    RunTexts(int ids) {
        keys = new int[ids][];
        texts = new byte[ids][][];
        lengths = new int[ids][];
    }

    /** The slot of {@code key} under {@code id} when it holds that key's text, else -1. */
    int find(int id, int key) {
        int[] k = keys[id];
        if (k == null) return -1;
        int slot = slot(key);
        return k[slot] == key ? slot : -1;
    }

    byte[] text(int id, int slot) {
        return texts[id][slot];
    }

    int length(int id, int slot) {
        return lengths[id][slot];
    }

    /** Keeps {@code n} bytes of {@code src} from {@code from} as {@code key}'s text under {@code id}. */
    void put(int id, int key, byte[] src, int from, int n) {
        if (keys[id] == null) {
            keys[id] = new int[SLOTS];
            java.util.Arrays.fill(keys[id], EMPTY);
            texts[id] = new byte[SLOTS][];
            lengths[id] = new int[SLOTS];
        }
        int slot = slot(key);
        byte[] t = texts[id][slot];
        if (t == null || t.length < n + PAD) texts[id][slot] = t = new byte[((n + 8) & ~7) + PAD];
        System.arraycopy(src, from, t, 0, n);
        keys[id][slot] = key;
        lengths[id][slot] = n;
    }

    private static int slot(int key) {
        return (key * 0x9E3779B9) >>> (32 - SLOT_BITS);
    }
}
