package io.pcapkit.frame;

import io.pcapkit.dissect.Format;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Text forms of field values, written into a caller's {@link StringBuilder} without allocating:
 * MACs as {@code aa:bb:cc:dd:ee:ff}, IPv4 dotted, IPv6 in RFC 5952 form, bytes as hex.
 */
public final class Formats {
    private Formats() {
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    public static void hex(StringBuilder b, ByteBuffer buf, int off, int len) {
        for (int i = 0; i < len; i++) {
            int v = buf.get(off + i) & 0xff;
            b.append(HEX[v >>> 4]).append(HEX[v & 15]);
        }
    }

    public static void mac(StringBuilder b, ByteBuffer buf, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (i > 0) b.append(':');
            int v = buf.get(off + i) & 0xff;
            b.append(HEX[v >>> 4]).append(HEX[v & 15]);
        }
    }

    public static void ipv4(StringBuilder b, long v) {
        b.append((v >>> 24) & 0xff).append('.').append((v >>> 16) & 0xff).append('.').append((v >>> 8) & 0xff).append('.').append(v & 0xff);
    }

    public static void ipv4(StringBuilder b, ByteBuffer buf, int off) {
        ipv4(b, buf.getInt(off) & 0xffffffffL);
    }

    /** RFC 5952: lower case, leading zeros dropped, the longest run (of 2+) of zero groups as {@code ::}. */
    public static void ipv6(StringBuilder b, ByteBuffer buf, int off) {
        long hi = buf.getLong(off);
        long lo = buf.getLong(off + 8);
        // IPv4-mapped (::ffff:a.b.c.d) is written with a dotted tail, as RFC 5952 section 5 recommends
        if (ipv4Mapped(hi, lo)) {
            b.append("::ffff:");
            ipv4(b, lo & 0xffffffffL);
            return;
        }
        int run = ipv6ZeroRun(hi, lo);
        int bestStart = run < 0 ? -1 : run >>> 8;
        int bestLen = run & 0xff;
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLen) b.append(':');
            int v = ipv6Group(hi, lo, i);
            boolean started = false;
            for (int s = 12; s >= 0; s -= 4) {
                int d = (v >>> s) & 15;
                if (d != 0 || started || s == 0) {
                    b.append(HEX[d]);
                    started = true;
                }
            }
        }
    }

    /** Group {@code i} (0-7) of the IPv6 address whose big-endian halves are {@code hi} and {@code lo}. */
    public static int ipv6Group(long hi, long lo, int i) {
        return (int) ((i < 4 ? hi : lo) >>> (48 - 16 * (i & 3))) & 0xffff;
    }

    /** Whether the address is IPv4-mapped, {@code ::ffff:a.b.c.d}. */
    public static boolean ipv4Mapped(long hi, long lo) {
        return hi == 0 && (lo >>> 32) == 0xffff;
    }

    /**
     * The zero groups RFC 5952 writes as {@code ::}: the longest run of two or more (the first of
     * equal ones), as {@code start << 8 | length}, or -1 when there is none. One place for the
     * rule that every address writer (text, chars, bytes) follows.
     */
    public static int ipv6ZeroRun(long hi, long lo) {
        return ZERO_RUNS[zeroGroups(hi) | zeroGroups(lo) << 4];
    }

    /**
     * Bit i set when 16-bit group i (0 the most significant) of {@code x} is zero: the high bit of
     * each lane of {@code ~((x & 0x7fff..) + 0x7fff.. | x | 0x7fff..)} is set exactly for a zero lane.
     */
    private static int zeroGroups(long x) {
        long lanes = 0x7fff7fff7fff7fffL;
        long z = ~(((x & lanes) + lanes) | x | lanes);
        return (int) (z >>> 63) | (int) (z >>> 46) & 2 | (int) (z >>> 29) & 4 | (int) (z >>> 12) & 8;
    }

    /** {@link #ipv6ZeroRun} by the mask of zero groups (bit i: group i is zero): 256 cases, each worked out once. */
    private static final int[] ZERO_RUNS = new int[256];

    static {
        for (int mask = 0; mask < 256; mask++) {
            int bestStart = -1;
            int bestLen = 0;
            int curLen = 0;
            for (int i = 0; i < 8; i++) {
                if ((mask >>> i & 1) != 0) {
                    curLen++;
                    if (curLen > bestLen) {
                        bestLen = curLen;
                        bestStart = i - curLen + 1;
                    }
                } else {
                    curLen = 0;
                }
            }
            ZERO_RUNS[mask] = bestLen < 2 ? -1 : bestStart << 8 | bestLen;
        }
    }

    public static void text(StringBuilder b, ByteBuffer buf, int off, int len) {
        byte[] tmp = new byte[len];
        buf.get(off, tmp, 0, len);
        b.append(new String(tmp, StandardCharsets.UTF_8));
    }

    /** Bytes in the field's format; a MAC or address format on the wrong length falls back to hex. */
    public static void bytes(StringBuilder b, Format f, ByteBuffer buf, int off, int len) {
        switch (f) {
            case MAC -> {
                if (len == 6 || len == 8) mac(b, buf, off, len);
                else hex(b, buf, off, len);
            }
            case IPV4 -> {
                if (len == 4) ipv4(b, buf, off);
                else hex(b, buf, off, len);
            }
            case IPV6 -> {
                if (len == 16) ipv6(b, buf, off);
                else hex(b, buf, off, len);
            }
            case TEXT -> text(b, buf, off, len);
            default -> hex(b, buf, off, len);
        }
    }

    /** True when an integer field is shown as text (a dotted IPv4 address held in a u4). */
    public static boolean numberIsText(Format f) {
        return f == Format.IPV4;
    }

    /** Integers for people: hex with 0x for HEX fields, dotted for IPv4, decimal otherwise. */
    public static void number(StringBuilder b, Format f, long v) {
        if (f == Format.IPV4) {
            ipv4(b, v);
        } else if (f == Format.HEX) {
            b.append("0x");
            int width = v >= 0 && v <= 0xff ? 2 : v >= 0 && v <= 0xffff ? 4 : v >= 0 && v <= 0xffffffffL ? 8 : 16;
            String h = Long.toHexString(v);
            for (int i = h.length(); i < width; i++) b.append('0');
            b.append(h);
        } else {
            b.append(v);
        }
    }
}
