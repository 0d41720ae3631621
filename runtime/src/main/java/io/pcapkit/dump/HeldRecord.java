package io.pcapkit.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The record a {@link FrameRecords} holds: the bytes written for one frame, and that frame's
 * number once its record is whole.
 */
abstract class HeldRecord implements FrameRecords {
    private byte[] record;
    private int length;
    /** the frame number of the record held, or -1 while none is whole */
    private long number = -1;

    /** @param initialBytes the buffer's first size: a typical record fits */
    HeldRecord(int initialBytes) {
        record = new byte[initialBytes];
    }

    @Override
    public final boolean holds(long frameNumber) {
        return number == frameNumber && number >= 0;
    }

    @Override
    public final void writeTo(OutputStream out) throws IOException {
        out.write(record, 0, length);
    }

    /** A record starts: what was held goes. */
    final void startRecord() {
        number = -1;
        length = 0;
    }

    /** Bytes of the record being written. */
    final void append(byte[] b, int off, int len) {
        if (length + len > record.length) record = Arrays.copyOf(record, Math.max(length + len, 2 * record.length));
        System.arraycopy(b, off, record, length, len);
        length += len;
    }

    /** The record is whole: frame {@code frameNumber}'s. */
    final void endRecord(long frameNumber) {
        number = frameNumber;
    }
}
