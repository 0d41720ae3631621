package io.pcapkit.dump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** PCAP and PCAPNG output: byte-identical round trips, frames kept exactly, tshark accepts it. */
class CaptureWriterTest {
    static final List<String> OWN = List.of("crafted-mix.pcap", "crafted-mix-nsec.pcap", "crafted-sll.pcap", "http-loopback.pcap",
            "crafted-mix.pcapng", "mixed-linktypes.pcapng");

    /** Every complete classic pcap: ours and the corpus's (MANIFEST file_format pcap-*, not the cut one). */
    static Stream<Path> classicPcaps() {
        List<Path> l = new ArrayList<>();
        for (String s : OWN) if (s.endsWith(".pcap")) l.add(Fixtures.testdata(s));
        for (Corpus.Entry e : Corpus.manifest()) {
            boolean cut = e.name().contains("TRUNCATED") || String.valueOf(e.get("note")).contains("truncated");
            if (e.get("file_format").startsWith("pcap-") && !cut) l.add(e.file());
        }
        return l.stream();
    }

    /** Every capture we can read: ours and the whole corpus. */
    static Stream<Path> allCaptures() {
        List<Path> l = new ArrayList<>();
        for (String s : OWN) l.add(Fixtures.testdata(s));
        for (Corpus.Entry e : Corpus.manifest()) l.add(e.file());
        return l.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classicPcaps")
    void classicPcapRoundTripIsByteIdentical(Path in) throws IOException {
        byte[] out = Fixtures.dump(in, "pcap");
        byte[] original = Files.readAllBytes(in);
        assertTrue(original.length > 24, "a capture with frames");
        if (!Arrays.equals(original, out)) {
            throw new AssertionError(in.getFileName() + ": output differs at byte " + Arrays.mismatch(original, out) + " (input "
                    + original.length + " bytes, output " + out.length + ")");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCaptures")
    void pcapngKeepsEveryFrame(Path in) throws IOException {
        byte[] out = Fixtures.dump(in, "pcapng");
        List<PacketRecord> before = Fixtures.records(in);
        List<PacketRecord> after = Fixtures.records(out);
        assertFalse(before.isEmpty());
        assertEquals(before.size(), after.size(), "frames");
        for (int i = 0; i < before.size(); i++) {
            PacketRecord a = before.get(i);
            PacketRecord b = after.get(i);
            String at = in.getFileName() + " frame " + (i + 1);
            assertArrayEquals(a.bytes(), b.bytes(), at);
            assertEquals(a.origLen, b.origLen, at);
            assertEquals(a.linkType, b.linkType, at);
            assertEquals(a.instant(), b.instant(), at + ": timestamp to the nanosecond");
            // nanoseconds, unless the time lies past 2554 (then the input's own resolution)
            boolean fitsNs = a.time.seconds < 18_446_744_073L;
            assertEquals(fitsNs ? 9 : a.time.digits, b.time.digits, at);
        }
    }

    @Test
    void pcapngKeepsTimesPast2554AtTheirOwnResolutionAndReportsTimesBefore1970() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Dumper d = Dumpers.create("pcapng", b, null);
        PacketRecord r = new PacketRecord();
        r.buffer = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5});
        r.capLen = 5;
        r.origLen = 5;
        r.linkType = 1;
        long[][] times = {{1_700_000_000L, 123_456, 6}, {40_000_000_000L, 654_321, 6} /* year 3237 */, {-5, 250_000, 6}};
        for (long[] t : times) {
            r.number++;
            r.time.set(t[0], t[1], (int) t[2]);
            d.beginFrame(r);
            d.endFrame(null);
        }
        String summary = d.summary();
        d.close();
        assertTrue(summary != null && summary.startsWith("1 frame(s) not written"), summary);
        try (CaptureReader in = CaptureInput.open(new java.io.ByteArrayInputStream(b.toByteArray()), "out")) {
            PacketRecord a = new PacketRecord();
            assertTrue(in.next(a));
            assertEquals(1_700_000_000L, a.time.seconds);
            assertEquals(123_456_000L, a.time.fraction);
            assertEquals(9, a.time.digits);
            assertTrue(in.next(a));
            assertEquals(40_000_000_000L, a.time.seconds, "kept exactly, at microseconds");
            assertEquals(654_321L, a.time.fraction);
            assertEquals(6, a.time.digits);
            assertEquals(1, a.interfaceId);
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, a.bytes());
            assertFalse(in.next(a));
            assertTrue(in.problems().isEmpty(), in.problems().toString());
        }
    }

    @Test
    void pcapngKeepsInterfacesApart() throws IOException {
        byte[] out = Fixtures.dump(Fixtures.testdata("mixed-linktypes.pcapng"), "pcapng");
        try (CaptureReader r = CaptureInput.open(new java.io.ByteArrayInputStream(out), "out")) {
            List<Integer> ifaces = new ArrayList<>();
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) ifaces.add(rec.interfaceId);
            assertEquals(18, ifaces.size());
            assertEquals(List.of(0, 1), ifaces.stream().distinct().toList());
            assertEquals(1, r.linkType(0));
            assertEquals(113, r.linkType(1));
            assertEquals(65535, r.snaplen(0), "the input interface's snap length");
        }
    }

    @Test
    void pcapFromPcapngIsLittleEndianNanosecondAndKeepsTheFrames() throws IOException {
        Path in = Fixtures.testdata("crafted-mix.pcapng");
        byte[] out = Fixtures.dump(in, "pcap");
        ByteBuffer h = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b23c4d, h.getInt(0));
        assertEquals(2, h.getShort(4));
        assertEquals(4, h.getShort(6));
        assertEquals(1, h.getInt(20), "link type of the first interface");
        List<PacketRecord> before = Fixtures.records(in);
        List<PacketRecord> after = Fixtures.records(out);
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i).bytes(), after.get(i).bytes());
            assertEquals(before.get(i).origLen, after.get(i).origLen);
            assertEquals(before.get(i).instant(), after.get(i).instant());
        }
    }

    @Test
    void pcapSkipsFramesOfAnotherLinkTypeAndSaysSo() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String summary;
        try (CaptureReader r = CaptureInput.open(Fixtures.testdata("mixed-linktypes.pcapng")); Dumper d = Dumpers.create("pcap", b, null)) {
            assertNull(d.summary());
            assertEquals(18, Dumpers.dump(r, new Dissector(), d));
            summary = d.summary();
        }
        assertTrue(summary != null && summary.startsWith("2 frame(s) not written") && summary.contains("113"), summary);
        List<PacketRecord> after = Fixtures.records(b.toByteArray());
        assertEquals(16, after.size());
        assertTrue(after.stream().allMatch(r -> r.linkType == 1));
    }

    @Test
    void emptyInputGivesAValidEmptyCapture(@TempDir Path dir) throws IOException {
        Path empty = dir.resolve("empty.pcap");
        Files.write(empty, Arrays.copyOf(Files.readAllBytes(Fixtures.testdata("crafted-mix-nsec.pcap")), 24));
        byte[] pcap = Fixtures.dump(empty, "pcap");
        assertArrayEquals(Files.readAllBytes(empty), pcap);
        byte[] pcapng = Fixtures.dump(empty, "pcapng");
        assertTrue(Fixtures.records(pcapng).isEmpty());
        try (CaptureReader r = CaptureInput.open(new java.io.ByteArrayInputStream(pcapng), "out")) {
            assertFalse(r.next(new PacketRecord()));
            assertEquals(1, r.linkType(0), "the pcap's link type, as an interface");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tsharkCases")
    void tsharkReadsOurOutput(Path in, String format) throws Exception {
        assumeTrue(tshark() != null, "tshark not installed: skipping");
        Path out = Files.createTempFile("pcapkit-", "." + format);
        try {
            Files.write(out, Fixtures.dump(in, format));
            Process p = new ProcessBuilder(tshark(), "-r", out.toString(), "-T", "fields", "-e", "frame.number", "-e", "frame.len")
                    .redirectErrorStream(false).start();
            String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), stderr);
            assertFalse(stderr.contains("appears to be damaged") || stderr.contains("isn't a capture file"), stderr);
            List<PacketRecord> frames = Fixtures.records(in);
            List<String> lines = stdout.lines().toList();
            long expected = format.equals("pcap") ? frames.stream().filter(r -> r.linkType == frames.get(0).linkType).count() : frames.size();
            assertEquals(expected, lines.size(), stdout);
            assertEquals("1\t" + frames.get(0).origLen, lines.get(0));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> tsharkCases() {
        List<org.junit.jupiter.params.provider.Arguments> l = new ArrayList<>();
        for (String s : OWN) {
            l.add(org.junit.jupiter.params.provider.Arguments.of(Fixtures.testdata(s), "pcapng"));
            l.add(org.junit.jupiter.params.provider.Arguments.of(Fixtures.testdata(s), "pcap"));
        }
        return l.stream();
    }

    private static String tshark() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(d, "tshark");
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }
}
