package io.pcapkit.flow;

import java.util.Arrays;

/**
 * Frame numbers in increasing order, stored as variable-length deltas (one or two bytes per frame
 * in a busy flow instead of eight), so a flow's frame list costs little however long it runs.
 */
public final class FrameList {
    private byte[] data = new byte[8];
    private int len;
    private int count;
    private long last;

    /** Adds {@code frame} (numbers must not decrease; a repeat is ignored). */
    public void add(long frame) {
        if (count > 0 && frame <= last) return;
        long d = count == 0 ? frame : frame - last;
        last = frame;
        count++;
        if (len + 10 > data.length) data = Arrays.copyOf(data, data.length * 2);
        while ((d & ~0x7FL) != 0) {
            data[len++] = (byte) ((d & 0x7F) | 0x80);
            d >>>= 7;
        }
        data[len++] = (byte) d;
    }

    public int size() {
        return count;
    }

    public long last() {
        return last;
    }

    /** Bytes this list holds. */
    public int footprint() {
        return data.length;
    }

    /** Visits every number in order. */
    public void forEach(java.util.function.LongConsumer c) {
        long v = 0;
        int p = 0;
        for (int i = 0; i < count; i++) {
            long d = 0;
            int shift = 0;
            byte b;
            do {
                b = data[p++];
                d |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            v = i == 0 ? d : v + d;
            c.accept(v);
        }
    }

    public long[] toArray() {
        long[] out = new long[count];
        int[] i = {0};
        forEach(v -> out[i[0]++] = v);
        return out;
    }
}
