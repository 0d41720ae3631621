package io.pcapkit.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The NDJSON writer writes byte for byte what jackson-core's compact generator writes. */
class JsonBytesTest {
    private static final List<String> STRINGS = List.of("", "plain", "quote \" and \\ backslash", "tab\tline\nfeed\rback\bform\f",
            "nul\0 unit\u001f del\u007f", "é ü ß", "€ ≠ 中文", "emoji \uD83D\uDE00 pair", "lone high \uD800 end", "lone low \uDC00",
            "x".repeat(70_000) + "é\n");

    @Test
    void stringsEscapeAsJackson() throws IOException {
        for (String s : STRINGS) {
            assertEquals(jackson(g -> g.writeString(s)), ours(w -> w.string(s)), "string " + s.substring(0, Math.min(20, s.length())));
            char[] c = ("[" + s + "]").toCharArray();
            assertEquals(jackson(g -> g.writeString(c, 1, c.length - 2)), ours(w -> w.string(c, 1, c.length - 2)));
            assertEquals(jackson(g -> g.writeString(s)), ours(w -> w.rawValue(JsonBytes.encodeString(s))));
            // the fused key-and-value writers (one capacity check), after a value so a comma goes first
            String keyed = jackson(g -> {
                g.writeStartObject();
                g.writeFieldName("a");
                g.writeNumber(-42);
                g.writeFieldName("k");
                g.writeString(s);
                g.writeFieldName("r");
                g.writeString(s);
                g.writeFieldName("t");
                g.writeBoolean(true);
                g.writeEndObject();
            });
            assertEquals(keyed, ours(w -> {
                w.startObject();
                w.number(JsonBytes.encodeKey("a"), -42);
                w.string(JsonBytes.encodeKey("k"), c, 1, c.length - 2);
                w.raw(JsonBytes.encodeKey("r"), JsonBytes.encodeString(s));
                w.bool(JsonBytes.encodeKey("t"), true);
                w.endObject();
            }));
        }
    }

