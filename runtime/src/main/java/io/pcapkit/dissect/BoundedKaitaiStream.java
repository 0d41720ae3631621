package io.pcapkit.dissect;

import io.kaitai.struct.ByteBufferKaitaiStream;
import io.kaitai.struct.KaitaiStream;
import java.nio.ByteBuffer;

/**
 * The Kaitai stream used by reference codecs: it checks a length against the bytes remaining
 * before allocating, where the stock runtime would allocate whatever a length field claims, and
 * reports a sized field that runs past the end as a truncation; so is a seek past the end (a
 * positional instance).
 */
public final class BoundedKaitaiStream extends ByteBufferKaitaiStream {
    /** A read asked for more bytes than remain. */
    public static final class Truncated extends RuntimeException {
        public Truncated(long need, long have) {
            super("needs " + need + " bytes, " + have + " available", null, false, false);
        }
    }

    public BoundedKaitaiStream(ByteBuffer buffer) {
        super(buffer);
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

    /**
     * The stream of a sized field: checked like {@link #readBytes} (the stock runtime fails with an
     * IllegalArgumentException, not a truncation) and bounded itself, so that reads inside it
     * check their lengths too.
     */
    @Override
    public KaitaiStream substream(long n) {
        left(n);
        return new BoundedKaitaiStream(((ByteBufferKaitaiStream) super.substream(n)).asRoBuffer());
    }
}
