package io.pcapkit.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A compact JSON writer that encodes straight into a byte buffer: keys and repeated values arrive
 * pre-encoded, numbers and ASCII text are written byte by byte, and nothing is allocated per
 * value. It knows only where a comma goes (after a value, before the next key or array element),
 * so nesting costs no state. The escaping matches jackson-core's defaults: {@code "} and
 * {@code \\}, the short escapes {@code \b \t \n \f \r}, other control characters as
 * {@code \\u00XX}, surrogates (paired or not) as {@code \\uXXXX} each, everything else as UTF-8.
 */
final class JsonBytes implements AutoCloseable {
    /** Output buffer size: large enough that a typical record is one copy, small enough to stay in L2. */
    private static final int BUFFER_BYTES = 64 * 1024;
    /** The most bytes one char can take when escaped ({@code \\u00XX}). */
    private static final int MAX_BYTES_PER_CHAR = 6;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);
    /** Per ASCII char: 0 written as is, otherwise the short escape letter, or 'u' for {@code \\u00XX}. */
    private static final byte[] ESCAPE = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) ESCAPE[c] = 'u';
        ESCAPE['\b'] = 'b';
        ESCAPE['\t'] = 't';
        ESCAPE['\n'] = 'n';
        ESCAPE['\f'] = 'f';
        ESCAPE['\r'] = 'r';
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
    }

    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER_BYTES];
    private int pos;
    /** Whether a value was just written at this level, so the next key or element needs a comma. */
    private boolean comma;

    JsonBytes(OutputStream out) {
        this.out = out;
    }

    /** The encoded form {@code "key":} of a key, for {@link #key(byte[])}. */
    static byte[] encodeKey(String key) {
        return (quote(key) + ":").getBytes(StandardCharsets.UTF_8);
    }

    /** The encoded form of a string value, quotes included. */
    static byte[] encodeString(String s) {
        return quote(s).getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128 && ESCAPE[c] != 0) {
                b.append('\\').append((char) ESCAPE[c]);
                if (ESCAPE[c] == 'u') b.append("00").append((char) HEX_UPPER[c >> 4]).append((char) HEX_UPPER[c & 15]);
            } else if (Character.isSurrogate(c)) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private void room(int n) throws IOException {
        if (pos + n > buf.length) flushBuffer();
    }

    private void separator() throws IOException {
        if (comma) {
            room(1);
            buf[pos++] = ',';
        }
    }

    /**
     * Room for a key and a short value, and the comma before them: one capacity check for the
     * common case of a field (keys are short; a key longer than half the buffer is written alone).
     * Returns the write position.
     */
    private int open(byte[] key, int valueBytes) throws IOException {
        int n = (key == null ? 0 : key.length) + valueBytes + 1;
        if (n > buf.length / 2) {
            if (key == null) separator();
            else key(key);
            room(valueBytes);
            return pos;
        }
        if (pos + n > buf.length) flushBuffer();
        int p = pos;
        if (comma) buf[p++] = ',';
        if (key != null) {
            for (byte b : key) buf[p++] = b;
        }
        return p;
    }

    /** {@code "key":value} (or an array element when {@code key} is null) for a number. */
    void number(byte[] key, long v) throws IOException {
        int p = open(key, 20);
        pos = writeLong(buf, p, v);
        comma = true;
    }

    /** {@code "key":true|false}. */
    void bool(byte[] key, boolean v) throws IOException {
        int p = open(key, 5);
        byte[] lit = v ? TRUE : FALSE;
        for (byte b : lit) buf[p++] = b;
        pos = p;
        comma = true;
    }

    /** {@code "key":} and a pre-encoded value. */
    void raw(byte[] key, byte[] encoded) throws IOException {
        if (encoded.length > buf.length / 4) {
            if (key == null) rawValue(encoded);
            else {
                key(key);
                rawValue(encoded);
            }
            return;
        }
        int p = open(key, encoded.length);
        for (byte b : encoded) buf[p++] = b;
        pos = p;
        comma = true;
    }

    /** {@code "key":"text"} from chars: short text (addresses, times) with one capacity check. */
    void string(byte[] key, char[] c, int off, int len) throws IOException {
        if ((long) len * MAX_BYTES_PER_CHAR + 2 > buf.length / 4) {
            if (key != null) key(key);
            string(c, off, len);
            return;
        }
        int p = open(key, len * MAX_BYTES_PER_CHAR + 2);
        byte[] b = buf;
        b[p++] = '"';
        int end = off + len;
        int i = off;
        // the common case first: ASCII that needs no escape
        while (i < end) {
            char ch = c[i];
            if (ch >= 128 || ESCAPE[ch] != 0) break;
            b[p++] = (byte) ch;
            i++;
        }
        pos = p;
        if (i < end) {
            for (; i < end; i++) {
                char ch = c[i];
                if (ch < 128 && ESCAPE[ch] == 0) buf[pos++] = (byte) ch;
                else i = special(c, i, end);
            }
        }
        buf[pos++] = '"';
        comma = true;
    }

    /** Pairs of decimal digits, "00" to "99": half the divisions of digit-by-digit formatting. */
    private static final byte[] DIGIT_PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    /** Writes {@code v} in decimal at {@code p} (room for 20 bytes is there); returns the end. */
    private static int writeLong(byte[] b, int p, long v) {
        if (v == Long.MIN_VALUE) {
            System.arraycopy(MIN_LONG, 0, b, p, MIN_LONG.length);
            return p + MIN_LONG.length;
        }
        if (v < 0) {
            b[p++] = '-';
            v = -v;
        }
        int end = p + digits(v);
        int q = end;
        while (v >= Integer.MAX_VALUE) {
            long d = v / 100;
            int r = (int) (v - d * 100);
            b[--q] = DIGIT_PAIRS[2 * r + 1];
            b[--q] = DIGIT_PAIRS[2 * r];
            v = d;
        }
        int iv = (int) v;
        while (iv >= 100) {
            int d = iv / 100;
            int r = iv - d * 100;
            b[--q] = DIGIT_PAIRS[2 * r + 1];
            b[--q] = DIGIT_PAIRS[2 * r];
            iv = d;
        }
        if (iv >= 10) {
            b[--q] = DIGIT_PAIRS[2 * iv + 1];
            b[--q] = DIGIT_PAIRS[2 * iv];
        } else {
            b[--q] = (byte) ('0' + iv);
        }
        return end;
    }

    /** A key (pre-encoded by {@link #encodeKey}); the value follows. */
    void key(byte[] encoded) throws IOException {
        separator();
        raw(encoded);
        comma = false;
    }

    /** Before a value that has no key (an array element, a root value). */
    private void element() throws IOException {
        separator();
        comma = true;
    }

    void startObject() throws IOException {
        separator();
        room(1);
        buf[pos++] = '{';
        comma = false;
    }

    void endObject() throws IOException {
        room(1);
        buf[pos++] = '}';
        comma = true;
    }

    void startArray() throws IOException {
        separator();
        room(1);
        buf[pos++] = '[';
        comma = false;
    }

    void endArray() throws IOException {
        room(1);
        buf[pos++] = ']';
        comma = true;
    }

    /** Ends a root value's line: the next root value starts without a comma. */
    void newline() throws IOException {
        room(1);
        buf[pos++] = '\n';
        comma = false;
    }

    /** A pre-encoded value (a quoted string, an object's whole text). */
    void rawValue(byte[] encoded) throws IOException {
        element();
        raw(encoded);
    }

    private void raw(byte[] b) throws IOException {
        if (b.length > buf.length) {
            flushBuffer();
            out.write(b);
            return;
        }
        room(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    /** Decimal digits of a non-negative value. */
    private static int digits(long v) {
        if (v < 10) return 1;
        if (v < 1_000_000_000L) {
            int d = 1;
            for (int t = (int) v; t >= 10; t /= 10) d++;
            return d;
        }
        int d = 10;
        for (long t = v / 1_000_000_000L; t >= 10; t /= 10) d++;
        return d;
    }

    /** A number whose exact text is given (ASCII digits, sign, point, exponent). */
    void number(char[] c, int off, int len) throws IOException {
        element();
        room(len);
        for (int i = 0; i < len; i++) buf[pos++] = (byte) c[off + i];
    }

    void nul() throws IOException {
        element();
        raw(NULL);
    }

    /** A string value from chars, escaped. */
    void string(char[] c, int off, int len) throws IOException {
        element();
        room(1);
        buf[pos++] = '"';
        int end = off + len;
        for (int i = off; i < end; i++) {
            char ch = c[i];
            if (ch < 128 && ESCAPE[ch] == 0) {
                if (pos == buf.length) flushBuffer();
                buf[pos++] = (byte) ch;
            } else {
                room(MAX_BYTES_PER_CHAR);
                i = special(c, i, end);
            }
        }
        room(1);
        buf[pos++] = '"';
    }

    /**
     * Writes the char at {@code i} that needs more than one plain byte (room for
     * {@link #MAX_BYTES_PER_CHAR} is there); returns the index of the last char it used.
     */
    private int special(char[] c, int i, int end) {
        char ch = c[i];
        if (ch < 128) {
            escape(ch);
        } else if (ch < 0x800) {
            buf[pos++] = (byte) (0xc0 | (ch >> 6));
            buf[pos++] = (byte) (0x80 | (ch & 0x3f));
        } else if (Character.isSurrogate(ch)) {
            // as jackson: each half of a pair (or a lone one) as its own escape
            buf[pos++] = '\\';
            buf[pos++] = 'u';
            buf[pos++] = HEX_UPPER[ch >> 12];
            buf[pos++] = HEX_UPPER[(ch >> 8) & 15];
            buf[pos++] = HEX_UPPER[(ch >> 4) & 15];
            buf[pos++] = HEX_UPPER[ch & 15];
        } else {
            buf[pos++] = (byte) (0xe0 | (ch >> 12));
            buf[pos++] = (byte) (0x80 | ((ch >> 6) & 0x3f));
            buf[pos++] = (byte) (0x80 | (ch & 0x3f));
        }
        return i;
    }

    private void escape(char ch) {
        byte e = ESCAPE[ch];
        buf[pos++] = '\\';
        buf[pos++] = e;
        if (e == 'u') {
            buf[pos++] = '0';
            buf[pos++] = '0';
            buf[pos++] = HEX_UPPER[ch >> 4];
            buf[pos++] = HEX_UPPER[ch & 15];
        }
    }

    /** A string value from a String, escaped. */
    void string(String s) throws IOException {
        int n = s.length();
        char[] tmp = scratch(n);
        s.getChars(0, n, tmp, 0);
        string(tmp, 0, n);
    }

    private char[] scratch = new char[64];

    private char[] scratch(int n) {
        if (scratch.length < n) scratch = new char[Math.max(n, scratch.length * 2)];
        return scratch;
    }

    /** Lower-case hex of {@code len} bytes as a string value. */
    void hex(ByteBuffer src, int off, int len) throws IOException {
        element();
        room(1);
        buf[pos++] = '"';
        for (int i = 0; i < len; i++) {
            if (pos + 2 > buf.length) flushBuffer();
            int v = src.get(off + i) & 0xff;
            buf[pos++] = HEX[v >>> 4];
            buf[pos++] = HEX[v & 15];
        }
        room(1);
        buf[pos++] = '"';
    }

    private void flushBuffer() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            flushBuffer();
        } finally {
            out.close();
        }
    }
}
