package io.pcapkit.flow;

/**
 * Which flows have ended, by serial (the order flows started), from the oldest flow still
 * running on: a bit per flow in a ring that grows only while an old flow runs on.
 */
final class EndedWindow {
    private long base;
    private long next;
    private long[] bits = new long[16];

    void started(long serial) {
        next = Math.max(next, serial + 1);
        long span = next - base;
        if (span > (long) bits.length * 64) {
            long[] nb = new long[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(bits.length * 2L, (span + 63) / 64))];
            for (long s = base; s < next - 1; s++) if (get(s)) set(nb, s);
            bits = nb;
        }
    }

    private boolean get(long s) {
        int i = (int) ((s >>> 6) % bits.length);
        return (bits[i] & (1L << (s & 63))) != 0;
    }

    private void set(long[] b, long s) {
        int i = (int) ((s >>> 6) % b.length);
        b[i] |= 1L << (s & 63);
    }

    private void clear(long s) {
        int i = (int) ((s >>> 6) % bits.length);
        bits[i] &= ~(1L << (s & 63));
    }

    void ended(long serial) {
        if (serial < base) return;
        set(bits, serial);
        while (base < next && get(base)) {
            clear(base);
            base++;
        }
    }

    /** The serial of the oldest flow still running, or the next serial when none is. */
    long oldestRunning() {
        return base;
    }
}
