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
    /** Initial window: large enough to amortise reads, small enough to stay in cache. */
    static final int INITIAL_WINDOW = 1 << 20;

    private final ReadableByteChannel channel;
    private ByteBuffer buf = ByteBuffer.allocate(INITIAL_WINDOW);
    /** File position of buf[0]. */
    private long base;
    /** Valid bytes in buf: [0, hi). */
    private int hi;
    private boolean eof;

    ByteSource(ReadableByteChannel channel) {
        this.channel = channel;
    }

    ByteBuffer buffer() {
        return buf;
    }

    /**
     * Makes {@code [pos, pos + n)} readable in {@link #buffer()}.
     *
     * @return the index of {@code pos} in the buffer, or -1 when the input ends first (then
     *         {@link #available(long)} tells how many bytes there were)
     */
    int ensure(long pos, int n) throws IOException {
        if (pos < base) throw new IllegalStateException("cannot read backwards: " + pos + " < " + base);
        if (pos + n <= base + hi) return (int) (pos - base);
        // slide the window so pos is at 0
        long skip = pos - base;
        if (skip >= hi) {
            // beyond what is buffered: discard all, then read and drop up to pos
            long drop = skip - hi;
            base += hi;
            hi = 0;
            while (drop > 0 && !eof) {
                buf.clear();
                buf.limit((int) Math.min(buf.capacity(), drop));
                int r = channel.read(buf);
                if (r < 0) {
                    eof = true;
                    break;
                }
                base += r;
                drop -= r;
            }
            if (drop > 0) return -1;
        } else if (skip > 0) {
            System.arraycopy(buf.array(), (int) skip, buf.array(), 0, hi - (int) skip);
            hi -= (int) skip;
            base = pos;
        }
        while (hi < n && !eof) {
            if (hi == buf.capacity()) {
                // grow by doubling: the window is at most twice the bytes that really arrived
                int cap = (int) Math.min(Integer.MAX_VALUE - 8L, Math.max((long) n, 2L * buf.capacity()));
                cap = (int) Math.min(cap, 2L * Math.max(hi, INITIAL_WINDOW));
                ByteBuffer nb = ByteBuffer.allocate(cap);
                System.arraycopy(buf.array(), 0, nb.array(), 0, hi);
                buf = nb;
            }
            buf.clear();
            buf.position(hi);
            int r = channel.read(buf);
            if (r < 0) {
                eof = true;
                break;
            }
            hi += r;
        }
        buf.clear();
        return hi >= n ? 0 : -1;
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
