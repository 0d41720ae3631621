package io.pcapkit.dissect.proc;

import java.nio.ByteBuffer;

/**
 * A growable byte buffer that processors write their decoded form into. It is reused frame after
 * frame, so a steady stream of frames allocates nothing once it has grown to the largest output.
 */
public final class Output {
    private byte[] a;
    private int n;

    public Output(int initial) {
        a = new byte[Math.max(16, initial)];
    }

    public int size() {
        return n;
    }

    public void clear() {
        n = 0;
    }

    /** Drops what was written after {@code size} (an aborted decode). */
    public void truncate(int size) {
        n = Math.min(n, size);
    }

    private void room(int k) {
        if (n + k > a.length) a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, n + k));
    }

    public void put(byte b) {
        room(1);
        a[n++] = b;
    }

    public void putShort(int v) {
        room(2);
        a[n++] = (byte) (v >>> 8);
        a[n++] = (byte) v;
    }

    public void putInt(long v) {
        room(4);
        a[n++] = (byte) (v >>> 24);
        a[n++] = (byte) (v >>> 16);
        a[n++] = (byte) (v >>> 8);
        a[n++] = (byte) v;
    }

    /** Overwrites 4 bytes at {@code at} (a length written before its data). */
    public void setInt(int at, long v) {
        a[at] = (byte) (v >>> 24);
        a[at + 1] = (byte) (v >>> 16);
        a[at + 2] = (byte) (v >>> 8);
        a[at + 3] = (byte) v;
    }

    public void setShort(int at, int v) {
        a[at] = (byte) (v >>> 8);
        a[at + 1] = (byte) v;
    }

    public void put(byte[] src, int off, int len) {
        room(len);
        System.arraycopy(src, off, a, n, len);
        n += len;
    }

    public void put(ByteBuffer src, int off, int len) {
        room(len);
        src.get(off, a, n, len);
        n += len;
    }

    /** The bytes written, as a buffer over the internal array (valid until the next write). */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(a, 0, n);
    }

    public byte[] array() {
        return a;
    }

    public byte[] copy(int off, int len) {
        return java.util.Arrays.copyOfRange(a, off, off + len);
    }
}
