package io.pcapkit.dissect;

import io.kaitai.struct.ByteBufferKaitaiStream;
import io.kaitai.struct.KaitaiStream;
import java.nio.ByteBuffer;

/**
 * The Kaitai stream used by reference codecs: it checks a length against the bytes remaining
 * before allocating, where the stock runtime would allocate whatever a length field claims.
 *
 * <p>Sized sub-structures (options, {@code size:} on a user type) are parsed from
 * {@link #substream}, which the stock runtime answers with a plain stream: reads inside it would
 * allocate a claimed length again. Here a substream is bounded too, and one longer than the bytes
 * left is a truncation, not a buffer error; so is a seek past the end (a positional instance).
 */
public final class BoundedKaitaiStream extends ByteBufferKaitaiStream {
    /** A read asked for more bytes than remain. */
    public static final class Truncated extends RuntimeException {
        public Truncated(long need, long have) {
            super("needs " + need + " bytes, " + have + " available", null, false, false);
        }
    }

    /** The stream's own buffer (the runtime keeps its copy private). */
    private final ByteBuffer buf;

    public BoundedKaitaiStream(ByteBuffer buffer) {
        super(buffer);
        this.buf = buffer;
    }

    private long left(long n) {
        long have = size() - pos();
        if (n < 0 || n > have) throw new Truncated(n, have);
        return n;
    }

    @Override
    public byte[] readBytes(long n) {
        left(n);
        return super.readBytes(n);
    }

    /** A positional instance past the end is a truncation (the stock stream fails with a buffer error). */
    @Override
    public void seek(long newPos) {
        if (newPos < 0 || newPos > size()) throw new Truncated(newPos, size());
        super.seek(newPos);
    }

    /** The stock {@code seek(long)} lands here (and calls back into no other overload). */
    @Override
    public void seek(int newPos) {
        if (newPos < 0 || newPos > size()) throw new Truncated(newPos, size());
        super.seek(newPos);
    }

    /** The next {@code n} bytes as a bounded stream of their own; this stream moves past them. */
    @Override
    public KaitaiStream substream(long n) {
        int len = (int) left(n);
        ByteBuffer sub = buf.slice();
        sub.limit(len);
        buf.position(buf.position() + len);
        return new BoundedKaitaiStream(sub);
    }
}
