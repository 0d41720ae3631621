package io.pcapkit.dissect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kaitai.struct.ByteBufferKaitaiStream;
import io.kaitai.struct.KaitaiStream;
import io.pcapkit.testing.Allocation;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The check that keeps the reference (Kaitai-backed) codecs from allocating what a length field
 * claims: every length is compared with the bytes remaining before an array is made, in the
 * stream and in every substream a sized structure is parsed from.
 */
class BoundedKaitaiStreamTest {
    /** A lying length costs the exception and its message, never the claimed bytes. */
    private static final long EXCEPTION_BYTES = 4096;

    /** Loads and links what a refusal uses, so that the measure sees the refusal alone. */
    @org.junit.jupiter.api.BeforeEach
    void warmUp() {
        BoundedKaitaiStream s = stream(4);
        for (int i = 0; i < 3; i++) {
            refused(s, 5, s::readBytes);
            refused(s, 5, s::substream);
        }
    }

    private static long refused(KaitaiStream s, long n, java.util.function.LongConsumer read) {
        long[] got = new long[1];
        return Allocation.of(() -> got[0] = assertThrows(BoundedKaitaiStream.Truncated.class, () -> read.accept(n)).getMessage().length());
    }

    private static BoundedKaitaiStream stream(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) i;
        return new BoundedKaitaiStream(ByteBuffer.wrap(b));
    }

    private static void refusedWithoutAllocating(KaitaiStream s, long n, java.util.function.LongConsumer read) {
        long bytes = refused(s, n, read);
        assertTrue(bytes < EXCEPTION_BYTES, n + " claimed: " + bytes + " bytes allocated");
    }

    @Test
    void lengthsBeyondTheBytesLeftAreRefusedBeforeAllocating() {
        BoundedKaitaiStream s = stream(16);
        s.readBytes(4);
        for (long n : new long[] {13, 1 << 20, Integer.MAX_VALUE - 8, Integer.MAX_VALUE, 1L << 32, Long.MAX_VALUE, -1}) {
            refusedWithoutAllocating(s, n, s::readBytes);
            refusedWithoutAllocating(s, n, s::substream);
            assertEquals(4, s.pos(), "a refused read does not move");
        }
        assertArrayEquals(new byte[] {4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, s.readBytes(12));
        assertEquals(0, s.readBytes(0).length);
    }

    /** What the check prevents: the stock stream allocates the claimed length, then fails. */
    @Test
    void theStockStreamAllocatesWhatALengthClaims() {
        ByteBufferKaitaiStream stock = new ByteBufferKaitaiStream(ByteBuffer.wrap(new byte[16]));
        long bytes = Allocation.of(() -> assertThrows(BufferUnderflowException.class, () -> stock.readBytes(64 << 20)));
        assertTrue(bytes >= 64 << 20, bytes + " bytes allocated for a 64 MiB claim over 16 bytes");
    }

    /** Sized structures parse from substreams: bounded too, and the parent moves past them. */
    @Test
    void substreamsAreBoundedToo() {
        BoundedKaitaiStream s = stream(32);
        s.readBytes(2);
        KaitaiStream sub = s.substream(8);
        assertTrue(sub instanceof BoundedKaitaiStream, sub.getClass().getName());
        assertEquals(10, s.pos());
        assertEquals(8, sub.size());
        assertEquals(2, sub.readU1());
        refusedWithoutAllocating(sub, 8, sub::readBytes);
        refusedWithoutAllocating(sub, Integer.MAX_VALUE, sub::readBytes);
        KaitaiStream inner = sub.substream(3);
        assertArrayEquals(new byte[] {3, 4, 5}, inner.readBytes(3));
        refusedWithoutAllocating(inner, 1, inner::readBytes);
        refusedWithoutAllocating(sub, 5, sub::substream);
        assertArrayEquals(new byte[] {6, 7, 8, 9}, sub.readBytes(4));
        assertArrayEquals(new byte[] {10, 11}, s.readBytes(2));
    }

    /** A positional instance seeks: past the end is a truncation, at the end is fine. */
    @Test
    void seeksPastTheEndAreTruncations() {
        BoundedKaitaiStream s = stream(8);
        s.seek(8);
        assertTrue(s.isEof());
        s.seek(2L);
        assertEquals(2, s.readU1());
        assertThrows(BoundedKaitaiStream.Truncated.class, () -> s.seek(9));
        assertThrows(BoundedKaitaiStream.Truncated.class, () -> s.seek(1L << 33));
        assertThrows(BoundedKaitaiStream.Truncated.class, () -> s.seek(-1));
        assertEquals(3, s.pos());
    }
}
