package io.pcapkit.flow;

import io.pcapkit.frame.Formats;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable buffer of ASCII text written without intermediate strings (index entries: numbers, addresses, labels). */
final class Ascii {
    byte[] buf;
    int len;

    Ascii() {
        this(64);
    }

    /** @param capacity the bytes held before the buffer first grows */
    Ascii(int capacity) {
        buf = new byte[capacity];
    }

    Ascii reset() {
        len = 0;
        return this;
    }

    private void room(int n) {
        if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(len + n, buf.length * 2));
    }

    Ascii put(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    Ascii put(byte[] b, int n) {
        room(n);
        System.arraycopy(b, 0, buf, len, n);
        len += n;
        return this;
    }

    /** Appends {@code n} bytes of this buffer, from {@code from}. */
    Ascii copy(int from, int n) {
        room(n);
        System.arraycopy(buf, from, buf, len, n);
        len += n;
        return this;
    }

    Ascii put(char c) {
        room(1);
        buf[len++] = (byte) c;
        return this;
    }

    /** A string of ASCII characters. */
    Ascii put(String s) {
        int n = s.length();
        room(n);
        for (int i = 0; i < n; i++) buf[len++] = (byte) s.charAt(i);
        return this;
    }

    private static final byte[] TENS = new byte[100];
    private static final byte[] ONES = new byte[100];

    static {
        for (int i = 0; i < 100; i++) {
            TENS[i] = (byte) ('0' + i / 10);
            ONES[i] = (byte) ('0' + i % 10);
        }
    }

    /** Decimal, two digits at a time from the right (32-bit arithmetic when the value fits). */
    Ascii num(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) return put(Long.toString(v));
            put('-');
            v = -v;
        }
        if (v < 10) {
            room(1);
            buf[len++] = (byte) ('0' + v);
            return this;
        }
        if (v <= Integer.MAX_VALUE) return num((int) v);
        int n = 10;
        for (long t = v / 10_000_000_000L; t > 0; t /= 10) n++;
        room(n);
        int p = len + n;
        len = p;
        while (v > Integer.MAX_VALUE) {
            int r = (int) (v % 100);
            v /= 100;
            buf[--p] = ONES[r];
            buf[--p] = TENS[r];
        }
        int x = (int) v;
        while (x >= 100) {
            int r = x % 100;
            x /= 100;
            buf[--p] = ONES[r];
            buf[--p] = TENS[r];
        }
        if (x >= 10) {
            buf[--p] = ONES[x];
            buf[--p] = TENS[x];
        } else {
            buf[--p] = (byte) ('0' + x);
        }
        return this;
    }

    /** 10 to the power of the index, up to 10^18 (the widths of time fractions and the like) */
    static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }

    private static final int[] LIMITS = {9, 99, 999, 9_999, 99_999, 999_999, 9_999_999, 99_999_999, 999_999_999, Integer.MAX_VALUE};

    private Ascii num(int x) {
        int n = 1;
        while (x > LIMITS[n - 1]) n++;
        room(n);
        int p = len + n;
        len = p;
        while (x >= 100) {
            int r = x % 100;
            x /= 100;
            buf[--p] = ONES[r];
            buf[--p] = TENS[r];
        }
        if (x >= 10) {
            buf[--p] = ONES[x];
            buf[--p] = TENS[x];
        } else {
            buf[--p] = (byte) ('0' + x);
        }
        return this;
    }

    /** {@code v} with leading zeros to {@code digits} digits. */
    Ascii padded(long v, int digits) {
        if (v >= 0 && digits <= 18 && v < POW10[digits]) {
            // the usual case, a time's fraction: exactly that many digits, written from the right
            room(digits);
            int p = len + digits;
            len = p;
            int n = digits;
            for (; n >= 2; n -= 2) {
                int r = (int) (v % 100);
                v /= 100;
                buf[--p] = ONES[r];
                buf[--p] = TENS[r];
            }
            if (n == 1) buf[--p] = (byte) ('0' + v);
            return this;
        }
        room(digits + 20);
        int at = len;
        num(v);
        int n = len - at;
        if (n < digits) {
            int pad = digits - n;
            System.arraycopy(buf, at, buf, at + pad, n);
            for (int i = 0; i < pad; i++) buf[at + i] = '0';
            len += pad;
        }
        return this;
    }

    /** Dotted quad of the low 32 bits. */
    Ascii ipv4(long v) {
        room(15);
        octet((int) (v >>> 24) & 0xff);
        buf[len++] = '.';
        octet((int) (v >>> 16) & 0xff);
        buf[len++] = '.';
        octet((int) (v >>> 8) & 0xff);
        buf[len++] = '.';
        octet((int) v & 0xff);
        return this;
    }

    private void octet(int v) {
        if (v >= 100) buf[len++] = (byte) ('0' + v / 100);
        if (v >= 10) buf[len++] = TENS[v % 100];
        buf[len++] = ONES[v % 100];
    }

    private static final byte[] HEX = bytes("0123456789abcdef");

    /**
     * An IPv6 address as {@link io.pcapkit.frame.Formats#ipv6} (RFC 5952, tshark) writes it:
     * lower case, leading zeros dropped, the longest run of two or more zero groups as "::", an
     * IPv4-mapped address with a dotted tail.
     */
    Ascii ipv6(long hi, long lo) {
        room(48);
        if (Formats.ipv4Mapped(hi, lo)) {
            put("::ffff:");
            return ipv4(lo & 0xFFFFFFFFL);
        }
        int run = Formats.ipv6ZeroRun(hi, lo);
        int bestStart = run < 0 ? -1 : run >>> 8;
        int bestLen = run & 0xff;
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                buf[len++] = ':';
                buf[len++] = ':';
                i += bestLen - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLen) buf[len++] = ':';
            hex16(Formats.ipv6Group(hi, lo, i));
        }
        return this;
    }

    /** A 16-bit group in hex without leading zeros. */
    private void hex16(int v) {
        // the digits needed: a quarter of the significant bits, rounded up (at least one)
        int shift = v == 0 ? 0 : (31 - Integer.numberOfLeadingZeros(v)) & ~3;
        for (; shift >= 0; shift -= 4) buf[len++] = HEX[v >>> shift & 15];
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
