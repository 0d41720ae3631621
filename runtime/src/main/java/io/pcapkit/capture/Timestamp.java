package io.pcapkit.capture;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A capture timestamp at the capture's own precision: whole seconds since the epoch (UTC) plus a
 * fraction with {@link #digits} decimal digits (6 for microsecond pcap, 9 for nanosecond, up to 18
 * for finer pcapng resolutions). Mutable and reused by readers.
 */
public final class Timestamp {
    public long seconds;
    public long fraction;
    public int digits = 6;
    /**
     * False for a frame that carries no time (a pcapng Simple Packet Block): its fields are zero,
     * and records leave the time out, as Wireshark does, rather than show 1970.
     */
    public boolean known = true;

    /**
     * Seconds a date can be written for: {@link LocalDateTime}'s range (years -999,999,999 to
     * 999,999,999, slightly inside {@link Instant}'s). A 64-bit pcapng timestamp, or an
     * if_tsoffset, can lie beyond it: readers clamp such a time with {@link #clamp()} and report
     * it, so formatting never fails.
     */
    public static final long MIN_SECONDS = LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC);
    public static final long MAX_SECONDS = LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC);

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }

    public void set(long seconds, long fraction, int digits) {
        this.seconds = seconds;
        this.fraction = fraction;
        this.digits = digits;
        this.known = true;
    }

    public void set(Timestamp t) {
        set(t.seconds, t.fraction, t.digits);
        this.known = t.known;
    }

    /** No time for this frame (see {@link #known}); the fields read as the epoch at {@code digits}. */
    public void setUnknown(int digits) {
        set(0, 0, digits);
        this.known = false;
    }

    /**
     * Sets from an unsigned 64-bit count of {@code 10^-digits} units since the epoch (pcapng with
     * a decimal resolution: the specification makes the timestamp unsigned, and Wireshark reads
     * it so).
     */
    public void setUnits(long units, int digits) {
        long p = POW10[digits];
        long sec = Long.divideUnsigned(units, p);
        // only with one-second units can the unsigned quotient exceed a signed long
        this.seconds = sec < 0 ? Long.MAX_VALUE : sec;
        this.fraction = Long.remainderUnsigned(units, p);
        this.digits = digits;
        this.known = true;
    }

    /** Sets from an unsigned count of {@code 2^-exp} units (pcapng with a binary resolution), to nanoseconds. */
    public void setBinaryUnits(long units, int exp) {
        if (exp >= 64) {
            set(0, 0, 9);
            return;
        }
        long sec = exp == 0 ? (units < 0 ? Long.MAX_VALUE : units) : units >>> exp;
        long rem = exp == 0 ? 0 : units & ((1L << exp) - 1);
        // rem / 2^exp seconds in nanoseconds, without overflow for exp up to 63
        long nanos = java.math.BigInteger.valueOf(rem).multiply(java.math.BigInteger.valueOf(1_000_000_000L)).shiftRight(exp).longValue();
        set(sec, nanos, 9);
    }

    /** Adds seconds (pcapng if_tsoffset), saturating instead of wrapping around. */
    public void addSeconds(long s) {
        long r = seconds + s;
        // overflow iff both operands have the sign opposite to the result's
        if (((seconds ^ r) & (s ^ r)) < 0) r = s > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        seconds = r;
    }

    /**
     * Brings a time outside what {@link Instant} can hold back to the nearest end of its range.
     *
     * @return true when the time had to be changed
     */
    public boolean clamp() {
        if (seconds >= MIN_SECONDS && seconds <= MAX_SECONDS) return false;
        seconds = seconds < MIN_SECONDS ? MIN_SECONDS : MAX_SECONDS;
        fraction = 0;
        return true;
    }

    /** Nanoseconds of the fraction (truncated when the precision is finer). */
    public long nanos() {
        return digits <= 9 ? fraction * POW10[9 - digits] : fraction / POW10[digits - 9];
    }

    /** The time as an Instant (saturated at Instant's range should a caller skip {@link #clamp()}). */
    public Instant instant() {
        return Instant.ofEpochSecond(clampedSeconds(), nanos());
    }

    private long clampedSeconds() {
        return Math.max(MIN_SECONDS, Math.min(MAX_SECONDS, seconds));
    }

    /**
     * {@code seconds.fraction} with all the capture's digits, e.g. {@code 1511106549.777804}.
     * Before 1970 the fraction still counts forward from the (floored) second, so it is written
     * as the negative decimal it means: -5 s + 0.25 s is {@code -4.750000}.
     */
    public StringBuilder appendEpoch(StringBuilder b) {
        if (seconds < 0 && fraction > 0 && digits > 0) {
            // before the epoch (a negative if_tsoffset): seconds is floored and the fraction counts
            // up from it, so -506 + 0.574713 is written -505.425287
            b.append('-').append(-(seconds + 1)).append('.');
            appendFraction(b, POW10[digits] - fraction);
            return b;
        }
        b.append(seconds);
        if (digits > 0) {
            b.append('.');
            appendFraction(b, fraction);
        }
        return b;
    }

    private void appendFraction(StringBuilder b, long fraction) {
        String f = Long.toString(fraction);
        for (int i = f.length(); i < digits; i++) b.append('0');
        b.append(f);
    }

    /** ISO-8601 in UTC with all the capture's digits, e.g. {@code 2017-11-19T15:49:09.777804Z}. */
    public StringBuilder appendIso(StringBuilder b) {
        Instant i = Instant.ofEpochSecond(clampedSeconds());
        DateTimeFormatter.ISO_LOCAL_DATE_TIME.formatTo(i.atOffset(ZoneOffset.UTC).toLocalDateTime(), b);
        if (digits > 0) {
            b.append('.');
            appendFraction(b, fraction);
        }
        return b.append('Z');
    }

    public String epochString() {
        return appendEpoch(new StringBuilder(24)).toString();
    }

    public String isoString() {
        return appendIso(new StringBuilder(32)).toString();
    }

    @Override
    public String toString() {
        return isoString();
    }
}
