package io.pcapkit.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.frame.Info;
import io.pcapkit.frame.InfoBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pcapng: byte orders, sections, interfaces and their timestamp units, the packet blocks,
 * skipped blocks, options, and damaged blocks.
 */
class PcapngReaderTest {
    @TempDir
    Path dir;

    private static final long T0 = 1_600_000_000L;

    private static List<String> kinds(Captures.Result r) {
        return r.problems().stream().map(p -> p.kind().name()).toList();
    }

    @ParameterizedTest(name = "little-endian={0}")
    @ValueSource(booleans = {true, false})
    void bothByteOrders(boolean le) throws IOException {
        PcapngBuilder b = new PcapngBuilder().shb(le).idb(1);
        b.epb(0, T0 * 1_000_000 + 123_456, PcapBuilder.payload(60, 1), 1514, new byte[0]);
        b.epb(0, T0 * 1_000_000 + 999_999, PcapBuilder.payload(61, 2));
        Captures.Result r = Captures.read(b.bytes());
        assertEquals(new CaptureFormat("pcapng", le, false, "none"), r.format());
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertEquals(2, r.records().size());
        PacketRecord p = r.records().get(0);
        assertEquals("1600000000.123456", p.time.epochString());
        assertEquals(60, p.capLen);
        assertEquals(1514, p.origLen);
        assertEquals(0, p.interfaceId);
        assertEquals(1, p.linkType);
        assertEquals(b.blockOffsets().get(2), p.fileOffset);
        assertArrayEquals(PcapBuilder.payload(60, 1), p.bytes());
        assertArrayEquals(PcapBuilder.payload(61, 2), r.records().get(1).bytes());
        assertEquals("1600000000.999999", r.records().get(1).time.epochString());
    }

    /**
     * Three sections (little-, big-, little-endian), interfaces with different link types and
     * units; interface ids start again in each section. Cross-checked with tshark.
     */
    @Test
    void sectionsAndInterfaces() throws Exception {
        PcapngBuilder b = new PcapngBuilder().shb(true);
        b.idb(1, 65535, new byte[0]);
        b.idb(101, 65535, b.options(9, new byte[] {9})); // raw IP, nanoseconds
        b.epb(0, T0 * 1_000_000 + 1, PcapBuilder.payload(42, 1));
        b.epb(1, T0 * 1_000_000_000L + 2, PcapBuilder.payload(20, 2));
        b.shb(false);
        b.idb(228, 65535, b.options(9, new byte[] {3}, 14, b.s8(3600))); // IPv4, milliseconds, +1 h
        b.epb(0, T0 * 1000 + 5, PcapBuilder.payload(20, 3));
        b.shb(true);
        b.idb(113);
        b.epb(0, (T0 + 1) * 1_000_000, PcapBuilder.payload(16, 4));
        Captures.Result r = Captures.read(b.bytes());
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertEquals(4, r.records().size());
        long[] link = {1, 101, 228, 113};
        int[] iface = {0, 1, 0, 0};
        String[] time = {"1600000000.000001", "1600000000.000000002", "1600003600.005", "1600000001.000000"};
        for (int i = 0; i < 4; i++) {
            PacketRecord p = r.records().get(i);
            assertEquals(link[i], p.linkType, "frame " + (i + 1));
            assertEquals(iface[i], p.interfaceId, "frame " + (i + 1));
            assertEquals(time[i], p.time.epochString(), "frame " + (i + 1));
            assertEquals(i + 1, p.number);
        }

        Path f = Files.write(dir.resolve("sections.pcapng"), b.bytes());
        List<String[]> rows = Tshark.fields(f, "frame.time_epoch", "frame.cap_len", "frame.interface_id");
        assertEquals(4, rows.size());
        for (int i = 0; i < 4; i++) {
            PacketRecord p = r.records().get(i);
            assertEquals(0, new BigDecimal(rows.get(i)[0]).compareTo(new BigDecimal(p.time.epochString())),
                    "frame " + (i + 1) + ": tshark " + rows.get(i)[0] + ", we " + p.time.epochString());
            assertEquals(Long.parseLong(rows.get(i)[1]), p.capLen);
            assertEquals(Long.parseLong(rows.get(i)[2]), p.interfaceId);
        }
    }

