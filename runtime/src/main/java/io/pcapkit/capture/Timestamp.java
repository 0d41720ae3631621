package io.pcapkit.capture;

import java.time.Instant;
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

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }

    public void set(long seconds, long fraction, int digits) {
        this.seconds = seconds;
        this.fraction = fraction;
        this.digits = digits;
    }

    public void set(Timestamp t) {
        set(t.seconds, t.fraction, t.digits);
    }

    /**
     * Sets from an unsigned count of {@code 10^-digits} units since the epoch (pcapng with a
     * decimal resolution: the specification makes the 64-bit timestamp unsigned, and Wireshark
     * reads it so).
     */
    public void setUnits(long units, int digits) {
        long p = POW10[digits];
        this.seconds = Long.divideUnsigned(units, p);
        this.fraction = Long.remainderUnsigned(units, p);
        this.digits = digits;
    }

    /** Sets from an unsigned count of {@code 2^-exp} units (pcapng with a binary resolution), to nanoseconds. */
    public void setBinaryUnits(long units, int exp) {
        if (exp >= 64) {
            set(0, 0, 9);
            return;
        }
        long sec = exp == 0 ? units : units >>> exp;
        long rem = exp == 0 ? 0 : units & ((1L << exp) - 1);
        // rem / 2^exp seconds in nanoseconds, without overflow for exp up to 63
        long nanos = java.math.BigInteger.valueOf(rem).multiply(java.math.BigInteger.valueOf(1_000_000_000L)).shiftRight(exp).longValue();
        set(sec, nanos, 9);
    }

    public void addSeconds(long s) {
        seconds += s;
    }

    /** Nanoseconds of the fraction (truncated when the precision is finer). */
    public long nanos() {
        return digits <= 9 ? fraction * POW10[9 - digits] : fraction / POW10[digits - 9];
    }

    public Instant instant() {
        return Instant.ofEpochSecond(seconds, nanos());
    }

    /** {@code seconds.fraction} with all the capture's digits, e.g. {@code 1511106549.777804}. */
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
            appendFraction(b);
        }
        return b;
    }

    private void appendFraction(StringBuilder b) {
        appendFraction(b, fraction);
    }

    private void appendFraction(StringBuilder b, long fraction) {
        String f = Long.toString(fraction);
        for (int i = f.length(); i < digits; i++) b.append('0');
        b.append(f);
    }

    /** ISO-8601 in UTC with all the capture's digits, e.g. {@code 2017-11-19T15:49:09.777804Z}. */
    public StringBuilder appendIso(StringBuilder b) {
        Instant i = Instant.ofEpochSecond(seconds);
        DateTimeFormatter.ISO_LOCAL_DATE_TIME.formatTo(i.atOffset(ZoneOffset.UTC).toLocalDateTime(), b);
        if (digits > 0) {
            b.append('.');
            appendFraction(b);
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