    /** Every digit count and the values around each power of ten, both signs, as Long.toString. */
    @Test
    void numbersOfEveryLengthAsLongToString() {
        java.util.List<Long> values = new java.util.ArrayList<>(java.util.List.of(0L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1));
        long pow = 1;
        for (int i = 0; i <= 18; i++, pow *= 10) {
            for (long d = -2; d <= 2; d++) values.add(pow + d);
            values.add(pow * 5 - 1);
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) values.add(r.nextLong() >>> r.nextInt(64));
        byte[] b = new byte[32];
        for (long v : new java.util.ArrayList<>(values)) {
            for (long x : new long[] {v, -v}) {
                int end = JsonBytes.writeLong(b, 3, x);
                assertEquals(Long.toString(x), new String(b, 3, end - 3, StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void numbersBooleansNullAndNesting() throws IOException {
        long[] values = {0, 1, -1, 9, 10, 99, 100, 4294967295L, Long.MAX_VALUE, Long.MIN_VALUE, -1234567890123L};
        String expected = jackson(g -> {
            g.writeStartObject();
            g.writeFieldName("n");
            g.writeStartArray();
            for (long v : values) g.writeNumber(v);
            g.writeEndArray();
            g.writeFieldName("b");
            g.writeBoolean(true);
            g.writeFieldName("k\"ey");
            g.writeBoolean(false);
            g.writeFieldName("z");
            g.writeNull();
            g.writeFieldName("o");
            g.writeStartObject();
            g.writeEndObject();
            g.writeFieldName("e");
            g.writeStartArray();
            g.writeStartObject();
            g.writeEndObject();
            g.writeStartArray();
            g.writeEndArray();
            g.writeEndArray();
            g.writeFieldName("t");
            g.writeNumber("1700000000.123456789");
            g.writeEndObject();
        });
        String got = ours(w -> {
            w.startObject();
            w.key(JsonBytes.encodeKey("n"));
            w.startArray();
            for (long v : values) w.number(null, v);
            w.endArray();
            w.bool(JsonBytes.encodeKey("b"), true);
            w.bool(JsonBytes.encodeKey("k\"ey"), false);
            w.key(JsonBytes.encodeKey("z"));
            w.nul();
            w.key(JsonBytes.encodeKey("o"));
            w.startObject();
            w.endObject();
            w.key(JsonBytes.encodeKey("e"));
            w.startArray();
            w.startObject();
            w.endObject();
            w.startArray();
            w.endArray();
            w.endArray();
            w.key(JsonBytes.encodeKey("t"));
            char[] t = "1700000000.123456789".toCharArray();
            w.number(t, 0, t.length);
            w.endObject();
        });
        assertEquals(expected, got);
    }

    @Test
    void hexAndRootValuesOnTheirOwnLines() throws IOException {
        byte[] b = new byte[100_000];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i * 31);
        StringBuilder hex = new StringBuilder("{\"h\":\"");
        for (byte x : b) hex.append(String.format("%02x", x & 0xff));
        hex.append("\"}\n{}\n");
        assertEquals(hex.toString(), ours(w -> {
            w.startObject();
            w.key(JsonBytes.encodeKey("h"));
            w.hex(ByteBuffer.wrap(b), 0, b.length);
            w.endObject();
            w.newline();
            w.startObject();
            w.endObject();
            w.newline();
        }));
    }

    /**
     * Output goes out whole lines at a time, once 64 KiB wait, while the lines are written (not
     * all at the end); a line longer than the buffer goes out whole too.
     */
    @Test
    void outputGoesOutInWholeLinesAsItIsWritten() throws IOException {
        List<byte[]> writes = new java.util.ArrayList<>();
        java.io.OutputStream recorder = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                writes.add(new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.add(java.util.Arrays.copyOfRange(b, off, off + len));
            }
        };
        byte[] big = new byte[300_000];
        try (JsonBytes w = new JsonBytes(recorder)) {
            for (int line = 0; line < 2_000; line++) {
                w.startObject();
                w.number(JsonBytes.encodeKey("line"), line);
                w.key(JsonBytes.encodeKey("text"));
                w.string(("line " + line + " ").repeat(10).toCharArray(), 0, 10 * ("line " + line + " ").length());
                if (line == 1_000) {
                    w.key(JsonBytes.encodeKey("hex"));
                    w.hex(ByteBuffer.wrap(big), 0, big.length); // 600,000 bytes of text: past the buffer
                }
                w.endObject();
                w.newline();
            }
            assertEquals(true, writes.size() > 2, "written while the lines come: " + writes.size() + " writes");
        }
        long total = 0;
        for (byte[] b : writes) {
            assertEquals('\n', b[b.length - 1], "a write ends with a whole line");
            total += b.length;
        }
        assertEquals(true, total > 600_000);
    }

    /** The address writers give CharFormat's text (every octet value), keyed, after a value. */
    @Test
    void addressesAsCharFormat() throws IOException {
        for (int o = 0; o < 256; o++) {
            long v = ((long) o << 24) | ((255 - o) << 16) | ((o * 7 % 256) << 8) | (o / 3);
            char[] c = new char[15];
            String dotted = new String(c, 0, CharFormat.ipv4(v, c, 0));
            byte[] mac = {(byte) o, (byte) (o * 3), 0, (byte) 255, (byte) (o ^ 0x5a), (byte) o};
            char[] m = new char[17];
            String colons = new String(m, 0, CharFormat.mac(ByteBuffer.wrap(mac), 0, 6, m, 0));
            assertEquals("{\"n\":1,\"a\":\"" + dotted + "\",\"m\":\"" + colons + "\"}", ours(w -> {
                w.startObject();
                w.number(JsonBytes.encodeKey("n"), 1);
                w.ipv4(JsonBytes.encodeKey("a"), v);
                w.mac(JsonBytes.encodeKey("m"), ByteBuffer.wrap(mac), 0);
                w.endObject();
            }));
        }
    }

    /**
     * IPv6 written as bytes gives CharFormat's text: RFC 5952's cases, then random addresses with
     * most groups zero (every length and place of the "::" run) and IPv4-mapped ones.
     */
    @Test
    void ipv6AsCharFormat() throws IOException {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        ByteBuffer a = ByteBuffer.allocate(19);
        for (int i = 0; i < 50_000; i++) {
            Fixtures.randomIpv6(a, 3, rnd, i);
            if (i < 256) {
                // every mask of zero groups, the others all ones
                for (int g = 0; g < 8; g++) a.putShort(3 + 2 * g, (short) ((i >>> g & 1) != 0 ? 0 : 0xffff));
            }
            char[] c = new char[64];
            String text = new String(c, 0, CharFormat.ipv6(a, 3, c, 0));
            String expected = "{\"a\":\"" + text + "\"}";
            assertEquals(expected, ours(w -> {
                w.startObject();
                w.ipv6(JsonBytes.encodeKey("a"), a, 3);
                w.endObject();
            }), text);
            // the zero-run table against the rule worked out group by group
            long hi = a.getLong(3);
            long lo = a.getLong(11);
            assertEquals(zeroRunByGroups(hi, lo), io.pcapkit.frame.Formats.ipv6ZeroRun(hi, lo), text);
        }
    }

    /** RFC 5952's run, found group by group: the longest run of two or more zero groups, the first of equals. */
    private static int zeroRunByGroups(long hi, long lo) {
        int bestStart = -1;
        int bestLen = 0;
        int cur = 0;
        for (int i = 0; i < 8; i++) {
            long group = ((i < 4 ? hi : lo) >>> (48 - 16 * (i & 3))) & 0xffff;
            cur = group == 0 ? cur + 1 : 0;
            if (cur > bestLen) {
                bestLen = cur;
                bestStart = i - cur + 1;
            }
        }
        return bestLen < 2 ? -1 : bestStart << 8 | bestLen;
    }

    private interface GenBody {
        void write(JsonGenerator g) throws IOException;
    }

    private interface OurBody {
        void write(JsonBytes w) throws IOException;
    }

    private static String jackson(GenBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            body.write(g);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String ours(OurBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonBytes w = new JsonBytes(out)) {
            body.write(w);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
