package io.pcapkit.reassembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The delivered-bytes ring's chunks: headers and bytes read back wherever the ring's end cuts them. */
class DeliveredRingTest {
    @Test
    void aChunkCutByTheRingsEndReadsBack() {
        // the second chunk's header starts at h: from h = 1005 on the header itself wraps, before that its bytes do
        for (int h = 970; h < 1024; h++) {
            TcpStreams s = new TcpStreams(new StreamOptions().deliveredRingBytes(1024));
            byte[] filler = new byte[h - 20];
            long first = s.putChunk(7, -1, ByteBuffer.wrap(filler), 0, filler.length);
            byte[] data = new byte[30];
            for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 7 + h);
            long second = s.putChunk(1000 + h, first, ByteBuffer.wrap(data), 0, data.length);
            assertEquals(h, second);
            assertTrue(s.ringHeld(second));
            assertEquals(1000 + h, s.chunkStart(second), "h " + h);
            assertEquals(first, s.chunkPrevious(second), "h " + h);
            assertEquals(30, s.chunkLength(second), "h " + h);
            assertTrue(s.ringEquals(s.chunkData(second), ByteBuffer.wrap(data), 0, data.length), "h " + h);
            data[29] ^= 1;
            assertFalse(s.ringEquals(s.chunkData(second), ByteBuffer.wrap(data), 0, data.length), "h " + h);
            // h + 50 bytes written: past 1024 the first header is overwritten
            assertEquals(h + 50 <= 1024, s.ringHeld(first), "h " + h);
        }
    }

    /** A small cap on bytes held (for a small heap) keeps a small ring: an eighth of it. */
    @Test
    void theRingTakesAnEighthOfTheCapAtMost() {
        assertEquals(ReassemblyLimits.TCP_DELIVERED_RING_BYTES, new TcpStreams(new StreamOptions()).ringCapacity());
        assertEquals(1_000_000, new TcpStreams(new StreamOptions().maxTotalBytes(8_000_000)).ringCapacity());
        assertEquals(1024, new TcpStreams(new StreamOptions().maxTotalBytes(4096)).ringCapacity());
        assertEquals(4096, new TcpStreams(new StreamOptions().deliveredRingBytes(4096)).ringCapacity());
    }

    /** A chunk larger than twice the ring so far (a large retained size) grows it as often as needed. */
    @Test
    void aLargeChunkGrowsTheRingSeveralTimes() {
        TcpStreams s = new TcpStreams(new StreamOptions().retainedBytes(8 << 20));
        byte[] small = new byte[100];
        long first = s.putChunk(0, -1, ByteBuffer.wrap(small), 0, small.length);
        byte[] big = new byte[6 << 20];
        big[big.length - 1] = 9;
        long second = s.putChunk(100, first, ByteBuffer.wrap(big), 0, big.length);
        assertTrue(s.ringHeld(first) && s.ringHeld(second));
        assertEquals(big.length, s.chunkLength(second));
        assertTrue(s.ringEquals(s.chunkData(second), ByteBuffer.wrap(big), 0, big.length));
        assertTrue(s.ringEquals(s.chunkData(first), ByteBuffer.wrap(small), 0, small.length));
    }

    @Test
    void theRingGrowsByDoublingUpToItsSize() {
        TcpStreams s = new TcpStreams(new StreamOptions().deliveredRingBytes(3 << 20));
        byte[] d = new byte[4000];
        long last = -1;
        long[] at = new long[1000];
        for (int i = 0; i < at.length; i++) {
            d[0] = (byte) i;
            at[i] = last = s.putChunk(4000L * i, last, ByteBuffer.wrap(d), 0, d.length);
        }
        // 4 MB written into a ring that grew 1 MiB, 2 MiB, then 3 MiB: the last 3 MiB are held, in order
        int held = 0;
        for (int i = 0; i < at.length; i++) {
            if (!s.ringHeld(at[i])) continue;
            held++;
            assertEquals(4000L * i, s.chunkStart(at[i]));
            assertEquals(i == 0 ? -1 : at[i - 1], s.chunkPrevious(at[i]));
            d[0] = (byte) i;
            assertTrue(s.ringEquals(s.chunkData(at[i]), ByteBuffer.wrap(d), 0, d.length), "chunk " + i);
        }
        assertEquals((3 << 20) / 4020, held, "chunks within the last 3 MiB");
    }
}