    /** if_tsresol as a power of two (top bit set) and as a power of ten. */
    @Test
    void timestampResolutions() throws Exception {
        PcapngBuilder b = new PcapngBuilder().shb(true);
        b.idb(1, 65535, b.options(9, new byte[] {(byte) 0x8a})); // 2^-10 s
        b.idb(1, 65535, b.options(9, new byte[] {0})); // whole seconds
        b.idb(1, 65535, b.options(9, new byte[] {18})); // 10^-18 s
        b.idb(1, 65535, b.options(9, new byte[] {19})); // finer than supported
        b.epb(0, (T0 << 10) + 512, new byte[14]); // + 0.5 s
        b.epb(0, (T0 << 10) + 1, new byte[14]); // + 1/1024 s = 976562.5 ns
        b.epb(1, T0, new byte[14]);
        b.epb(2, 1_600_000_000_123_456_789L, new byte[14]); // 1.6 s in attoseconds
        b.epb(3, T0 * 1_000_000, new byte[14]);
        Captures.Result r = Captures.read(b.bytes());
        assertEquals("1600000000.500000000", r.records().get(0).time.epochString());
        assertEquals("1600000000.000976562", r.records().get(1).time.epochString());
        assertEquals("1600000000", r.records().get(2).time.epochString());
        assertEquals("1.600000000123456789", r.records().get(3).time.epochString());
        assertEquals("1600000000.000000", r.records().get(4).time.epochString());
        assertEquals(List.of("SKIPPED"), kinds(r));
        assertTrue(r.problems().get(0).message().contains("if_tsresol 10^-19"), r.problems().get(0).message());

        Path f = Files.write(dir.resolve("tsresol.pcapng"), b.bytes());
        List<String[]> rows = Tshark.fields(f, "frame.time_epoch");
        // tshark prints nanoseconds: compare the first three at that precision
        for (int i = 0; i < 3; i++) {
            BigDecimal ours = new BigDecimal(r.records().get(i).time.epochString()).setScale(9, java.math.RoundingMode.DOWN);
            assertEquals(0, new BigDecimal(rows.get(i)[0]).compareTo(ours), "frame " + (i + 1) + ": tshark " + rows.get(i)[0]);
        }
    }

    /** EPB, SPB (interface 0, clamped to the snap length) and the obsolete PB. */
    @Test
    void packetBlocks() throws IOException {
        PcapngBuilder b = new PcapngBuilder().shb(true).idb(1, 64, new byte[0]);
        b.epb(0, T0 * 1_000_000, PcapBuilder.payload(60, 1), 60, b.options(1, "a comment", 2, new byte[] {1, 0, 0, 0}));
        b.spb(PcapBuilder.payload(100, 2), 100);
        b.spb(PcapBuilder.payload(30, 3), 30);
        long lying = b.size();
        b.spb(PcapBuilder.payload(30, 3), 1000); // 64 bytes called for (snap length), 32 in the block
        b.opb(0, T0 * 1_000_000 + 7, PcapBuilder.payload(50, 4));
        Captures.Result r = Captures.read(b.bytes());
        assertEquals(List.of("SKIPPED"), kinds(r));
        assertEquals(lying, r.problems().get(0).offset());
        assertEquals(4, r.records().size());
        assertArrayEquals(PcapBuilder.payload(60, 1), r.records().get(0).bytes());
        PacketRecord spb = r.records().get(1);
        assertEquals(64, spb.capLen);
        assertEquals(100, spb.origLen);
        assertArrayEquals(Arrays.copyOf(PcapBuilder.payload(100, 2), 64), spb.bytes());
        assertEquals(30, r.records().get(2).capLen); // the padding is not packet data
        assertArrayEquals(PcapBuilder.payload(30, 3), r.records().get(2).bytes());
        assertEquals("1600000000.000007", r.records().get(3).time.epochString());
        // a simple packet block has no timestamp; the blocks around it have theirs
        assertTrue(r.records().get(0).time.known);
        assertFalse(spb.time.known);
        assertFalse(r.records().get(2).time.known);
        assertTrue(r.records().get(3).time.known);
        assertArrayEquals(PcapBuilder.payload(50, 4), r.records().get(3).bytes());
    }

