package io.pcapkit.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pcapkit.capture.Timestamp;
import io.pcapkit.frame.Formats;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The allocation-free time and address text agrees with the reference implementations. */
class TextFormatTest {
    /** The range java.time's LocalDateTime (which appendIso goes through) can print. */
    private static final long MAX_SECOND = java.time.LocalDateTime.MAX.toEpochSecond(java.time.ZoneOffset.UTC);
    private static final long MIN_SECOND = java.time.LocalDateTime.MIN.toEpochSecond(java.time.ZoneOffset.UTC);

    private static String iso(TimeText tt, Timestamp t) {
        char[] c = new char[TimeText.MAX_ISO];
        return new String(c, 0, tt.iso(t, c, 0));
    }

    private static String epoch(TimeText tt, Timestamp t) {
        char[] c = new char[TimeText.MAX_EPOCH];
        return new String(c, 0, tt.epoch(t, c, 0));
    }

    @Test
    void isoMatchesTimestampAppendIso() {
        TimeText tt = new TimeText();
        SplittableRandom rnd = new SplittableRandom(42);
        long[] fixed = {0, 1, -1, 86_399, 86_400, -86_400, -86_401, 951_782_400 /* 2000-02-29 */, 4_107_542_400L /* 2100-03-01 */,
            253_402_300_799L /* 9999-12-31T23:59:59 */, 253_402_300_800L /* +10000 */, -62_167_219_200L /* 0000-01-01 */,
            -62_167_219_201L /* -0001 */, MAX_SECOND, MIN_SECOND};
        for (long s : fixed) {
            for (int d : new int[] {0, 6, 9, 18}) check(tt, s, d, rnd);
        }
        for (int i = 0; i < 200_000; i++) {
            long s = i % 3 == 0 ? rnd.nextLong(MIN_SECOND, MAX_SECOND) : rnd.nextLong(0, 1L << 32);
            check(tt, s, rnd.nextInt(0, 19), rnd);
            // consecutive frames in the same second and day (the cached paths)
            check(tt, s, 6, rnd);
            check(tt, s + 1, 6, rnd);
        }
    }

    private static void check(TimeText tt, long s, int digits, SplittableRandom rnd) {
        Timestamp t = new Timestamp();
        long frac = digits == 0 ? 0 : rnd.nextLong(0, pow10(digits));
        t.set(s, frac, digits);
        assertEquals(t.appendIso(new StringBuilder()).toString(), iso(tt, t), () -> s + "." + frac + " (" + digits + ")");
        String e = epoch(tt, t);
        assertEquals(new BigDecimal(s).add(new BigDecimal(java.math.BigInteger.valueOf(frac), digits)), new BigDecimal(e), e);
        assertEquals(digits, e.indexOf('.') < 0 ? 0 : e.length() - e.indexOf('.') - 1, e);
        if (s >= 0) assertEquals(t.epochString(), e);
    }

    private static long pow10(int d) {
        long p = 1;
        for (int i = 0; i < d; i++) p *= 10;
        return p;
    }

    @Test
    void negativeEpochIsTheNumberItIs() {
        TimeText tt = new TimeText();
        Timestamp t = new Timestamp();
        t.set(-1, 750_000, 6); // 0.25 s before the epoch
        assertEquals("-0.250000", epoch(tt, t));
        t.set(Long.MIN_VALUE, 0, 3);
        assertEquals("-9223372036854775808.000", epoch(tt, t));
    }

    /** RFC 5952's examples, written the same by the text, chars and bytes writers. */
    @Test
    void ipv6AsRfc5952() {
        String[][] cases = {
            {"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"}, // the first of equal runs
            {"2001:0:0:1:0:0:0:1", "2001:0:0:1::1"}, // the longest run
            {"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"}, // one zero group stays
            {"0:0:0:0:0:0:0:0", "::"}, {"0:0:0:0:0:0:0:1", "::1"}, {"1:0:0:0:0:0:0:0", "1::"},
            {"0:0:0:0:0:ffff:102:304", "::ffff:1.2.3.4"}, {"0:0:0:0:1:ffff:102:304", "::1:ffff:102:304"},
            {"2001:DB8:AAAA:BBBB:CCCC:DDDD:EEEE:1", "2001:db8:aaaa:bbbb:cccc:dddd:eeee:1"}};
        for (String[] c : cases) {
            ByteBuffer b = ByteBuffer.allocate(16);
            String[] g = c[0].split(":");
            for (int i = 0; i < 8; i++) b.putShort(2 * i, (short) Integer.parseInt(g[i], 16));
            StringBuilder sb = new StringBuilder();
            Formats.ipv6(sb, b, 0);
            assertEquals(c[1], sb.toString(), c[0]);
            char[] chars = new char[64];
            assertEquals(c[1], new String(chars, 0, CharFormat.ipv6(b, 0, chars, 0)), c[0]);
        }
    }

    @Test
    void addressesMatchFormats() {
        char[] c = new char[64];
        ByteBuffer b = ByteBuffer.allocate(8);
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long v = i < 256 ? i * 0x01010101L : rnd.nextLong() & 0xffffffffL;
            StringBuilder sb = new StringBuilder();
            Formats.ipv4(sb, v);
            assertEquals(sb.toString(), new String(c, 0, CharFormat.ipv4(v, c, 0)));
            b.putLong(0, rnd.nextLong());
            sb.setLength(0);
            Formats.mac(sb, b, 1, 6);
            assertEquals(sb.toString(), new String(c, 0, CharFormat.mac(b, 1, 6, c, 0)));
        }
        // IPv6: random groups, most of them zero so that runs of every length and place occur, and mapped IPv4
        ByteBuffer a = ByteBuffer.allocate(17);
        for (int i = 0; i < 200_000; i++) {
            Fixtures.randomIpv6(a, 1, rnd, i);
            StringBuilder sb = new StringBuilder();
            Formats.ipv6(sb, a, 1);
            assertEquals(sb.toString(), new String(c, 0, CharFormat.ipv6(a, 1, c, 0)));
        }
    }
}
