package io.pcapkit.dump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.dissect.Field;
import io.pcapkit.dissect.FieldKind;
import io.pcapkit.dissect.Format;
import io.pcapkit.dissect.JsonLayerOut;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The texts of cached stretches of fields: found by their bits only, replaced in turn, kept whole. */
class RunTextsTest {
    private static final Field F = new Field(3, "ttl", "ttl", FieldKind.NUMBER, Format.DEC, "test");

    @Test
    void aSlotHoldsTheKeyItWasMadeForAndTakesTurns() {
        RunTexts t = new RunTexts();
        assertEquals(-1, t.find(3, 5), "nothing kept yet");
        byte[] a = "\"ttl\":5".getBytes(StandardCharsets.US_ASCII);
        t.put(3, 5, a, 0, a.length);
        int slot = t.find(3, 5);
        assertTrue(slot >= 0);
        assertArrayEquals(a, Arrays.copyOf(t.text(slot), t.length(slot)));
        assertEquals(-1, t.find(4, 5), "another stretch");
        // a key that shares the slot replaces the text, in the same array when it fits
        int other = 6;
        while (slotOf(other) != slot) other++;
        assertEquals(slot, t.find(3, 5));
        byte[] before = t.text(slot);
        byte[] b = "\"ttl\":6".getBytes(StandardCharsets.US_ASCII);
        t.put(3, other, b, 0, b.length);
        assertEquals(-1, t.find(3, 5), "the old key no longer matches");
        assertEquals(slot, t.find(3, other));
        assertTrue(before == t.text(slot), "the slot's array is reused");
        // a longer text gets a longer array, padded for word copies
        byte[] c = "x".repeat(300).getBytes(StandardCharsets.US_ASCII);
        t.put(3, other, c, 0, c.length);
        assertEquals(slot, t.find(3, other));
        assertEquals(300, t.length(slot));
        assertTrue(t.text(slot).length >= 300 + 16);
    }

    /** The slot key {@code k} would take, found by keeping it in a scratch table. */
    private static int slotOf(int k) {
        RunTexts s = new RunTexts();
        s.put(3, k, new byte[1], 0, 1);
        return s.find(3, k);
    }

    /** Each stretch keeps its own texts. */
    @Test
    void manyStretchesKeepTheirOwnTexts() {
        RunTexts t = new RunTexts();
        for (int id = 0; id < 1000; id += 7) t.put(id, id & 0xffff, new byte[] {(byte) id}, 0, 1);
        for (int id = 0; id < 1000; id += 7) {
            int slot = t.find(id, id & 0xffff);
            assertTrue(slot >= 0, "stretch " + id);
            assertEquals((byte) id, t.text(slot)[0]);
        }
        assertEquals(-1, t.find(3, 3), "a stretch never met");
    }

    /** A stretch written where the buffer had to grow is kept whole, and copied back as written. */
    @Test
    void aStretchWrittenWhereTheBufferGrowsIsKeptWhole() throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonBytes w = new JsonBytes(out);
        byte[] key = JsonLayerOut.key(",\"proto\":");
        // at the end of the buffer's usual room: the name's own room check makes the buffer grow
        int p = 128 * 1024 - 12;
        assertEquals(-1, w.cachedRun(p, F, 7));
        String name = "a name longer than the bytes left before the buffer's end";
        int end = w.enumerated(p, key, 9, true, F, 6, name);
        assertTrue(end > 128 * 1024, "written past the usual room: " + end);
        w.keepRun(F, 7, p, end);
        // copied back at the line's start, the line is the stretch alone
        int copied = w.cachedRun(0, F, 7);
        assertEquals(end - p, copied, "the whole stretch is kept");
        w.at(copied, true);
        w.newline();
        w.close();
        assertEquals(",\"proto\":{\"value\":6,\"name\":\"" + name + "\"}\n", out.toString(StandardCharsets.UTF_8));
    }
}
