package io.pcapkit.reassembly;

import io.pcapkit.capture.Timestamp;
import java.time.Instant;

/**
 * Capture time for timeouts. {@link #nanos} turns a timestamp into nanoseconds since the epoch
 * (saturating far from the present: clamped pcapng times). An instance is a clock fed the frames'
 * times in capture order: {@link #observe} gives the time timeouts are measured against, the
 * earlier of this frame's time and the previous frame's, never going back. So one frame with a
 * wild timestamp (the corpus has a pcapng frame dated 2061 among frames of 2015) cannot expire
 * everything, while a real pause in the traffic expires what it should one frame later.
 */
public final class CaptureClock {
    private long previous = Long.MIN_VALUE;
    private long now = Long.MIN_VALUE;

    /** Takes a frame's time; returns the clock for timeouts (Long.MIN_VALUE until two frames were seen). */
    public long observe(long nanos) {
        long t = Math.min(nanos, previous);
        previous = nanos;
        if (t > now) now = t;
        return now;
    }

    /** The clock for timeouts as of the last frame observed. */
    public long now() {
        return now;
    }

    private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;

    public static long nanos(Timestamp t) {
        long s = t.seconds;
        if (s > MAX_SECONDS) return Long.MAX_VALUE;
        if (s < -MAX_SECONDS) return Long.MIN_VALUE;
        return s * 1_000_000_000L + t.nanos();
    }

    public static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /** {@code a + b} without overflow. */
    public static long plus(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : r;
    }
}
