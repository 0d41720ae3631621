package io.pcapkit.flow;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * A flow's frame numbers as {@link Flow} keeps them (the first, then the deltas as variable-length
 * integers, seven bits a byte, low bits first), copied for an index entry written later.
 */
final class FrameNumbers {
    private long first;
    private int count;
    private byte[] data = new byte[16];
    private int len;

    void set(long first, int count, byte[] deltas, int len) {
        this.first = first;
        this.count = count;
        if (len > data.length) data = new byte[Math.max(len, data.length * 2)];
        if (len > 0) System.arraycopy(deltas, 0, data, 0, len);
        this.len = len;
        // a long flow's array is not kept for the many short ones that follow
        if (data.length > 4096 && len <= 64) data = Arrays.copyOf(data, 64);
    }

    /** The frame numbers as comma-separated decimals. */
    void write(Ascii b) {
        int start = b.len;
        forEach(first, count, data, v -> {
            if (b.len > start) b.put(',');
            b.num(v);
        });
    }

    /** Visits {@code count} frame numbers: {@code first}, then those the deltas in {@code data} give. */
    static void forEach(long first, int count, byte[] data, LongConsumer c) {
        if (count == 0) return;
        long v = first;
        c.accept(v);
        int p = 0;
        for (int i = 1; i < count; i++) {
            long d = 0;
            int shift = 0;
            byte x;
            do {
                x = data[p++];
                d |= (long) (x & 0x7F) << shift;
                shift += 7;
            } while ((x & 0x80) != 0);
            v += d;
            c.accept(v);
        }
    }
}
