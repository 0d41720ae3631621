package io.pcapkit.dump;

import io.pcapkit.capture.Timestamp;

/**
 * Writes a {@link Timestamp} as text into a {@code char[]} without allocating: the frame record's
 * {@code time} (UTC ISO-8601) and {@code time_epoch} (seconds with all the capture's digits).
 *
 * <p>Why not {@link Timestamp#appendIso}: it goes through {@code java.time} and a formatter, several
 * objects and a few hundred nanoseconds per frame, more than the whole dissection of a frame. The
 * output is the same for every instant {@code java.time} can represent (a test compares them); the
 * date part is cached per day, since consecutive frames almost always share it.
 */
public final class TimeText {
    /** Longest ISO text: sign, 12-digit year, the rest, 18 fraction digits, 'Z'. */
    public static final int MAX_ISO = 64;
    /** Longest epoch text: sign, 19 digits, '.', 18 digits. */
    static final int MAX_EPOCH = 48;

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }

    // consecutive frames share their day and usually their second: their text is kept
    private long cachedDay = Long.MIN_VALUE;
    private final char[] cachedDate = new char[24];
    private int cachedDateLen;
    private long isoSecond = Long.MIN_VALUE;
    private final char[] isoPrefix = new char[40];
    private int isoPrefixLen;
    private long epochSecond = Long.MIN_VALUE;
    private final char[] epochPrefix = new char[24];
    private int epochPrefixLen;

    /**
     * {@code 2017-11-19T15:49:09.777804Z} into {@code out} at {@code at} (room for
     * {@link #MAX_ISO} chars); the same text as {@link Timestamp#appendIso}, years beyond 9999 with
     * a '+' and years before 0 with a '-', as {@code java.time} writes them.
     *
     * @return the end position
     */
    public int iso(Timestamp t, char[] out, int at) {
        if (t.seconds != isoSecond) {
            long day = Math.floorDiv(t.seconds, 86_400L);
            int secOfDay = (int) Math.floorMod(t.seconds, 86_400L);
            if (day != cachedDay) {
                cachedDateLen = date(day, cachedDate);
                cachedDay = day;
            }
            System.arraycopy(cachedDate, 0, isoPrefix, 0, cachedDateLen);
            int p = cachedDateLen;
            isoPrefix[p++] = 'T';
            p = two(isoPrefix, p, secOfDay / 3600);
            isoPrefix[p++] = ':';
            p = two(isoPrefix, p, secOfDay / 60 % 60);
            isoPrefix[p++] = ':';
            p = two(isoPrefix, p, secOfDay % 60);
            isoPrefixLen = p;
            isoSecond = t.seconds;
        }
        System.arraycopy(isoPrefix, 0, out, at, isoPrefixLen);
        int p = at + isoPrefixLen;
        if (t.digits > 0) {
            out[p++] = '.';
            p = fraction(out, p, t.fraction, t.digits);
        }
        out[p++] = 'Z';
        return p;
    }

    /**
     * {@code 1511106549.777804} into {@code out} at {@code at} (room for {@link #MAX_EPOCH}
     * chars): a decimal number with exactly the capture's digits. A time before 1970 is written
     * as the negative number it is ({@code -0.25}), not as floor seconds plus a fraction.
     *
     * @return the end position
     */
    int epoch(Timestamp t, char[] out, int at) {
        long s = t.seconds;
        long f = t.fraction;
        int d = t.digits;
        if (s >= 0) {
            if (s != epochSecond) {
                epochPrefixLen = unsigned(epochPrefix, 0, s);
                epochSecond = s;
            }
            System.arraycopy(epochPrefix, 0, out, at, epochPrefixLen);
            int p = at + epochPrefixLen;
            if (d > 0) {
                out[p++] = '.';
                p = fraction(out, p, f, d);
            }
            return p;
        }
        int p = at;
        out[p++] = '-';
        if (d > 0 && f > 0) {
            s = -(s + 1);
            f = POW10[d] - f;
        } else {
            s = -s;
        }
        if (s < 0) { // Long.MIN_VALUE: its magnitude has no long
            String m = "9223372036854775808";
            m.getChars(0, m.length(), out, p);
            p += m.length();
        } else {
            p = unsigned(out, p, s);
        }
        if (d > 0) {
            out[p++] = '.';
            p = fraction(out, p, f, d);
        }
        return p;
    }

    /** Non-negative {@code v} in decimal. */
    static int unsigned(char[] out, int p, long v) {
        if (v == 0) {
            out[p] = '0';
            return p + 1;
        }
        int n = 1;
        for (long x = v; x >= 10; x /= 10) n++;
        int end = p + n;
        for (int i = end - 1; i >= p; i--) {
            out[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return end;
    }

    /** {@code f} zero-padded to {@code digits} digits (int arithmetic up to 9 digits: it is faster). */
    private static int fraction(char[] out, int p, long f, int digits) {
        int end = p + digits;
        int i = end - 1;
        if (digits <= 9) {
            int v = (int) f;
            for (; i >= p; i--) {
                out[i] = (char) ('0' + v % 10);
                v /= 10;
            }
            return end;
        }
        for (; i >= p; i--) {
            out[i] = (char) ('0' + f % 10);
            f /= 10;
        }
        return end;
    }

    private static int two(char[] out, int p, int v) {
        out[p] = (char) ('0' + v / 10);
        out[p + 1] = (char) ('0' + v % 10);
        return p + 2;
    }

    /**
     * {@code yyyy-mm-dd} of a day count since 1970-01-01 (proleptic Gregorian), by H. Hinnant's
     * {@code civil_from_days}.
     */
    private static int date(long days, char[] out) {
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        if (m <= 2) y++;
        int p = 0;
        if (y > 9999) {
            out[p++] = '+';
            p = unsigned(out, p, y);
        } else if (y < 0) {
            out[p++] = '-';
            long a = -y;
            if (a < 1000) p = fraction(out, p, a, 4);
            else p = unsigned(out, p, a);
        } else {
            p = fraction(out, p, y, 4);
        }
        out[p++] = '-';
        p = two(out, p, m);
        out[p++] = '-';
        p = two(out, p, d);
        return p;
    }
}
