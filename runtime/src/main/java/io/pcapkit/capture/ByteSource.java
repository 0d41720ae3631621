package io.pcapkit.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A forward-only window over a channel, addressed by 64-bit file positions so files over 2 GiB
 * are read like any other. The window grows only as far as bytes actually arrive, never to a size
 * a length field merely claims.
 */
final class ByteSource implements AutoCloseable {
    /**
     * Initial window. 64 KiB reads already amortise the system call (the JDK's buffered streams
     * use 8-64 KiB), and a tiny or hostile input costs no more than that: a 1 MiB start made
     * every open of a 3-byte file allocate and clear a megabyte. Larger records grow the window
     * by doubling, never past twice the bytes that arrived.
     */
    static final int INITIAL_WINDOW = 1 << 16;
    /** Largest window a Java array allows; readers ask for at most a block or a resync span. */
    static final int MAX_WINDOW = Integer.MAX_VALUE - 8;

    /** A read of the file failed: the message names the input and the offset. */
    static final class ReadError extends IOException {
        ReadError(String message, IOException cause) {
            super(message, cause);
        }
    }

    private final ReadableByteChannel channel;
    /** The input's name, for read errors. */
    private final String name;
    /** The decompressor's output when the file is compressed (it may end early), else null. */
    private final DecompressedStream decompressed;
    private ByteBuffer buf = ByteBuffer.allocate(INITIAL_WINDOW);
    /** File position of buf[0]. */
    private long base;
    /** Valid bytes in buf: [0, hi). */
    private int hi;
    private boolean eof;
    /** Bytes moved inside memory (compaction, growth): tests check it stays linear in the input. */
    private long moved;

    ByteSource(ReadableByteChannel channel) {
        this(channel, null, "input");
    }

    ByteSource(ReadableByteChannel channel, DecompressedStream decompressed, String name) {
        this.channel = channel;
        this.decompressed = decompressed;
        this.name = name;
    }

    /** Reads from the channel; a failure names the input and where the bytes read so far end. */
    private int read(ByteBuffer b, long at) throws IOException {
        try {
            return channel.read(b);
        } catch (ReadError e) {
            throw e;
        } catch (IOException e) {
            throw new ReadError(name + ": read error after " + at + " bytes: " + e.getMessage(), e);
        }
    }

    /**
     * Why the (decompressed) data ended before the compressed file did, or null: a corrupt or
     * cut compressed file ends the data like a cut file, and readers report it with this.
     */
    String dataProblem() {
        return decompressed == null ? null : decompressed.problem();
    }

    /** Bytes the decompressor delivered: where the data ended when {@link #dataProblem()} is set. */
    long dataEnd() {
        return decompressed == null ? base + hi : decompressed.produced();
    }

    ByteBuffer buffer() {
        return buf;
    }

    /**
     * Makes {@code [pos, pos + n)} readable in {@link #buffer()}. Positions only move forward. The
     * buffer is replaced when it grows, so callers fetch {@link #buffer()} after each call.
     *
     * <p>Costs stay linear in the bytes read: bytes are moved to the front only when the request
     * does not fit behind them (so a reader that asks for a large span again and again, like a
     * resynchronising search, does not copy that span each time), and the window doubles only
     * when it is full of bytes that really arrived, so it never exceeds twice those bytes (or
     * {@link #INITIAL_WINDOW}).
     *
     * @return the index of {@code pos} in the buffer, or -1 when the input ends first (then
     *         {@link #available(long)} tells how many bytes there were)
     */
    int ensure(long pos, int n) throws IOException {
        if (n < 0) throw new IllegalArgumentException("negative length " + n);
        if (pos < base) throw new IllegalStateException("cannot read backwards: " + pos + " < " + base);
        long end = base + hi;
        if (pos + n <= end) return (int) (pos - base);
        if (pos >= end) {
            // nothing buffered at or after pos: discard the window, then read and drop up to pos
            long drop = pos - end;
            base = end;
            hi = 0;
            while (drop > 0 && !eof) {
                buf.clear();
                buf.limit((int) Math.min(buf.capacity(), drop));
                int r = read(buf, base);
                if (r < 0) {
                    eof = true;
                    break;
                }
                base += r;
                drop -= r;
            }
            buf.clear();
            if (drop > 0) return -1;
        }
        // no more bytes will come: do not move what is there again for a request that cannot be met
        if (eof) return -1;
        int idx = (int) (pos - base);
        if ((long) idx + n > buf.capacity() && idx > 0) {
            // the request does not fit behind the bytes already consumed: move the rest to the front
            System.arraycopy(buf.array(), idx, buf.array(), 0, hi - idx);
            moved += hi - idx;
            hi -= idx;
            base = pos;
            idx = 0;
        }
        while (hi - idx < n && !eof) {
            if (hi == buf.capacity()) {
                // full of bytes that arrived (idx is 0 here): double, never past twice those bytes
                int cap = (int) Math.min(MAX_WINDOW, 2L * Math.max(hi, INITIAL_WINDOW));
                if (cap <= hi) throw new IllegalStateException("window limit reached: " + n + " bytes requested");
                ByteBuffer nb = ByteBuffer.allocate(cap);
                System.arraycopy(buf.array(), 0, nb.array(), 0, hi);
                moved += hi;
                buf = nb;
            }
            buf.clear();
            buf.position(hi);
            int r = read(buf, base + hi);
            if (r < 0) {
                eof = true;
                break;
            }
            hi += r;
        }
        buf.clear();
        return hi - idx >= n ? idx : -1;
    }

    /** Bytes moved inside memory so far. */
    long movedBytes() {
        return moved;
    }

    /** Size of the window now (tests check it stays near the bytes that arrived). */
    int capacity() {
        return buf.capacity();
    }

    /** Bytes available from {@code pos} (after a failed {@link #ensure}). */
    long available(long pos) {
        return Math.max(0, base + hi - pos);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
