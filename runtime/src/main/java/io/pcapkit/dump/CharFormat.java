package io.pcapkit.dump;

import io.pcapkit.frame.Formats;
import java.nio.ByteBuffer;

/**
 * The hot address formats written straight into a {@code char[]}: a MAC and a dotted IPv4 address
 * per frame at least, where {@link io.pcapkit.frame.Formats}' StringBuilder path (a capacity and
 * coder check per char, then a copy out) cost more than the rest of the record. Same text as
 * {@code Formats.mac} and {@code Formats.ipv4} (a test compares them).
 */
final class CharFormat {
    private CharFormat() {
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Decimal digits of 0..255 packed in an int: the count, then up to three ASCII digits. */
    private static final int[] OCTET = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            String d = Integer.toString(i);
            int packed = d.length() << 24;
            for (int j = 0; j < d.length(); j++) packed |= d.charAt(j) << (16 - 8 * j);
            OCTET[i] = packed;
        }
    }

    /** {@code aa:bb:cc:dd:ee:ff} (any length); returns the end. */
    static int mac(ByteBuffer buf, int off, int len, char[] out, int at) {
        int p = at;
        for (int i = 0; i < len; i++) {
            if (i > 0) out[p++] = ':';
            int v = buf.get(off + i) & 0xff;
            out[p++] = HEX[v >>> 4];
            out[p++] = HEX[v & 15];
        }
        return p;
    }

    /** Dotted quad of the low 32 bits; returns the end. */
    static int ipv4(long v, char[] out, int at) {
        int p = octet((int) (v >>> 24) & 0xff, out, at);
        out[p++] = '.';
        p = octet((int) (v >>> 16) & 0xff, out, p);
        out[p++] = '.';
        p = octet((int) (v >>> 8) & 0xff, out, p);
        out[p++] = '.';
        return octet((int) v & 0xff, out, p);
    }

    private static int octet(int v, char[] out, int p) {
        int d = OCTET[v];
        int n = d >>> 24;
        out[p] = (char) (d >>> 16 & 0xff);
        if (n > 1) out[p + 1] = (char) (d >>> 8 & 0xff);
        if (n > 2) out[p + 2] = (char) (d & 0xff);
        return p + n;
    }

    /**
     * An IPv6 address in RFC 5952 form (the longest run of two or more zero groups, the first of
     * equal ones, as {@code ::}; IPv4-mapped with a dotted tail); returns the end.
     */
    static int ipv6(ByteBuffer buf, int off, char[] out, int at) {
        long hi = buf.getLong(off);
        long lo = buf.getLong(off + 8);
        int p = at;
        if (Formats.ipv4Mapped(hi, lo)) {
            for (char ch : MAPPED) out[p++] = ch;
            return ipv4(lo & 0xffffffffL, out, p);
        }
        int run = Formats.ipv6ZeroRun(hi, lo);
        int bestStart = run < 0 ? -1 : run >>> 8;
        int bestLen = run & 0xff;
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out[p++] = ':';
                out[p++] = ':';
                i += bestLen - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLen) out[p++] = ':';
            int v = Formats.ipv6Group(hi, lo, i);
            if (v >= 0x1000) out[p++] = HEX[v >>> 12];
            if (v >= 0x100) out[p++] = HEX[(v >>> 8) & 15];
            if (v >= 0x10) out[p++] = HEX[(v >>> 4) & 15];
            out[p++] = HEX[v & 15];
        }
        return p;
    }

    private static final char[] MAPPED = "::ffff:".toCharArray();
}
