package io.pcapkit.dissect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Operations on text and byte fields that grammar expressions use ({@code name == "Host"},
 * {@code value.to_i}, {@code name.equals_ignore_case("content-length")}, {@code line.length}).
 * Each exists twice with one meaning: over a region of the frame's buffer (the fast codecs,
 * without allocating) and over the {@code String} or {@code byte[]} a Kaitai-generated parser
 * holds (the reference codecs). A region of length -1, or a null object, is an absent field:
 * it equals nothing and its length is -1.
 *
 * <p>Text is compared byte for byte with the literal's characters (grammar literals are ASCII);
 * a Kaitai {@code str} is compared through its UTF-8 bytes, so both codecs agree on any input.
 */
public final class Text {
    private Text() {
    }

    /** What {@link #toI} gives for text that is not a number in the radix (or overflows). */
    public static final long NOT_A_NUMBER = -1;

    // ---- regions of a buffer (fast codecs) ----

    public static boolean eq(ByteBuffer b, int off, int len, String lit) {
        if (len != lit.length()) return false;
        for (int i = 0; i < len; i++) if ((b.get(off + i) & 0xff) != lit.charAt(i)) return false;
        return true;
    }

    public static boolean eq(ByteBuffer b, int off, int len, ByteBuffer b2, int off2, int len2) {
        if (len < 0 || len != len2) return false;
        for (int i = 0; i < len; i++) if (b.get(off + i) != b2.get(off2 + i)) return false;
        return true;
    }

    public static boolean equalsIgnoreCase(ByteBuffer b, int off, int len, String lit) {
        if (len != lit.length()) return false;
        for (int i = 0; i < len; i++) if (lower(b.get(off + i) & 0xff) != lower(lit.charAt(i))) return false;
        return true;
    }

    public static boolean containsIgnoreCase(ByteBuffer b, int off, int len, String lit) {
        int n = lit.length();
        if (len < 0) return false;
        outer:
        for (int i = 0; i + n <= len; i++) {
            for (int k = 0; k < n; k++) if (lower(b.get(off + i + k) & 0xff) != lower(lit.charAt(k))) continue outer;
            return true;
        }
        return false;
    }

    /**
     * The text as an integer in {@code radix}, with Java's (and Kaitai's {@code to_i}) rules: an
     * optional sign, then digits, nothing else. {@link #NOT_A_NUMBER} when it is not one.
     */
    public static long toI(ByteBuffer b, int off, int len, long radix) {
        if (len <= 0 || radix < 2 || radix > 36) return NOT_A_NUMBER;
        int i = 0;
        boolean neg = false;
        int c0 = b.get(off) & 0xff;
        if (c0 == '-' || c0 == '+') {
            neg = c0 == '-';
            i = 1;
            if (len == 1) return NOT_A_NUMBER;
        }
        long v = 0;
        for (; i < len; i++) {
            int d = Character.digit(b.get(off + i) & 0xff, (int) radix);
            if (d < 0) return NOT_A_NUMBER;
            if (v > (Long.MAX_VALUE - d) / radix) return NOT_A_NUMBER;
            v = v * radix + d;
        }
        return neg ? -v : v;
    }

    // ---- Kaitai objects (reference codecs): String (str), byte[] (bytes), null (absent) ----

    private static byte[] bytes(Object o) {
        if (o instanceof byte[] a) return a;
        if (o instanceof String s) return s.getBytes(StandardCharsets.UTF_8);
        return null;
    }

    public static long length(Object o) {
        byte[] a = bytes(o);
        return a == null ? -1 : a.length;
    }

    public static boolean eq(Object o, String lit) {
        byte[] a = bytes(o);
        return a != null && eq(ByteBuffer.wrap(a), 0, a.length, lit);
    }

    public static boolean eq(Object x, Object y) {
        byte[] a = bytes(x);
        byte[] c = bytes(y);
        return a != null && c != null && java.util.Arrays.equals(a, c);
    }

    public static boolean equalsIgnoreCase(Object o, String lit) {
        byte[] a = bytes(o);
        return a != null && equalsIgnoreCase(ByteBuffer.wrap(a), 0, a.length, lit);
    }

    public static boolean containsIgnoreCase(Object o, String lit) {
        byte[] a = bytes(o);
        return a != null && containsIgnoreCase(ByteBuffer.wrap(a), 0, a.length, lit);
    }

    public static long toI(Object o, long radix) {
        byte[] a = bytes(o);
        return a == null ? NOT_A_NUMBER : toI(ByteBuffer.wrap(a), 0, a.length, radix);
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
}
