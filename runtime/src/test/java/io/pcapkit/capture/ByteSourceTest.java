package io.pcapkit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The forward-only window: 64-bit positions, exact counts at the end, bounded growth. */
class ByteSourceTest {
    private static final long G = 1L << 30;

    private static void assertBytes(ByteSource s, int idx, long pos, int n) {
        ByteBuffer b = s.buffer();
        for (int i = 0; i < n; i++) {
            assertEquals(PatternChannel.byteAt(pos + i), b.get(idx + i), "byte at " + (pos + i));
        }
    }

    @Test
    void positionsBeyondTwoAndFourGibibytes() throws IOException {
        long size = 5 * G + 3;
        PatternChannel ch = new PatternChannel(size, 1 << 20);
        try (ByteSource s = new ByteSource(ch)) {
            // 2^31 - 7 and 2^32 - 5 straddle the int and the unsigned-int boundaries
            for (long pos : new long[] {0, Integer.MAX_VALUE - 7L, Integer.MAX_VALUE + 1L, (1L << 32) - 5, (1L << 32) + 12_345, 5 * G - 100}) {
                int idx = s.ensure(pos, 64);
                assertTrue(idx >= 0, "at " + pos);
                assertBytes(s, idx, pos, 64);
                assertEquals(s.available(pos) >= 64, true);
            }
            // the end: exact counts past 2^32
            long last = size - 10;
            assertEquals(-1, s.ensure(last, 11));
            assertEquals(10, s.available(last));
            int idx = s.ensure(last, 10);
            assertBytes(s, idx, last, 10);
            assertEquals(-1, s.ensure(size, 1));
            assertEquals(0, s.available(size));
            assertEquals(-1, s.ensure(size + G, 1));
            assertEquals(0, s.available(size + G));
            assertEquals(size, ch.position());
            assertThrows(IllegalStateException.class, () -> s.ensure(last - 1, 1));
            assertTrue(s.capacity() <= 2 * ByteSource.INITIAL_WINDOW, "window " + s.capacity());
        }
    }

    /** A request beyond what arrives grows the window only with the bytes that really come. */
    @Test
    void growthFollowsTheBytesPresent() throws IOException {
        for (long present : new long[] {100, ByteSource.INITIAL_WINDOW + 1L, 3L * ByteSource.INITIAL_WINDOW + 17}) {
            try (ByteSource s = new ByteSource(new PatternChannel(present, 4096))) {
                assertEquals(-1, s.ensure(0, Integer.MAX_VALUE - 8));
                assertEquals(present, s.available(0));
                assertTrue(s.capacity() <= Math.max(ByteSource.INITIAL_WINDOW, 2 * present), present + ": window " + s.capacity());
                int idx = s.ensure(present - 5, 5);
                assertBytes(s, idx, present - 5, 5);
            }
        }
        // the same far from the start
        long far = 3 * G;
        try (ByteSource s = new ByteSource(new PatternChannel(far + 1000, 1 << 20))) {
            assertEquals(-1, s.ensure(far, 16 << 20));
            assertEquals(1000, s.available(far));
            assertEquals(-1, s.ensure(far + 10, 16 << 20));
            assertEquals(990, s.available(far + 10));
            assertTrue(s.capacity() <= 2 * ByteSource.INITIAL_WINDOW, "window " + s.capacity());
        }
    }

    @Test
    void zeroLengthAndNegativeRequests() throws IOException {
        try (ByteSource s = new ByteSource(new PatternChannel(10, 4))) {
            assertEquals(0, s.ensure(10, 0));
            assertEquals(-1, s.ensure(11, 0));
            assertThrows(IllegalArgumentException.class, () -> s.ensure(11, -1));
        }
    }
}
