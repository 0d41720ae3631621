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
        int bestStart = -1;
        int bestLen = 0;
        int curStart = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (buf.getShort(off + 2 * i) == 0) {
                if (curStart < 0) curStart = i;
                curLen++;
                if (curLen > bestLen) {
                    bestLen = curLen;
                    bestStart = curStart;
                }
            } else {
                curStart = -1;
                curLen = 0;
            }
        }
        if (bestLen < 2) bestStart = -1;
        // IPv4-mapped (::ffff:a.b.c.d) is written with a dotted tail, as RFC 5952 section 5 recommends
        if (bestStart == 0 && bestLen == 5 && (buf.getShort(off + 10) & 0xffff) == 0xffff) {
            b.append("::ffff:");
            ipv4(b, buf, off + 12);
            return;
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLen) b.append(':');
            int v = buf.getShort(off + 2 * i) & 0xffff;
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