    /** NRB, ISB, DSB, custom and unknown blocks are skipped by their length, silently. */
    @Test
    void otherBlocksAreSkipped() throws IOException {
        PcapngBuilder b = new PcapngBuilder().shb(true);
        byte[] nrb = b.body().u2(1).u2(4).bytes(new byte[] {10, 0, 0, 1}).u2(0).u2(0).toBytes();
        b.block(PcapngBuilder.NRB, nrb);
        b.idb(1);
        b.epb(0, 0, PcapBuilder.payload(14, 1));
        b.block(PcapngBuilder.ISB, b.body().u4(0).u4(0).u4(0).toBytes());
        b.block(PcapngBuilder.DSB, b.body().u4(0x544c534b).u4(5).bytes("CLIENT_RANDOM".getBytes()).toBytes());
        b.block(PcapngBuilder.CUSTOM, b.body().u4(32473).bytes("private".getBytes()).toBytes());
        b.block(0x12345678, new byte[40]);
        b.block(0x80000001, new byte[0]);
        b.epb(0, 0, PcapBuilder.payload(14, 2));
        Captures.Result r = Captures.read(b.bytes());
        assertEquals(2, r.records().size());
        assertArrayEquals(PcapBuilder.payload(14, 2), r.records().get(1).bytes());
        assertTrue(r.problems().isEmpty(), r.problems().toString());
    }

    /** Section and interface options are parsed and given to the header output. */
    @Test
    void optionsAreParsed() throws IOException {
        PcapngBuilder b = new PcapngBuilder();
        b.shb(false, new PcapngBuilder().shb(false).options(1, "made by a test", 2, "x86", 3, "Linux", 4, "pcapkit"));
        b.idb(1, 262144, b.options(2, "eth0", 3, "first port", 9, new byte[] {6}, 12, "Linux 6"));
        b.epb(0, 0, new byte[14]);
        try (CaptureReader r = CaptureInput.open(new java.io.ByteArrayInputStream(b.bytes()), "opts.pcapng")) {
            PacketRecord rec = new PacketRecord();
            assertTrue(r.next(rec));
            InfoBuilder sink = new InfoBuilder();
            r.writeHeader(sink);
            Info h = sink.fields();
            String s = h.toString();
            for (String want : new String[] {"made by a test", "x86", "Linux", "pcapkit", "eth0", "first port", "Linux 6", "262144"}) {
                assertTrue(s.contains(want), want + " missing from " + s);
            }
            assertNotNull(h.info("section"), s);
            assertEquals(1, h.list("interfaces").size(), s);
            assertTrue(r.problems().isEmpty(), r.problems().toString());
        }
    }

    // ---- damaged files ----

    /** A cut anywhere inside a block: the packets before it, then TRUNCATED at the block's offset. */
    @Test
    void cutInsideABlock() throws IOException {
        PcapngBuilder b = new PcapngBuilder().shb(true).idb(1);
        for (int i = 0; i < 4; i++) b.epb(0, i, PcapBuilder.payload(30 + i, i));
        byte[] full = b.bytes();
        long third = b.blockOffsets().get(4);
        long fourth = b.blockOffsets().get(5);
        for (long cut = third + 1; cut < fourth; cut++) {
            Captures.Result r = Captures.read(Arrays.copyOf(full, (int) cut));
            assertEquals(2, r.records().size(), "cut at " + cut);
            assertEquals(List.of("TRUNCATED"), kinds(r), "cut at " + cut);
            assertEquals(third, r.problems().get(0).offset());
        }
        assertTrue(Captures.read(Arrays.copyOf(full, (int) fourth)).problems().isEmpty());
    }

