package io.pcapkit.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pcapkit.frame.Formats;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The index writer's number and address text is the same as the rest of the output's. */
class AsciiTest {
    private static String text(Ascii a) {
        return new String(a.buf, 0, a.len, StandardCharsets.US_ASCII);
    }

    @Test
    void ipv6AsFormatsWritesIt() {
        SplittableRandom rnd = new SplittableRandom(7);
        long[][] special = {{0, 0}, {0, 1}, {0x20010db800000000L, 1}, {0, 0x0000ffff01020304L}, {0xfe80000000000000L, 0x021ff3fffecdf617L},
            {0xff02000000000000L, 0xfbL}, {0x0001000000000000L, 0x0000000000010000L}, {0x2001000000000001L, 0x0000000000000001L}};
        for (int i = 0; i < 5000 + special.length; i++) {
            long hi;
            long lo;
            if (i < special.length) {
                hi = special[i][0];
                lo = special[i][1];
            } else {
                // many zero groups, to reach every "::" placement
                hi = rnd.nextLong() & mask(rnd);
                lo = rnd.nextLong() & mask(rnd);
            }
            StringBuilder b = new StringBuilder();
            Formats.ipv6(b, ByteBuffer.allocate(16).putLong(hi).putLong(lo), 0);
            assertEquals(b.toString(), text(new Ascii().ipv6(hi, lo)), Long.toHexString(hi) + " " + Long.toHexString(lo));
        }
    }

    private static long mask(SplittableRandom rnd) {
        long m = 0;
        for (int g = 0; g < 4; g++) if (rnd.nextBoolean()) m |= 0xffffL << (16 * g);
        return m;
    }

    @Test
    void numbersAndPadding() {
        assertEquals("0,-7,123456789,9223372036854775807,-9223372036854775808,000042",
                text(new Ascii().num(0).put(',').num(-7).put(',').num(123456789).put(',').num(Long.MAX_VALUE).put(',').num(Long.MIN_VALUE).put(',')
                        .padded(42, 6)));
        assertEquals("192.0.2.255", text(new Ascii().ipv4(0xc00002ffL)));
    }

    @Test
    void paddingAgreesWithStringFormatAtEveryWidth() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int digits = 1; digits <= 18; digits++) {
            long limit = 1;
            for (int i = 0; i < digits; i++) limit *= 10;
            for (long v : new long[] {0, 1, 9, limit / 10, limit - 1, rnd.nextLong(limit), limit, limit * 3 + 1}) {
                assertEquals(String.format("%0" + digits + "d", v), text(new Ascii().padded(v, digits)), v + " to " + digits + " digits");
            }
        }
        assertEquals("000000000", text(new Ascii().padded(0, 9)));
    }
}
