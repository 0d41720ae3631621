package io.pcapkit.dump;

import io.pcapkit.dissect.Field;
import io.pcapkit.dissect.JsonLayerOut;
import io.pcapkit.frame.Formats;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A compact JSON writer that encodes straight into a byte buffer: keys and repeated values arrive
 * pre-encoded, numbers and ASCII text are written byte by byte, and nothing is allocated per
 * value. It knows only where a comma goes (after a value, before the next key or array element),
 * so nesting costs no state. Pre-encoded text is padded so that a short one (most keys) is copied
 * as two 8-byte words, whatever its length (the buffer has slack past its limit for the overrun):
 * a byte loop there took a third of the run. The escaping matches jackson-core's defaults: {@code "} and
 * {@code \\}, the short escapes {@code \b \t \n \f \r}, other control characters as
 * {@code \\u00XX}, surrogates (paired or not) as {@code \\uXXXX} each, everything else as UTF-8.
 *
 * <p>It is also the {@link JsonLayerOut} that generated codecs write a layer's fields to, at
 * positions they carry themselves.
 */
final class JsonBytes extends JsonLayerOut implements AutoCloseable {
    /** Bytes past the limit that a word copy may overwrite (they are rewritten or never flushed). */
    private static final int SLACK = 16;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** The most bytes one char can take when escaped ({@code \\u00XX}). */
    private static final int MAX_BYTES_PER_CHAR = 6;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final Encoded TRUE = Encoded.of("true".getBytes(StandardCharsets.US_ASCII));
    private static final Encoded FALSE = Encoded.of("false".getBytes(StandardCharsets.US_ASCII));
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
    /**
     * Output is written out at the end of a line once this much waits (the dumper's
     * {@link DumpOptions#bufferBytes}): a typical record is one copy, and the buffer stays in L2.
     */
    private final int flushBytes;
    /**
     * The buffer's usual size: room for a line to end past {@link #flushBytes}. A longer line
     * grows it (a frame's whole line, bounded by the frame's size), and it shrinks back once written.
     */
    private final int bufferBytes;
    private byte[] buf;
    /**
     * The buffer's room: the capacity checks count to here, word copies may pass it. Past it the
     * buffer grows ({@link #grow}); it is written out only at the end of a line ({@link #newline}),
     * so no write path holds the output stream's code (it kept the compiler from inlining the
     * writers' own code into the record's).
     */
    private int limit;
    private int pos;
    /** Whether a value was just written at this level, so the next key or element needs a comma. */
    private boolean comma;

    JsonBytes(OutputStream out) {
        this(out, null, null, DumpOptions.DEFAULT_BUFFER_BYTES);
    }

    /**
     * @param enums      where {@link #enumerated} keeps an enumerated field's text with its key: the
     *                   NDJSON dumper's own, so that both of its paths share one (null: one of its own)
     * @param runs       the texts of field stretches to reuse (shared by a family's writers), or
     *                   null: the writer makes its own when it first needs them
     * @param flushBytes the bytes that wait before a line's end writes them out
     */
    JsonBytes(OutputStream out, EnumTexts enums, RunTexts runs, int flushBytes) {
        this(out, enums, runs, flushBytes, 2 * flushBytes);
    }

    /**
     * As {@link #JsonBytes(OutputStream, EnumTexts, RunTexts, int)}, with the buffer's usual size
     * given apart: a writer that hands out each line as it ends ({@link NdjsonLines}) waits for
     * 1 byte, yet holds a whole line.
     */
    JsonBytes(OutputStream out, EnumTexts enums, RunTexts runs, int flushBytes, int bufferBytes) {
        this.out = out;
        this.enums = enums;
        this.runs = runs;
        this.flushBytes = flushBytes;
        this.bufferBytes = bufferBytes;
        this.buf = new byte[bufferBytes + SLACK];
        this.limit = bufferBytes;
    }

    /**
     * Pre-encoded text: {@code length} bytes, padded with zeros so that a copy of 16 bytes, or of
     * whole words, from offset 0 or 1 never reads past the array.
     */
    static final class Encoded {
        final byte[] padded;
        final int length;

        private Encoded(byte[] padded, int length) {
            this.padded = padded;
            this.length = length;
        }

        static Encoded of(byte[] text) {
            byte[] p = new byte[((text.length + 8) & ~7) + 16];
            System.arraycopy(text, 0, p, 0, text.length);
            return new Encoded(p, text.length);
        }
    }