    /** Lengths that cannot be right: reading stops at that block and says so; earlier packets stay. */
    @Test
    void impossibleBlockLengthsStop() throws IOException {
        for (long bad : new long[] {0, 8, 13, 0x7ffffffcL, 0xfffffffcL, CaptureLimits.MAX_BLOCK_BYTES + 4L}) {
            PcapngBuilder b = new PcapngBuilder().shb(true).idb(1).epb(0, 0, new byte[20]);
            long at = b.size();
            b.raw(b.body().u4(PcapngBuilder.EPB).u4(bad).toBytes()).raw(new byte[64]);
            Captures.Result r = Captures.read(b.bytes());
            assertEquals(1, r.records().size());
            assertEquals(1, r.problems().size(), r.problems().toString());
            Problem p = r.problems().get(0);
            assertEquals(at, p.offset());
            assertTrue(p.message().contains("block length " + bad) && p.message().contains("reading stops"), p.message());
        }
    }

    @Test
    void trailerMismatchStops() throws IOException {
        PcapngBuilder b = new PcapngBuilder().shb(true).idb(1).epb(0, 0, new byte[20]);
        long at = b.size();
        b.epb(0, 0, new byte[20]).epb(0, 0, new byte[20]);
        byte[] d = b.bytes();
        d[(int) at + 4 + 4 + 20 + 20 - 1 + 4] ^= 1; // last byte of the second EPB's trailing length (LE: most significant)
        Captures.Result r = Captures.read(d);
        assertEquals(1, r.records().size());
        assertEquals(List.of("CORRUPT"), kinds(r));
        assertEquals(at, r.problems().get(0).offset());
        assertTrue(r.problems().get(0).message().contains("trailing copy"), r.problems().get(0).message());
    }

    /** Bad packet blocks are skipped with a problem; the packets after them are read. */
    @Test
    void badPacketBlocksAreSkipped() throws IOException {
        PcapngBuilder b = new PcapngBuilder().shb(true);
        b.spb(new byte[10], 10); // before any interface
        b.idb(1);
        b.epb(7, 0, new byte[20]); // no interface 7
        long lying = b.size();
        // captured length 5000 in a 52-byte block
        b.block(PcapngBuilder.EPB, b.body().u4(0).u4(0).u4(0).u4(5000).u4(5000).bytes(new byte[20]).toBytes());
        b.block(PcapngBuilder.EPB, new byte[8]); // body too short for its fields
        b.block(PcapngBuilder.OPB, b.body().u2(3).u2(0).u4(0).u4(0).u4(4).u4(4).bytes(new byte[4]).toBytes());
        b.epb(0, 0, PcapBuilder.payload(20, 9), 20, b.body().u2(1).u2(200).bytes(new byte[8]).toBytes()); // option runs past the block
        b.epb(0, 0, PcapBuilder.payload(21, 1));
        Captures.Result r = Captures.read(b.bytes());
        assertEquals(1, r.records().size(), r.problems().toString());
        assertArrayEquals(PcapBuilder.payload(21, 1), r.records().get(0).bytes());
        assertEquals(List.of("SKIPPED", "SKIPPED", "SKIPPED", "SKIPPED", "SKIPPED", "SKIPPED"), kinds(r));
        assertEquals(lying, r.problems().get(2).offset());
        assertTrue(r.problems().get(2).message().contains("needs 5000 bytes"), r.problems().get(2).message());
    }

