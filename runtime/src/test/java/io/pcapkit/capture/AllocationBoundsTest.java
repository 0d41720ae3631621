package io.pcapkit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.testing.Allocation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/**
 * Lengths are checked against the bytes present before memory is taken, measured with the JVM's
 * per-thread allocation counter: a record or block that claims megabytes over a few bytes costs
 * the reader its usual window, never the claim.
 */
class AllocationBoundsTest {
    /** What opening and reading a small file costs at most: the 64 KiB window, twice over, and change. */
    private static final long SMALL_READ = 4L * ByteSource.INITIAL_WINDOW;

    /** Bytes reading {@code file} allocates, measured on a second read (the first loads the classes). */
    private static long read(byte[] file) {
        readOnce(file);
        return readOnce(file);
    }

    private static long readOnce(byte[] file) {
        return Allocation.of(() -> {
            try (CaptureReader r = CaptureInput.open(new ByteArrayInputStream(file), "claims")) {
                PacketRecord rec = new PacketRecord();
                while (r.next(rec)) {
                    // reading only
                }
                assertFalse(r.problems().isEmpty(), "the lie is reported");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void theWindowGrowsOnlyWithBytesThatArrive() throws IOException {
        try (ByteSource s = new ByteSource(new PatternChannel(100, 100))) {
            long bytes = Allocation.of(() -> {
                try {
                    assertEquals(-1, s.ensure(0, ByteSource.MAX_WINDOW));
                    assertEquals(-1, s.ensure(1L << 40, 16));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertTrue(bytes < 4096, bytes + " bytes allocated for a 2 GiB request over 100 bytes");
        }
    }

    /** A pcap whose snap length allows 16 MiB records, and a record claiming them over 100 bytes. */
    @Test
    void aPcapRecordClaimingMegabytes() {
        byte[] file = new PcapBuilder(true, false, CaptureLimits.MAX_BLOCK_BYTES, 1)
                .record(1, 0, CaptureLimits.MAX_BLOCK_BYTES, CaptureLimits.MAX_BLOCK_BYTES, new byte[100]).bytes();
        long bytes = read(file);
        assertTrue(bytes < SMALL_READ, bytes + " bytes allocated for a 16 MiB claim over 100 bytes");
    }

    /** A pcapng block claiming the largest length allowed, over 100 bytes. */
    @Test
    void aPcapngBlockClaimingMegabytes() {
        PcapngBuilder b = new PcapngBuilder().shb(true).idb(1);
        byte[] head = b.bytes();
        byte[] block = b.body().u4(PcapngBuilder.EPB).u4(CaptureLimits.MAX_BLOCK_BYTES).bytes(new byte[100]).toBytes();
        byte[] file = java.util.Arrays.copyOf(head, head.length + block.length);
        System.arraycopy(block, 0, file, head.length, block.length);
        long bytes = read(file);
        assertTrue(bytes < SMALL_READ, bytes + " bytes allocated for a 16 MiB claim over 100 bytes");
    }

    /**
     * An xz file whose block header claims a 1.5 GiB dictionary over a few bytes: the stock decoder
     * allocates the claim when the first byte is read (a fuzzing finding would be an
     * OutOfMemoryError); here it is refused as bad xz data, having allocated little.
     */
    @Test
    void anXzDictionaryClaimingGigabytes() throws IOException {
        byte[] file = xzWithDictionaryByte(new PcapBuilder(true, false, 65_535, 1).record(1, 0, 60, 60, new byte[60]).bytes(), 37);
        long bytes = Allocation.of(() -> {
            CaptureException e = org.junit.jupiter.api.Assertions.assertThrows(CaptureException.class,
                    () -> CaptureInput.open(new ByteArrayInputStream(file), "claims").close());
            assertTrue(e.getMessage().startsWith("claims: "), e.getMessage());
            assertTrue(e.getMessage().contains("xz"), e.getMessage());
        });
        assertTrue(bytes < 16L * 1024 * 1024, bytes + " bytes allocated for a 1.5 GiB dictionary claim");
    }

    /**
     * A zstd frame whose header claims a window of 2^28 (one past {@link CaptureLimits#MAX_ZSTD_WINDOW_LOG}):
     * refused as bad zstd data before the decoder allocates it; the same frame with its real window opens.
     */
    @Test
    void aZstdWindowPastTheCap() throws IOException {
        byte[] pcap = new PcapBuilder(true, false, 65_535, 1).record(1, 0, 60, 60, new byte[60]).bytes();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (com.github.luben.zstd.ZstdOutputStream z = new com.github.luben.zstd.ZstdOutputStream(out)) {
            z.write(pcap);
        }
        byte[] file = out.toByteArray();
        int descriptor = file[4] & 0xff;
        assertTrue((descriptor & 0x20) == 0, "a streamed frame has a window descriptor (no single-segment flag)");
        // the window descriptor after the frame header descriptor: exponent in the top 5 bits, window log = 10 + exponent
        try (CaptureReader r = CaptureInput.open(new ByteArrayInputStream(file), "fits")) {
            assertTrue(r.next(new PacketRecord()), "the frame as written opens");
        }
        file[5] = (byte) ((CaptureLimits.MAX_ZSTD_WINDOW_LOG + 1 - 10) << 3);
        CaptureException e = org.junit.jupiter.api.Assertions.assertThrows(CaptureException.class, () -> {
            try (CaptureReader r = CaptureInput.open(new ByteArrayInputStream(file), "claims")) {
                r.next(new PacketRecord());
            }
        });
        assertTrue(e.getMessage().startsWith("claims: ") && e.getMessage().contains("zstd"), e.getMessage());
    }

    /** {@code data} compressed with xz, then the LZMA2 dictionary-size byte of its block header set to {@code dictByte}. */
    static byte[] xzWithDictionaryByte(byte[] data, int dictByte) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        org.tukaani.xz.LZMA2Options o = new org.tukaani.xz.LZMA2Options();
        o.setDictSize(org.tukaani.xz.LZMA2Options.DICT_SIZE_MIN);
        try (org.tukaani.xz.XZOutputStream xz = new org.tukaani.xz.XZOutputStream(out, o)) {
            xz.write(data);
        }
        byte[] b = out.toByteArray();
        // stream header (12 bytes), then the block header: size, flags (one filter, no sizes),
        // filter id 0x21 (LZMA2), 1 byte of properties (the dictionary size), padding, CRC32
        int h = 12;
        int len = ((b[h] & 0xff) + 1) * 4;
        assertEquals(0x21, b[h + 2]);
        assertEquals(1, b[h + 3]);
        b[h + 4] = (byte) dictByte;
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b, h, len - 4);
        long v = crc.getValue();
        for (int i = 0; i < 4; i++) b[h + len - 4 + i] = (byte) (v >>> (8 * i));
        return b;
    }
}