    /**
     * The encoded form {@code ,"key":} of a key, for {@link #key(Encoded)} and the keyed writers,
     * which skip the comma where none is due.
     */
    static Encoded encodeKey(String key) {
        return Encoded.of(("," + quote(key) + ":").getBytes(StandardCharsets.UTF_8));
    }

    /** The encoded form of a string value, quotes included. */
    static Encoded encodeString(String s) {
        return Encoded.of(quote(s).getBytes(StandardCharsets.UTF_8));
    }

    /** A key and its value as one text, {@code ,"key":value}, for {@link #keyed(Encoded)}. */
    static Encoded encodeKeyed(Encoded key, Encoded value) {
        byte[] t = new byte[key.length + value.length];
        System.arraycopy(key.padded, 0, t, 0, key.length);
        System.arraycopy(value.padded, 0, t, key.length, value.length);
        return Encoded.of(t);
    }

    /** An enumerated value: <code>&#123;"value":6,"name":"TCP"&#125;</code>. */
    static Encoded encodeEnum(long value, String name) {
        return encodeValue("{\"value\":" + value + ",\"name\":" + quote(name) + "}");
    }

    /** Any pre-encoded JSON value (an object's whole text). */
    static Encoded encodeValue(String json) {
        return Encoded.of(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Copies {@code n} bytes of {@code src} from {@code from} (0 or 1) to {@code p}; returns
     * {@code p + n}. Up to 16 bytes go as two words, reading and writing up to 16 bytes whatever
     * {@code n} (the padding and the slack are there for it).
     */
    private int words(byte[] src, int from, int n, int p) {
        byte[] b = buf;
        if (n <= 16) {
            // most keys and values: two fixed word moves beat a call to the copy stub
            WORDS.set(b, p, (long) WORDS.get(src, from));
            WORDS.set(b, p + 8, (long) WORDS.get(src, from + 8));
        } else {
            System.arraycopy(src, from, b, p, n);
        }
        return p + n;
    }

    static String quote(String s) {
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

    private void room(int n) {
        if (pos + n > limit) grow(n);
    }

    /** Room for {@code n} more bytes past {@link #pos}: the buffer doubles until they fit. */
    private void grow(int n) {
        long need = (long) pos + n;
        long size = limit;
        while (size < need) size *= 2;
        if (size + SLACK > Integer.MAX_VALUE - 8) throw new IllegalStateException("a line of over 1 GiB of JSON");
        buf = java.util.Arrays.copyOf(buf, (int) size + SLACK);
        limit = (int) size;
    }

    private void separator() throws IOException {
        if (comma) {
            room(1);
            buf[pos++] = ',';
        }
    }

    /**
     * Room for a key and a short value, and the comma before them: one capacity check for the
     * common case of a field. Returns the write position.
     */
    private int open(Encoded key, int valueBytes) {
        int n = (key == null ? 1 : key.length) + valueBytes;
        if (pos + n > limit) grow(n);
        int p = pos;
        if (key == null) {
            if (comma) buf[p++] = ',';
            return p;
        }
        int from = comma ? 0 : 1;
        return words(key.padded, from, key.length - from, p);
    }

    /** {@code "key":value} (or an array element when {@code key} is null) for a number. */
    void number(Encoded key, long v) throws IOException {
        int p = open(key, 20);
        pos = writeLong(buf, p, v);
        comma = true;
    }

    /**
     * A key and its value encoded together by {@link #encodeKeyed}: one copy for a field whose
     * whole text repeats (a flag, an enumerated value).
     */
    void keyed(Encoded e) throws IOException {
        int from = comma ? 0 : 1;
        int n = e.length - from;
        if (n > limit) {
            raw(e.padded, from, n);
        } else {
            if (pos + n > limit) grow(n);
            pos = words(e.padded, from, n, pos);
        }
        comma = true;
    }

    /**
     * A key and an opening bracket encoded together (<code>,"key":&#123;</code>): one copy for a layer,
     * group or list; the first member that follows takes no comma.
     */
    void keyedOpen(Encoded e) throws IOException {
        keyed(e);
        comma = false;
    }

    /**
     * A frame's two times: {@code isoPrefix} ({@code ,"time":"2023-11-14T22:13:20}), then
     * {@code .fraction} and {@code Z"}; {@code epochPrefix} ({@code ,"time_epoch":1700000000}),
     * then the same {@code .fraction}. The fraction has exactly {@code digits} (0..9) digits,
     * zero-padded; none and no point when {@code digits} is 0.
     */
    void times(Encoded isoPrefix, Encoded epochPrefix, long fraction, int digits) throws IOException {
        int n = isoPrefix.length + epochPrefix.length + 2 * digits + 4;
        if (pos + n > limit) grow(n);
        byte[] b = buf;
        int p = pos;
        int from = comma ? 0 : 1;
        System.arraycopy(isoPrefix.padded, from, b, p, isoPrefix.length - from);
        p += isoPrefix.length - from;
        int f = p;
        if (digits > 0) {
            b[p] = '.';
            int v = (int) fraction;
            for (int i = p + digits; i > p; i--) {
                b[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            p += digits + 1;
        }
        int fractionLength = p - f;
        b[p++] = 'Z';
        b[p++] = '"';
        System.arraycopy(epochPrefix.padded, 0, b, p, epochPrefix.length);
        p += epochPrefix.length;
        System.arraycopy(b, f, b, p, fractionLength);
        pos = p + fractionLength;
        comma = true;
    }

    /** {@code "key":true|false}. */
    void bool(Encoded key, boolean v) throws IOException {
        int p = open(key, 5);
        Encoded lit = v ? TRUE : FALSE;
        pos = words(lit.padded, 0, lit.length, p);
        comma = true;
    }

    /** {@code "key":} and a pre-encoded value. */
    void raw(Encoded key, Encoded encoded) throws IOException {
        int p = open(key, encoded.length);
        pos = words(encoded.padded, 0, encoded.length, p);
        comma = true;
    }

    /** {@code "key":"text"} from chars: short text (addresses, times) with one capacity check. */
    void string(Encoded key, char[] c, int off, int len) throws IOException {
        if ((long) len * MAX_BYTES_PER_CHAR + 2 > limit / 4) {
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

    /** {@code "key":"aa:bb:cc:dd:ee:ff"} from six bytes (the text of {@code CharFormat.mac}). */
    void mac(Encoded key, ByteBuffer src, int off) throws IOException {
        pos = quotedMac(buf, open(key, 19), src, off);
        comma = true;
    }

    /** {@code "aa:bb:cc:dd:ee:ff"} at {@code p} (19 bytes); returns the end. */
    private static int quotedMac(byte[] b, int p, ByteBuffer src, int off) {
        b[p] = '"';
        for (int i = 0; i < 6; i++) {
            int v = src.get(off + i) & 0xff;
            b[p + 1 + 3 * i] = HEX[v >>> 4];
            b[p + 2 + 3 * i] = HEX[v & 15];
            b[p + 3 + 3 * i] = ':';
        }
        b[p + 18] = '"';
        return p + 19;
    }

    /** {@code "key":"a.b.c.d"} from the low 32 bits (the text of {@code CharFormat.ipv4}). */
    void ipv4(Encoded key, long v) throws IOException {
        pos = quotedIpv4(buf, open(key, 17), v);
        comma = true;
    }

    /** {@code "a.b.c.d"} from the low 32 bits at {@code p} (up to 17 bytes); returns the end. */
    private static int quotedIpv4(byte[] b, int p, long v) {
        b[p++] = '"';
        p = dotted(b, p, v);
        b[p++] = '"';
        return p;
    }

    /** The low 32 bits of {@code v} as {@code a.b.c.d}. */
    private static int dotted(byte[] b, int p, long v) {
        p = octet(b, p, (int) (v >>> 24) & 0xff);
        b[p++] = '.';
        p = octet(b, p, (int) (v >>> 16) & 0xff);
        b[p++] = '.';
        p = octet(b, p, (int) (v >>> 8) & 0xff);
        b[p++] = '.';
        return octet(b, p, (int) v & 0xff);
    }

    /** The longest IPv6 text, {@code "xxxx:...:xxxx"} with its quotes. */
    private static final int MAX_IPV6_BYTES = 41;

    /**
     * {@code "key":"addr"} for the 16 bytes at {@code off}: RFC 5952 text (the text of
     * {@code CharFormat.ipv6}) written straight as bytes, without a detour through chars.
     */
    void ipv6(Encoded key, ByteBuffer src, int off) throws IOException {
        pos = quotedIpv6(buf, open(key, MAX_IPV6_BYTES), src, off);
        comma = true;
    }

    /** The quoted RFC 5952 text of the 16 bytes at {@code off}, at {@code p}; returns the end. */
    private static int quotedIpv6(byte[] b, int p, ByteBuffer src, int off) {
        long hi = src.getLong(off);
        long lo = src.getLong(off + 8);
        b[p++] = '"';
        if (Formats.ipv4Mapped(hi, lo)) {
            for (byte c : MAPPED) b[p++] = c;
            p = dotted(b, p, lo);
        } else {
            int run = Formats.ipv6ZeroRun(hi, lo);
            int skipFrom = run < 0 ? 8 : run >>> 8;
            int skipTo = run < 0 ? 8 : skipFrom + (run & 0xff);
            for (int i = 0; i < 8; i++) {
                if (i == skipFrom) {
                    b[p++] = ':';
                    b[p++] = ':';
                    i = skipTo - 1;
                    continue;
                }
                if (i > 0 && i != skipTo) b[p++] = ':';
                p = hexGroup(b, p, Formats.ipv6Group(hi, lo, i));
            }
        }
        b[p++] = '"';
        return p;
    }

    private static final byte[] MAPPED = "::ffff:".getBytes(StandardCharsets.US_ASCII);

    /** A 16-bit value in lower-case hex without leading zeros (one to four digits). */
    private static int hexGroup(byte[] b, int p, int v) {
        int digits = (35 - Integer.numberOfLeadingZeros(v | 1)) >>> 2;
        for (int i = digits - 1; i >= 0; i--) {
            b[p + i] = HEX[v & 15];
            v >>>= 4;
        }
        return p + digits;
    }

    private static int octet(byte[] b, int p, int v) {
        return upTo4(b, p, v);
    }

    /** Pairs of decimal digits, "00" to "99": half the divisions of digit-by-digit formatting. */
    private static final byte[] DIGIT_PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    /**
     * Writes {@code v} in decimal at {@code p} (room for 20 bytes is there); returns the end. The
     * digits go in blocks of eight from int arithmetic (a 32-bit sequence number is one division
     * by 10^8, then ints): the long divisions of a digit-pair loop were a tenth of NDJSON's time.
     */
    static int writeLong(byte[] b, int p, long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                System.arraycopy(MIN_LONG, 0, b, p, MIN_LONG.length);
                return p + MIN_LONG.length;
            }
            b[p++] = '-';
            v = -v;
        }
        if (v < E8) return upTo8(b, p, (int) v);
        long high = v / E8;
        int low = (int) (v - high * E8);
        if (high < E8) {
            p = upTo8(b, p, (int) high);
        } else { // 17 to 19 digits
            long top = high / E8;
            p = upTo8(b, p, (int) top);
            p = eight(b, p, (int) (high - top * E8));
        }
        return eight(b, p, low);
    }

    private static final long E8 = 100_000_000L;

    /** {@code 0 <= v < 10^8} without leading zeros. */
    private static int upTo8(byte[] b, int p, int v) {
        if (v < 10_000) return upTo4(b, p, v);
        int high = v / 10_000;
        p = upTo4(b, p, high);
        return four(b, p, v - high * 10_000);
    }

    /** {@code 0 <= v < 10^4} without leading zeros. */
    private static int upTo4(byte[] b, int p, int v) {
        if (v < 10) {
            b[p] = (byte) ('0' + v);
            return p + 1;
        }
        if (v < 100) {
            b[p] = DIGIT_PAIRS[2 * v];
            b[p + 1] = DIGIT_PAIRS[2 * v + 1];
            return p + 2;
        }
        int high = v / 100;
        int low = v - high * 100;
        if (high < 10) {
            b[p++] = (byte) ('0' + high);
        } else {
            b[p++] = DIGIT_PAIRS[2 * high];
            b[p++] = DIGIT_PAIRS[2 * high + 1];
        }
        b[p] = DIGIT_PAIRS[2 * low];
        b[p + 1] = DIGIT_PAIRS[2 * low + 1];
        return p + 2;
    }

    /** {@code 0 <= v < 10^4} as exactly four digits. */
    private static int four(byte[] b, int p, int v) {
        int high = v / 100;
        int low = v - high * 100;
        b[p] = DIGIT_PAIRS[2 * high];
        b[p + 1] = DIGIT_PAIRS[2 * high + 1];
        b[p + 2] = DIGIT_PAIRS[2 * low];
        b[p + 3] = DIGIT_PAIRS[2 * low + 1];
        return p + 4;
    }

    /** {@code 0 <= v < 10^8} as exactly eight digits. */
    private static int eight(byte[] b, int p, int v) {
        int high = v / 10_000;
        four(b, p, high);
        return four(b, p + 4, v - high * 10_000);
    }

    /** A key (pre-encoded by {@link #encodeKey}); the value follows. */
    void key(Encoded encoded) throws IOException {
        int from = comma ? 0 : 1;
        raw(encoded.padded, from, encoded.length - from);
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

    /**
     * Ends a root value's line: the next root value starts without a comma. The output is written
     * out here, whole lines at a time, once {@link #flushBytes} wait.
     */
    void newline() throws IOException {
        room(1);
        buf[pos++] = '\n';
        comma = false;
        if (pos >= flushBytes) {
            flushBuffer();
            if (limit > bufferBytes) { // a long line grew it: back to the usual size
                buf = new byte[bufferBytes + SLACK];
                limit = bufferBytes;
            }
        }
    }

    /** A pre-encoded value (a quoted string, an object's whole text). */
    void rawValue(Encoded encoded) throws IOException {
        element();
        raw(encoded.padded, 0, encoded.length);
    }

    private void raw(byte[] b, int off, int n) {
        room(n);
        System.arraycopy(b, off, buf, pos, n);
        pos += n;
    }

    /** A number whose exact text is given (ASCII digits, sign, point, exponent). */
    void number(char[] c, int off, int len) throws IOException {
        element();
        room(len);
        for (int i = 0; i < len; i++) buf[pos++] = (byte) c[off + i];
    }

    void nul() throws IOException {
        element();
        raw(NULL, 0, NULL.length);
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
                if (pos == limit) grow(1);
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
            if (pos + 2 > limit) grow(2);
            int v = src.get(off + i) & 0xff;
            buf[pos++] = HEX[v >>> 4];
            buf[pos++] = HEX[v & 15];
        }
        room(1);
        buf[pos++] = '"';
    }

    // ---- JsonLayerOut: generated codecs write a layer's fields at positions they carry ----

    /** Enumerated fields' texts with their keys, by field id, for {@link #enumerated}. */
    private EnumTexts enums;

    @Override
    public int position() {
        return pos;
    }

    @Override
    public boolean comma() {
        return comma;
    }

    @Override
    public void at(int position, boolean comma) {
        this.pos = position;
        this.comma = comma;
    }

    @Override
    public int room(int p, int n) {
        if (p + n <= limit) return p;
        pos = p;
        grow(n);
        return p;
    }

    @Override
    public int key(int p, byte[] key, int length, boolean comma) {
        int from = comma ? 0 : 1;
        return words(key, from, length - from, p);
    }

    @Override
    public int number(int p, long v) {
        return writeLong(buf, p, v);
    }

    @Override
    public int bool(int p, boolean v) {
        Encoded lit = v ? TRUE : FALSE;
        return words(lit.padded, 0, lit.length, p);
    }

    @Override
    public int ipv4(int p, long v) {
        return quotedIpv4(buf, p, v);
    }

    @Override
    public int mac(int p, ByteBuffer b, int off) {
        return quotedMac(buf, p, b, off);
    }

    @Override
    public int ipv6(int p, ByteBuffer b, int off) {
        return quotedIpv6(buf, p, b, off);
    }

    @Override
    public int closeGroup(int p) {
        buf[p] = '}';
        return p + 1;
    }

    @Override
    public int closeArray(int p) {
        buf[p] = ']';
        return p + 1;
    }

    @Override
    public int openItem(int p, boolean comma) {
        if (comma) buf[p++] = ',';
        buf[p] = '{';
        return p + 1;
    }

    @Override
    public int enumerated(int p, byte[] key, int length, boolean comma, Field f, long value, String name) {
        if (enums == null) enums = new EnumTexts(io.pcapkit.dissect.RuntimeFields.count());
        String shown = name == null ? io.pcapkit.frame.EnumValue.UNASSIGNED : name;
        Encoded t = enums.find(f.id, value, shown);
        if (t == null) t = enums.put(f.id, value, shown, encodeKeyed(Encoded.of(java.util.Arrays.copyOf(key, length)), encodeEnum(value, shown)));
        int from = comma ? 0 : 1;
        return words(t.padded, from, t.length - from, room(p, t.length));
    }

    /**
     * Texts of stretches of fields by their bits, for {@link #cachedRun}. A stretch lies whole in
     * the buffer when it is kept: the buffer is written out only between lines ({@link #newline}).
     */
    private RunTexts runs;

    @Override
    public int cachedRun(int p, Field f, int key) {
        if (runs == null) runs = new RunTexts();
        int slot = runs.find(f.id, key);
        return slot < 0 ? -1 : words(runs.text(slot), 0, runs.length(slot), p);
    }

    @Override
    public void keepRun(Field f, int key, int start, int end) {
        if (end > start) runs.put(f.id, key, buf, start, end - start);
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
