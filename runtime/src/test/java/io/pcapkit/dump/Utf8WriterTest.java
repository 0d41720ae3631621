package io.pcapkit.dump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The plist's UTF-8 writer encodes as the JDK's encoder does, however the text is split into calls. */
class Utf8WriterTest {
    /** Characters from every UTF-8 length, surrogate pairs, and unpaired halves of them. */
    private static char[] text(Random rnd, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            switch (rnd.nextInt(6)) {
                case 0 -> c[i] = (char) rnd.nextInt(0x80);
                case 1 -> c[i] = (char) (0x80 + rnd.nextInt(0x780));
                case 2 -> c[i] = (char) (0x800 + rnd.nextInt(0xD000));
                case 3 -> c[i] = (char) (0xE000 + rnd.nextInt(0x2000));
                case 4 -> {
                    // a pair, or (sometimes) a lone half
                    int cp = 0x10000 + rnd.nextInt(0x100000);
                    c[i] = Character.highSurrogate(cp);
                    if (i + 1 < n && rnd.nextInt(4) > 0) c[++i] = Character.lowSurrogate(cp);
                }
                default -> c[i] = Character.lowSurrogate(0x10000 + rnd.nextInt(0x100000));
            }
        }
        return c;
    }

    /** Writes {@code c} in random pieces through the three write methods. */
    private static void writeInPieces(Writer w, char[] c, Random rnd) throws IOException {
        int i = 0;
        while (i < c.length) {
            int len = Math.min(c.length - i, 1 + rnd.nextInt(40));
            switch (rnd.nextInt(3)) {
                case 0 -> {
                    for (int k = 0; k < len; k++) w.write(c[i + k]);
                }
                case 1 -> w.write(c, i, len);
                default -> w.write(new String(c), i, len);
            }
            i += len;
        }
    }

    @Test
    void encodesAsTheJdkDoes() throws IOException {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            char[] c = text(rnd, rnd.nextInt(trial < 10 ? 200_000 : 2_000));
            long seed = rnd.nextLong();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            try (Writer w = new OutputStreamWriter(expected, StandardCharsets.UTF_8)) {
                writeInPieces(w, c, new Random(seed));
            }
            ByteArrayOutputStream actual = new ByteArrayOutputStream();
            // the usual buffer and the least a dumper may take: a buffer's end falls inside a char's bytes
            int buffer = trial % 2 == 0 ? DumpOptions.DEFAULT_BUFFER_BYTES : DumpOptions.MIN_BUFFER_BYTES;
            try (Writer w = new Utf8Writer(actual, buffer)) {
                writeInPieces(w, c, new Random(seed));
            }
            assertArrayEquals(expected.toByteArray(), actual.toByteArray(), "trial " + trial);
        }
    }
}
