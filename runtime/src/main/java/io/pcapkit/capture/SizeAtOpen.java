package io.pcapkit.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A file's bytes up to the size it had when it was opened. A capture that is still being written
 * (tcpdump -w, a ring buffer) grows while it is read; reading it to that size gives the same
 * records whenever the read happens to run, and the record being written at open time is
 * reported as cut, with its offset, like any cut file. Open the file again to read what came
 * later.
 */
final class SizeAtOpen implements ReadableByteChannel {
    private final ReadableByteChannel channel;
    private long left;

    SizeAtOpen(ReadableByteChannel channel, long size) {
        this.channel = channel;
        this.left = size;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (left <= 0) return -1;
        if (!dst.hasRemaining()) return 0;
        int limit = dst.limit();
        if (dst.remaining() > left) dst.limit(dst.position() + (int) left);
        try {
            int r = channel.read(dst);
            if (r > 0) left -= r;
            return r;
        } finally {
            dst.limit(limit);
        }
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
