package io.pcapkit.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Classic pcap: the four magics, cut files, lying lengths, and the resynchronising search. */
class PcapReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "little-endian={0} nanosecond={1}")
    @CsvSource({"true,false", "true,true", "false,false", "false,true"})
    void allFourMagics(boolean le, boolean nano) throws Exception {
        PcapBuilder b = new PcapBuilder(le, nano, 65535, 1);
        long frac = nano ? 123_456_789L : 123_456L;
        b.record(1_600_000_000L, frac, 60, 60, PcapBuilder.payload(60, 1));
        b.record(1_600_000_001L, 0, 100, 1514, PcapBuilder.payload(100, 2));
        b.record(1_600_000_002L, nano ? 999_999_999L : 999_999L, 0, 0, new byte[0]);
        Captures.Result r = Captures.read(b.bytes());
        assertEquals(new CaptureFormat("pcap", le, nano, "none"), r.format());
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        List<PacketRecord> recs = r.records();
        assertEquals(3, recs.size());
        String f = nano ? "123456789" : "123456";
        assertEquals("1600000000." + f, recs.get(0).time.epochString());
        assertEquals("2020-09-13T12:26:40." + f + "Z", recs.get(0).time.isoString());
        assertEquals("1600000001." + (nano ? "000000000" : "000000"), recs.get(1).time.epochString());
        assertEquals("1600000002." + (nano ? "999999999" : "999999"), recs.get(2).time.epochString());
        assertEquals(60, recs.get(0).capLen);
        assertEquals(100, recs.get(1).capLen);
        assertEquals(1514, recs.get(1).origLen);
        assertEquals(0, recs.get(2).capLen);
        assertArrayEquals(PcapBuilder.payload(100, 2), recs.get(1).bytes());
        assertEquals(24, recs.get(0).fileOffset);
        assertEquals(24 + 16 + 60, recs.get(1).fileOffset);
        for (int i = 0; i < 3; i++) {
            assertEquals(i + 1, recs.get(i).number);
            assertEquals(1, recs.get(i).linkType);
            assertEquals(-1, recs.get(i).interfaceId);
        }

        // tshark reads the same file the same way
        Path p = Files.write(dir.resolve("magic.pcap"), b.bytes());
        List<String[]> rows = Tshark.fields(p, "frame.time_epoch", "frame.cap_len", "frame.len");
        assertEquals(3, rows.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(new BigDecimal(rows.get(i)[0]).compareTo(new BigDecimal(recs.get(i).time.epochString())), 0,
                    "frame " + (i + 1) + ": tshark " + rows.get(i)[0] + ", we " + recs.get(i).time.epochString());
            assertEquals(Long.parseLong(rows.get(i)[1]), recs.get(i).capLen);
            assertEquals(Long.parseLong(rows.get(i)[2]), recs.get(i).origLen);
        }
    }

    @Test
    void linkTypeFcsBitsAreMasked() throws IOException {
        // 0x1400_0001: link type 1 with the FCS-present bit and an FCS length of 1 (2 bytes) in the top bits
        PcapBuilder b = new PcapBuilder(true, false, 65535, 0x1400_0001L);
        b.record(1, 0, new byte[14]);
        assertEquals(1, Captures.read(b.bytes()).records().get(0).linkType);
    }

    /** Five records of 40..80 bytes. */
    private static PcapBuilder five() {
        PcapBuilder b = PcapBuilder.ethernet();
        for (int i = 0; i < 5; i++) b.record(1_600_000_000L + i, i, PcapBuilder.payload(40 + 10 * i, i));
        return b;
    }

    /**
     * Cut anywhere inside record 4 (its header or its data): records 1-3 come back, then a
     * TRUNCATED problem at the exact offset of record 4's header. Cut on a boundary: no problem.
     */
    @Test
    void cutInsideARecord() throws IOException {
        PcapBuilder b = five();
        byte[] full = b.bytes();
        long r4 = b.recordOffsets().get(3);
        long r5 = b.recordOffsets().get(4);
        Captures.Result whole = Captures.read(full);
        for (long cut = r4 + 1; cut < r5; cut++) {
            Captures.Result r = Captures.read(Arrays.copyOf(full, (int) cut));
            assertEquals(3, r.records().size(), "cut at " + cut);
            for (int i = 0; i < 3; i++) assertArrayEquals(whole.records().get(i).bytes(), r.records().get(i).bytes());
            assertEquals(1, r.problems().size(), r.problems().toString());
            Problem p = r.problems().get(0);
            assertEquals(Problem.Kind.TRUNCATED, p.kind());
            assertEquals(r4, p.offset(), "cut at " + cut);
            assertTrue(p.message().contains("record 4") && p.message().contains("reading stops"), p.message());
        }
        Captures.Result atBoundary = Captures.read(Arrays.copyOf(full, (int) r4));
        assertEquals(3, atBoundary.records().size());
        assertTrue(atBoundary.problems().isEmpty());
    }

    /**
     * A captured length over the header's snap length but within Wireshark's 256 KiB maximum is
     * read, as tshark reads it; one over that maximum is a corrupt header: tshark stops there, we
     * say so and go on at the next record.
     */
    @Test
    void capturedLengthBeyondTheSnapLength() throws Exception {
        PcapBuilder b = new PcapBuilder(true, false, 100, 1);
        b.record(1, 0, PcapBuilder.payload(200, 1));
        long bad = b.size();
        b.record(2, 0, PcapBuilder.payload(300_000, 2));
        long next = b.size();
        b.record(3, 0, PcapBuilder.payload(60, 3));
        Captures.Result r = Captures.read(b.bytes());
        assertEquals(2, r.records().size());
        assertEquals(200, r.records().get(0).capLen);
        assertEquals(next, r.records().get(1).fileOffset);
        assertEquals(List.of(Problem.Kind.CORRUPT, Problem.Kind.RESYNCHRONISED), r.problems().stream().map(Problem::kind).toList());
        assertEquals(bad, r.problems().get(0).offset());
        assertTrue(r.problems().get(0).message().contains("more than the limit of " + CaptureLimits.MAX_PACKET_BYTES), r.problems().get(0).message());

        List<String[]> rows = Tshark.fields(Files.write(dir.resolve("snap.pcap"), b.bytes()), "frame.cap_len");
        assertEquals("200", rows.get(0)[0]);
        assertEquals(1, rows.size(), "tshark stops at the oversized record");
    }

    /**
     * A record claiming more than is left (but within the limits) stops reading as a cut file:
     * its length is never allocated, and the window stays near the bytes really present.
     */
    @Test
    void recordLongerThanTheBytesLeft() throws IOException {
        // a snap length of 16 MiB raises the per-record limit to the pcapng block maximum
        PcapBuilder b = new PcapBuilder(true, false, CaptureLimits.MAX_BLOCK_BYTES, 1);
        b.record(1, 0, PcapBuilder.payload(100, 0));
        long at = b.size();
        b.record(1, 0, CaptureLimits.MAX_BLOCK_BYTES - 1, CaptureLimits.MAX_BLOCK_BYTES - 1, new byte[3_000_000]);
        byte[] data = b.bytes();
        ByteSource[] src = new ByteSource[1];
        Captures.Result r = Captures.drain(Captures.pcap(data, src));
        assertEquals(1, r.records().size());
        Problem p = r.problem(Problem.Kind.TRUNCATED);
        assertNotNull(p, r.problems().toString());
        assertEquals(at, p.offset());
        assertTrue(p.message().contains("3000000 remain"), p.message());
        assertWindowBound(src[0], data.length);
    }

    static void assertWindowBound(ByteSource src, long present) {
        long bound = Math.max(ByteSource.INITIAL_WINDOW, 2 * present);
        assertTrue(src.capacity() <= bound, "window " + src.capacity() + " > " + bound + " for " + present + " bytes present");
    }

    /**
     * A corrupt header in the middle (a captured length beyond every limit): the reader says so,
     * finds the next record and goes on; the records around it are all read.
     */
    @Test
    void resynchronisesAfterACorruptHeader() throws IOException {
        PcapBuilder b = PcapBuilder.ethernet();
        for (int i = 0; i < 3; i++) b.record(1_600_000_000L + i, 0, PcapBuilder.payload(60, i));
        long bad = b.size();
        b.record(1_600_000_003L, 0, 0xfffffff0L, 60, PcapBuilder.payload(60, 9));
        long resume = b.size();
        for (int i = 4; i < 8; i++) b.record(1_600_000_000L + i, 0, PcapBuilder.payload(60, i));
        ByteSource[] src = new ByteSource[1];
        Captures.Result r = Captures.drain(Captures.pcap(b.bytes(), src));
        assertEquals(7, r.records().size());
        assertArrayEquals(PcapBuilder.payload(60, 4), r.records().get(3).bytes());
        assertEquals(resume, r.records().get(3).fileOffset);
        assertEquals(List.of(Problem.Kind.CORRUPT, Problem.Kind.RESYNCHRONISED), r.problems().stream().map(Problem::kind).toList());
        assertEquals(bad, r.problems().get(0).offset());
        assertTrue(r.problems().get(0).message().contains("4294967280 captured bytes"), r.problems().get(0).message());
        assertEquals(resume, r.problems().get(1).offset());
        assertTrue(r.problems().get(1).message().contains("resumes"), r.problems().get(1).message());
        assertWindowBound(src[0], b.size());
    }

    /** Garbage after a corrupt header: the search gives up within its window, says so, and quickly. */
    @Test
    void garbageStopsTheSearch() throws IOException {
        byte[] garbage = new byte[3 << 20];
        new Random(7).nextBytes(garbage);
        PcapBuilder b = PcapBuilder.ethernet();
        b.record(1_600_000_000L, 0, PcapBuilder.payload(60, 0));
        long bad = b.size();
        b.raw(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1, 0, 0, 0, 0});
        b.raw(garbage);
        // valid records beyond the search window are not reached
        b.record(1_600_000_001L, 0, PcapBuilder.payload(60, 1)).record(1_600_000_002L, 0, PcapBuilder.payload(60, 2));
        ByteSource[] src = new ByteSource[1];
        Captures.Result r = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Captures.drain(Captures.pcap(b.bytes(), src)));
        assertEquals(1, r.records().size());
        assertEquals(List.of(Problem.Kind.CORRUPT, Problem.Kind.STOPPED), r.problems().stream().map(Problem::kind).toList());
        assertEquals(bad, r.problems().get(1).offset());
        assertTrue(r.problems().get(1).message().contains("no plausible record within " + CaptureLimits.RESYNC_WINDOW), r.problems().get(1).message());
        assertWindowBound(src[0], b.size());

        // a file that is garbage from its first record on
        PcapBuilder g = PcapBuilder.ethernet().raw(Arrays.copyOf(garbage, 2 << 20));
        Captures.Result r2 = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Captures.read(g.bytes()));
        assertTrue(r2.records().size() <= 2, r2.records().size() + " records from garbage");
        assertNotNull(r2.problem(Problem.Kind.STOPPED), r2.problems().toString());
    }

    /**
     * A crafted file that makes the reader resynchronise every 48 bytes, read through a channel
     * that delivers a few bytes at a time (a pipe, a decompressor): the bytes moved in memory
     * stay proportional to the input. Every other search used to move its whole ~1.3 MiB span to
     * the front of the window: about 14,000 bytes moved per byte of input.
     */
    @Test
    void manyResynchronisationsStayLinear() throws IOException {
        PcapBuilder b = PcapBuilder.ethernet();
        int units = 60_000;
        for (int i = 0; i < units; i++) {
            b.raw(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, -1, -1, -1, -1, 9, 9, 9, 9});
            b.record(1_600_000_000L, 0, new byte[0]).record(1_600_000_000L, 0, new byte[0]);
        }
        ByteSource[] src = new ByteSource[1];
        Captures.Result r = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> Captures.drain(Captures.trickle(b.bytes(), 64, src)));
        assertEquals(2 * units, r.records().size());
        // problems are bounded, and say what happened first
        assertEquals(CaptureLimits.MAX_PROBLEMS, r.problems().size());
        assertEquals(Problem.Kind.CORRUPT, r.problems().get(0).kind());
        assertWindowBound(src[0], b.size());
        long limit = 2L * b.size() + 4L * ByteSource.INITIAL_WINDOW;
        assertTrue(src[0].movedBytes() <= limit, src[0].movedBytes() + " bytes moved for " + b.size() + " read");
    }

    @Test
    void timestampsAndOffsetsStayExactAtTheEnd() throws IOException {
        // the largest u4 values a record header can hold
        PcapBuilder b = new PcapBuilder(false, true, 0xffffffffL, 0xffffL);
        b.record(0xffffffffL, 999_999_999L, 4, 0xffffffffL, new byte[] {1, 2, 3, 4});
        Captures.Result r = Captures.read(b.bytes());
        PacketRecord rec = r.records().get(0);
        assertEquals("4294967295.999999999", rec.time.epochString());
        assertEquals("2106-02-07T06:28:15.999999999Z", rec.time.isoString());
        assertEquals(0xffffffffL, rec.origLen);
        assertEquals(0xffffL, rec.linkType);
        assertNull(r.problem(Problem.Kind.CORRUPT));
    }
}
