package io.pcapkit.dissect;

import io.kaitai.struct.ByteBufferKaitaiStream;
import java.nio.ByteBuffer;

/**
 * The Kaitai stream used by reference codecs: it checks a length against the bytes remaining
 * before allocating, where the stock runtime would allocate whatever a length field claims.
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

    @Override
    public byte[] readBytes(long n) {
        long have = size() - pos();
        if (n < 0 || n > have) throw new Truncated(n, have);
        return super.readBytes(n);
    }

    /** A sized type's stream: past the end is a truncation, as for bytes (the stock one throws IllegalArgumentException). */
    @Override
    public io.kaitai.struct.KaitaiStream substream(long n) {
        long have = size() - pos();
        if (n < 0 || n > have) throw new Truncated(n, have);
        return super.substream(n);
    }
}
