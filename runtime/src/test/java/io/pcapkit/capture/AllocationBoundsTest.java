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
}
