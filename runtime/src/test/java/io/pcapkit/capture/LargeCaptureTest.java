package io.pcapkit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Files over 4 GiB, without touching the disk: a synthetic pcap stream of 4.3 GB (17,200 records
 * of 250,000 bytes) with a corrupt header and a cut record beyond 2^32. Every offset must come
 * out exact, which an int (or a u4) anywhere on the path would break.
 */
class LargeCaptureTest {
    static final int DATA = 250_000;
    static final int REC = 16 + DATA;
    static final int N = 17_200;
    static final int CORRUPT = 17_180;
    static final long T0 = 1_600_000_000L;

    static long offset(int i) {
        return 24 + (long) i * REC;
    }

    /**
     * A stream of {@code head}, then units of {@code unit} bytes, each starting with the bytes
     * {@code start} gives for its index, ending with {@code tail} and otherwise zero, cut at
     * {@code size}.
     */
    static final class Synthetic implements ReadableByteChannel {
        private static final byte[] ZEROS = new byte[1 << 16];
        private final byte[] head;
        private final int unit;
        private final java.util.function.IntFunction<byte[]> start;
        private final byte[] tail;
        final long size;
        private long pos;
        private int cachedIndex = -1;
        private byte[] cached;

        Synthetic(byte[] head, int unit, java.util.function.IntFunction<byte[]> start, byte[] tail, long size) {
            this.head = head;
            this.unit = unit;
            this.start = start;
            this.tail = tail;
            this.size = size;
        }

        private byte[] startOf(int i) {
            if (i != cachedIndex) {
                cached = start.apply(i);
                cachedIndex = i;
            }
            return cached;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (pos >= size) return -1;
            int n = (int) Math.min(dst.remaining(), size - pos);
            int left = n;
            while (left > 0) {
                byte[] src;
                long from;
                long next;
                if (pos < head.length) {
                    src = head;
                    from = 0;
                    next = head.length;
                } else {
                    int i = (int) ((pos - head.length) / unit);
                    from = head.length + (long) i * unit;
                    src = startOf(i);
                    next = from + unit;
                }
                int k;
                long tailAt = next - (src == head ? 0 : tail.length);
                if (pos - from < src.length) {
                    k = (int) Math.min(left, src.length - (pos - from));
                    dst.put(src, (int) (pos - from), k);
                } else if (pos >= tailAt) {
                    k = (int) Math.min(left, next - pos);
                    dst.put(tail, (int) (pos - tailAt), k);
                } else {
                    k = (int) Math.min(Math.min(left, tailAt - pos), ZEROS.length);
                    dst.put(ZEROS, 0, k);
                }
                pos += k;
                left -= k;
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** pcap: record CORRUPT has a lying length; the stream is cut halfway into the last record. */
    static Synthetic pcap() {
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        return new Synthetic(h.array(), REC, i -> {
            // the 16-byte record header, then the first 8 data bytes: the index, big-endian
            ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt((int) (T0 + i)).putInt(i % 1_000_000).putInt(i == CORRUPT ? 0xfffffff0 : DATA).putInt(DATA + 1);
            return b.order(ByteOrder.BIG_ENDIAN).putLong(i).array();
        }, new byte[0], offset(N - 1) + 16 + DATA / 2);
    }

    @Test
    void overFourGibibytes() {
        assertTrue(offset(CORRUPT) > 1L << 32);
        Synthetic ch = pcap();
        assertTrue(ch.size > (1L << 32) + DATA);
        ByteSource src = new ByteSource(ch);
        long[] counted = new long[2];
        List<Problem> problems = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (PcapReader r = new PcapReader(src, "big.pcap", "none")) {
                PacketRecord rec = new PacketRecord();
                long expectIndex = 0;
                while (r.next(rec)) {
                    if (expectIndex == CORRUPT) expectIndex++;
                    assertEquals(expectIndex, rec.buffer.getLong(rec.offset), "record index at " + rec.fileOffset);
                    assertEquals(offset((int) expectIndex), rec.fileOffset);
                    assertEquals(DATA, rec.capLen);
                    assertEquals(T0 + expectIndex, rec.time.seconds);
                    if (rec.fileOffset > 1L << 32) counted[1]++;
                    counted[0]++;
                    expectIndex++;
                }
                return List.copyOf(r.problems());
            }
        });
        // every record but the corrupt one and the cut last one
        assertEquals(N - 2, counted[0]);
        assertTrue(counted[1] > 10, counted[1] + " records beyond 2^32");
        assertEquals(3, problems.size(), problems.toString());
        assertEquals(Problem.Kind.CORRUPT, problems.get(0).kind());
        assertEquals(offset(CORRUPT), problems.get(0).offset());
        assertEquals(Problem.Kind.RESYNCHRONISED, problems.get(1).kind());
        assertEquals(offset(CORRUPT + 1), problems.get(1).offset());
        assertEquals(Problem.Kind.TRUNCATED, problems.get(2).kind());
        assertEquals(offset(N - 1), problems.get(2).offset());
        assertEquals(4_300_025_208L, problems.get(2).offset());
        assertTrue(problems.get(2).message().contains((DATA / 2) + " remain"), problems.get(2).message());
        // the resync search holds its span (window + two headers + a maximal packet), at most doubled
        long span = CaptureLimits.RESYNC_WINDOW + 32L + CaptureLimits.MAX_PACKET_BYTES;
        assertTrue(src.capacity() <= 2 * span, "window " + src.capacity());
    }

    /** pcapng the same way: SHB + IDB, then enhanced packet blocks, the last cut beyond 2^32. */
    @Test
    void pcapngOverFourGibibytes() {
        PcapngBuilder hb = new PcapngBuilder().shb(false).idb(1);
        byte[] head = hb.bytes();
        int block = 12 + 20 + DATA; // DATA is a multiple of 4: no padding
        long size = head.length + (long) (N - 1) * block + block / 2;
        Synthetic ch = new Synthetic(head, block, i -> {
            ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.BIG_ENDIAN);
            b.putInt(6).putInt(block).putInt(0).putInt(0).putInt(i).putInt(DATA).putInt(DATA).putLong(i);
            return b.array();
        }, ByteBuffer.allocate(4).putInt(block).array(), size);
        ByteSource src = new ByteSource(ch);
        List<Problem> problems = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (PcapngReader r = new PcapngReader(src, "big.pcapng", "none")) {
                PacketRecord rec = new PacketRecord();
                long count = 0;
                while (r.next(rec)) {
                    assertEquals(count, rec.buffer.getLong(rec.offset));
                    assertEquals(head.length + count * block, rec.fileOffset);
                    assertEquals(count, rec.time.fraction);
                    count++;
                }
                assertEquals(N - 1, count);
                return List.copyOf(r.problems());
            }
        });
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(Problem.Kind.TRUNCATED, problems.get(0).kind());
        assertEquals(head.length + (long) (N - 1) * block, problems.get(0).offset());
        assertTrue(problems.get(0).offset() > 1L << 32);
        assertTrue(src.capacity() <= 2 * block, "window " + src.capacity());
    }
}