    /** Interfaces whose blocks are too short or whose options lie still count as interfaces. */
    @Test
    void damagedInterfaces() throws IOException {
        PcapngBuilder b = new PcapngBuilder().shb(true);
        b.block(PcapngBuilder.IDB, new byte[4]); // interface 0: no room for link type and snap length
        b.idb(113, 65535, b.body().u2(9).u2(40).bytes(new byte[4]).toBytes()); // interface 1: option past the end
        b.epb(0, 0, new byte[20]);
        b.epb(1, 5, new byte[20]);
        Captures.Result r = Captures.read(b.bytes());
        assertEquals(2, r.records().size());
        assertEquals(-1, r.records().get(0).linkType);
        // an unknown link type leaves the frame undissected
        assertEquals("Raw", new io.pcapkit.dissect.Dissector().dissect(r.records().get(0), null).toString());
        assertEquals(113, r.records().get(1).linkType);
        assertEquals("0.000005", r.records().get(1).time.epochString()); // defaults: microseconds
        assertEquals(List.of("CORRUPT", "SKIPPED"), kinds(r));
    }

    /** Timestamps beyond any writable date (whole-second units, a huge offset) are clamped and reported. */
    @Test
    void absurdTimestampsAreClamped() throws IOException {
        PcapngBuilder b = new PcapngBuilder().shb(true);
        b.idb(1, 65535, b.options(9, new byte[] {0})); // seconds
        b.idb(1, 65535, b.options(14, b.s8(Long.MIN_VALUE + 5)));
        b.epb(0, -1L, new byte[14]); // 2^64 - 1 seconds
        b.epb(1, 0, new byte[14]);
        b.epb(0, 1_700_000_000L, new byte[14]);
        Captures.Result r = Captures.read(b.bytes());
        assertEquals(3, r.records().size());
        assertEquals(Timestamp.MAX_SECONDS, r.records().get(0).time.seconds);
        assertEquals("+999999999-12-31T23:59:59Z", r.records().get(0).time.isoString());
        assertEquals(Timestamp.MIN_SECONDS, r.records().get(1).time.seconds);
        r.records().get(1).time.instant(); // no DateTimeException
        assertEquals("1700000000", r.records().get(2).time.epochString());
        assertEquals(List.of("CORRUPT", "CORRUPT"), kinds(r));
    }

    /** A block claiming the 16 MiB maximum with 1 MiB present: not allocated, TRUNCATED. */
    @Test
    void hugeBlockWithFewBytes() throws IOException {
        PcapngBuilder b = new PcapngBuilder().shb(true).idb(1).epb(0, 0, new byte[20]);
        long at = b.size();
        b.raw(b.body().u4(PcapngBuilder.EPB).u4(CaptureLimits.MAX_BLOCK_BYTES).toBytes()).raw(new byte[1 << 20]);
        byte[] d = b.bytes();
        ByteSource[] src = new ByteSource[1];
        Captures.Result r = Captures.drain(Captures.pcapng(d, src));
        assertEquals(1, r.records().size());
        assertEquals(List.of("TRUNCATED"), kinds(r));
        assertEquals(at, r.problems().get(0).offset());
        PcapReaderTest.assertWindowBound(src[0], d.length);
    }

    /** Many interfaces with large option blocks: the state kept per section is bounded. */
    @Test
    void interfaceStateIsBounded() throws IOException {
        PcapngBuilder b = new PcapngBuilder().shb(true);
        byte[] big = b.options(1, new String(new char[60_000]).replace('\0', 'x'));
        int n = CaptureLimits.MAX_INTERFACE_BYTES / big.length + 20;
        for (int i = 0; i < n; i++) b.idb(1, 65535, big);
        b.epb(n - 1, 0, new byte[14]);
        Captures.Result r = Captures.read(b.bytes());
        assertEquals(1, r.records().size());
        assertEquals(1, r.records().get(0).linkType);
        assertTrue(r.problems().size() >= 19 && r.problems().stream().allMatch(p -> p.message().contains("options are dropped")),
                r.problems().size() + " " + r.problems().get(0));
    }
}
