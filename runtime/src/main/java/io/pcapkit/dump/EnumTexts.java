package io.pcapkit.dump;

import io.pcapkit.dump.JsonBytes.Encoded;

/**
 * Encoded texts of enumerated values, per key: 64 slots, a Fibonacci hash of the value picks one,
 * so a field's few common values are encoded once and written by copy. Two values sharing a slot
 * take turns (the text is made again on a miss).
 */
final class EnumTexts {
    private static final int SLOT_BITS = 6;
    private static final int SLOTS = 1 << SLOT_BITS;

    private final Encoded[][] texts;
    private final long[][] values;
    private final String[][] names;

    EnumTexts(int keys) {
        texts = new Encoded[keys][];
        values = new long[keys][];
        names = new String[keys][];
    }

    /** The text kept for {@code value} and {@code name} under {@code key}, or null. */
    Encoded find(int key, long value, String name) {
        Encoded[] t = texts[key];
        if (t == null) return null;
        int slot = slot(value);
        Encoded e = t[slot];
        return e != null && values[key][slot] == value && name.equals(names[key][slot]) ? e : null;
    }

    /** Keeps {@code text} for {@code value} and {@code name} under {@code key}; returns it. */
    Encoded put(int key, long value, String name, Encoded text) {
        if (texts[key] == null) {
            texts[key] = new Encoded[SLOTS];
            values[key] = new long[SLOTS];
            names[key] = new String[SLOTS];
        }
        int slot = slot(value);
        texts[key][slot] = text;
        values[key][slot] = value;
        names[key][slot] = name;
        return text;
    }

    private static int slot(long value) {
        return (int) ((value * 0x9E3779B97F4A7C15L) >>> (64 - SLOT_BITS));
    }
}
