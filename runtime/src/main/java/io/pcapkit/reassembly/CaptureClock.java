package io.pcapkit.reassembly;

import io.pcapkit.capture.Timestamp;
import java.time.Instant;

/** Capture time as nanoseconds since the epoch, saturating far from the present (clamped pcapng times). */
public final class CaptureClock {
    private CaptureClock() {
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
    static long plus(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : r;
    }
}
