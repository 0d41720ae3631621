package io.pcapkit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Timestamps at full precision, including the values a hostile file can put in them. */
class TimestampTest {
    @Test
    void unsignedPcapngUnits() {
        Timestamp t = new Timestamp();
        t.setUnits(-1L, 9); // 2^64 - 1 ns
        assertEquals(18_446_744_073L, t.seconds);
        assertEquals(709_551_615L, t.fraction);
        t.setUnits(-1L, 0); // 2^64 - 1 s: beyond a long of seconds
        assertEquals(Long.MAX_VALUE, t.seconds);
        assertTrue(t.clamp());
        assertEquals(Timestamp.MAX_SECONDS, t.seconds);
        t.setBinaryUnits(-1L, 0);
        assertTrue(t.clamp());
        t.setBinaryUnits((5L << 20) + (1L << 19), 20);
        assertEquals("5.500000000", t.epochString());
    }

    @Test
    void offsetsSaturate() {
        Timestamp t = new Timestamp();
        t.set(Long.MAX_VALUE - 5, 0, 6);
        t.addSeconds(100);
        assertEquals(Long.MAX_VALUE, t.seconds);
        t.set(-5, 0, 6);
        t.addSeconds(Long.MIN_VALUE);
        assertEquals(Long.MIN_VALUE, t.seconds);
        assertTrue(t.clamp());
        assertEquals(Timestamp.MIN_SECONDS, t.seconds);
        assertEquals("-999999999-01-01T00:00:00.000000Z", t.isoString());
        t.set(1_600_000_000L, 5, 6);
        assertFalse(t.clamp());
    }

    @Test
    void formattingNeverThrows() {
        Timestamp t = new Timestamp();
        t.set(Long.MAX_VALUE, 123, 9);
        // unclamped on purpose: a caller that skips clamp() still gets a time, saturated
        assertEquals(Instant.ofEpochSecond(Timestamp.MAX_SECONDS, 123), t.instant());
        t.isoString();
        t.set(Long.MIN_VALUE, 0, 0);
        t.isoString();
        t.epochString();
    }

    /**
     * Before 1970 the fraction counts forward from the floored second: -10 s + 0.25 s is
     * -9.75 s. Accepted difference: tshark 4.0 prints that time_epoch as "-10.250000000" (the
     * second and the fraction side by side) while its date, 23:59:50.25, is the same instant as
     * ours.
     */
    @Test
    void beforeTheEpoch() {
        Timestamp t = new Timestamp();
        t.set(-10, 250_000, 6);
        assertEquals("-9.750000", t.epochString());
        assertEquals("1969-12-31T23:59:50.250000Z", t.isoString());
        t.set(-10, 0, 6);
        assertEquals("-10.000000", t.epochString());
        t.set(-1, 999_999_999, 9);
        assertEquals("-0.000000001", t.epochString());
        t.set(-3, 0, 0);
        assertEquals("-3", t.epochString());
    }
}
