package io.pcapkit.capture;

import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A channel of {@code size} bytes, none stored: the byte at position p is
 * {@code PATTERN[p % PERIOD]} (a prime period, so a position that is off by anything but a multiple
 * of it shows), filled with bulk copies so gigabytes flow in a fraction of a second.
 */
final class PatternChannel implements ReadableByteChannel {
    static final int PERIOD = 4099;
    private static final byte[] PATTERN = new byte[PERIOD * 2];

    static {
        for (int i = 0; i < PATTERN.length; i++) PATTERN[i] = at(i % PERIOD);
    }

    private final long size;
    private final int maxRead;
    private long pos;

    PatternChannel(long size, int maxRead) {
        this.size = size;
        this.maxRead = maxRead;
    }

    /** The byte at position {@code p}. */
    static byte byteAt(long p) {
        return PATTERN[(int) (p % PERIOD)];
    }

    private static byte at(int i) {
        return (byte) (i * 131 + (i >>> 5));
    }

    long position() {
        return pos;
    }

    @Override
    public int read(ByteBuffer dst) {
        if (pos >= size) return -1;
        int n = (int) Math.min(Math.min(dst.remaining(), maxRead), size - pos);
        int left = n;
        while (left > 0) {
            int off = (int) (pos % PERIOD);
            int k = Math.min(left, PERIOD);
            dst.put(PATTERN, off, k);
            pos += k;
            left -= k;
        }
        return n;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
    }
}
