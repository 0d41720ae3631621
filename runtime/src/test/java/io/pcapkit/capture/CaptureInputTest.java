package io.pcapkit.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** Opening captures: files that cannot be read at all, and compression detected by magic. */
class CaptureInputTest {
    @TempDir
    Path dir;

    private static CaptureException openFails(Path p) {
        return assertThrows(CaptureException.class, () -> {
            try (CaptureReader r = CaptureInput.open(p)) {
                r.next(new PacketRecord());
            }
        });
    }

    /** The message names the file and says what was found (the CLI prints it and exits 2). */
    private static void assertNames(CaptureException e, Path p, String what) {
        assertTrue(e.getMessage().startsWith(p.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
    }

    @Test
    void missingFile() {
        Path p = dir.resolve("nope.pcap");
        assertNames(openFails(p), p, "no such file");
    }

    @Test
    void directory() {
        assertNames(openFails(dir), dir, "is a directory");
    }

    @Test
    void unreadableFile() throws IOException {
        Path p = dir.resolve("secret.pcap");
        Files.write(p, PcapBuilder.ethernet().record(1, 0, new byte[60]).bytes());
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
        // root reads any file whatever its mode: the case cannot be made there
        assumeFalse(Files.isReadable(p), "running as root (or with CAP_DAC_OVERRIDE): a chmod 000 file stays readable, case skipped");
        assertNames(openFails(p), p, "not readable");
    }

    @Test
    void emptyAndTinyFiles() throws IOException {
        Path empty = Files.write(dir.resolve("empty.pcap"), new byte[0]);
        assertNames(openFails(empty), empty, "too short to be a capture (0 bytes)");
        Path three = Files.write(dir.resolve("three.pcap"), new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2});
        assertNames(openFails(three), three, "too short to be a capture (3 bytes)");
    }

    @Test
    void unknownMagic() throws IOException {
        Path p = Files.write(dir.resolve("text.pcap"), "GET / HTTP/1.1\r\n".getBytes());
        assertNames(openFails(p), p, "not a pcap or pcapng file (magic 47 45 54 20)");
        // a gzip file whose content is not a capture says both
        Path gz = Files.write(dir.resolve("text.bin"), gzip("hello, world".getBytes()));
        assertNames(openFails(gz), gz, "magic 68 65 6c 6c after gzip");
    }

    @Test
    void globalHeaderCutShort() throws IOException {
        byte[] full = PcapBuilder.ethernet().bytes();
        for (int n : new int[] {4, 10, 23}) {
            Path p = Files.write(dir.resolve("cut" + n + ".pcap"), Arrays.copyOf(full, n));
            assertNames(openFails(p), p, "pcap global header cut short (" + n + " of 24 bytes)");
        }
        byte[] ng = new PcapngBuilder().shb(true).bytes();
        for (int n : new int[] {4, 11, 20, ng.length - 1}) {
            Path p = Files.write(dir.resolve("cut" + n + ".pcapng"), Arrays.copyOf(ng, n));
            CaptureException e = openFails(p);
            assertNames(e, p, n < 12 ? "ends inside a section header" : "the file ends inside the section header block");
        }
    }

    @Test
    void badByteOrderMagic() throws IOException {
        byte[] ng = new PcapngBuilder().shb(true).bytes();
        ng[8] = 0x11;
        Path p = Files.write(dir.resolve("bom.pcapng"), ng);
        assertNames(openFails(p), p, "unknown byte-order magic");
    }

    // ---- compression: by magic, never by name ----

    private static byte[] sample() {
        return sample(50);
    }

    /** {@code n} records whose bytes do not compress well, so a cut lands among them. */
    private static byte[] sample(int n) {
        PcapBuilder b = PcapBuilder.ethernet();
        java.util.Random rnd = new java.util.Random(n);
        for (int i = 0; i < n; i++) {
            byte[] d = new byte[60 + (i * 7) % 1400];
            rnd.nextBytes(d);
            b.record(1_600_000_000L + i, i * 1000, d);
        }
        return b.bytes();
    }

    static byte[] gzip(byte[] d) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(o)) {
            z.write(d);
        }
        return o.toByteArray();
    }

    static byte[] xz(byte[] d) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (OutputStream z = new XZOutputStream(o, new LZMA2Options())) {
            z.write(d);
        }
        return o.toByteArray();
    }

    static byte[] zstd(byte[] d) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (OutputStream z = new ZstdOutputStream(o)) {
            z.write(d);
        }
        return o.toByteArray();
    }

    private Captures.Result readFile(String name, byte[] data) throws IOException {
        Path p = Files.write(dir.resolve(name), data);
        try (CaptureReader r = CaptureInput.open(p)) {
            return Captures.drain(r);
        }
    }

    private static void assertSameRecords(List<PacketRecord> want, List<PacketRecord> got) {
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(want.get(i).bytes(), got.get(i).bytes(), "frame " + (i + 1));
            assertEquals(want.get(i).time.epochString(), got.get(i).time.epochString());
            assertEquals(want.get(i).fileOffset, got.get(i).fileOffset);
        }
    }

    @Test
    void compressedCapturesAreReadByMagic() throws IOException {
        byte[] plain = sample();
        Captures.Result want = readFile("plain.bin", plain);
        assertEquals(50, want.records().size());
        assertEquals("none", want.format().compression());
        byte[] ng = new PcapngBuilder().shb(false).idb(1).epb(0, 1_600_000_000_000_000L, PcapBuilder.payload(70, 1)).bytes();
        for (String kind : new String[] {"gzip", "xz", "zstd"}) {
            byte[] z = switch (kind) {
                case "gzip" -> gzip(plain);
                case "xz" -> xz(plain);
                default -> zstd(plain);
            };
            // misleading names: the magic decides
            Captures.Result got = readFile(kind + "-capture.pcap.bin", z);
            assertEquals(kind, got.format().compression());
            assertEquals("pcap", got.format().container());
            assertSameRecords(want.records(), got.records());
            assertTrue(got.problems().isEmpty(), got.problems().toString());
            byte[] zng = switch (kind) {
                case "gzip" -> gzip(ng);
                case "xz" -> xz(ng);
                default -> zstd(ng);
            };
            Captures.Result g2 = readFile(kind + ".gz", zng);
            assertEquals("pcapng", g2.format().container());
            assertEquals(1, g2.records().size());
        }
        // and a plain capture named .gz is read as plain
        assertEquals("none", readFile("plain.gz", plain).format().compression());
    }

    /**
     * A compressed capture cut short (or corrupt) keeps every record before the damage: the
     * decompressor's complaint becomes a TRUNCATED problem, never an exception of next().
     */
    @Test
    void cutOrCorruptCompressedCaptures() throws IOException {
        byte[] plain = sample(400);
        Captures.Result want = readFile("plain.bin", plain);
        int n = want.records().size();
        for (String kind : new String[] {"gzip", "xz", "zstd"}) {
            byte[] z = switch (kind) {
                case "gzip" -> gzip(plain);
                case "xz" -> xz(plain);
                default -> zstd(plain);
            };
            for (int cut : new int[] {z.length / 2, z.length - 9, z.length - 1}) {
                Captures.Result got = readFile(kind + "-cut.bin", Arrays.copyOf(z, cut));
                // a cut in the container's trailer may leave every record readable, but is still reported
                assertTrue(got.records().size() <= n, kind + " cut at " + cut);
                if (cut == z.length / 2) assertTrue(got.records().size() > n / 4, kind + ": " + got.records().size() + " records");
                assertSameRecords(want.records().subList(0, got.records().size()), got.records());
                assertTrue(got.problems().stream().anyMatch(p -> p.kind() == Problem.Kind.TRUNCATED), kind + " cut at " + cut + ": " + got.problems());
            }
            byte[] bad = z.clone();
            for (int i = z.length / 2; i < z.length / 2 + 8; i++) bad[i] ^= 0x5a;
            Captures.Result got = readFile(kind + "-bad.bin", bad);
            // the bytes are incompressible, so the flip at half the compressed size cannot reach the
            // first 40 % of the capture: those records are intact (later ones may be garbage that
            // a codec without a running checksum passes on before it notices)
            int k = 0;
            while (k < n && want.records().get(k).fileOffset + 16 + want.records().get(k).capLen < plain.length * 0.4) k++;
            assertTrue(got.records().size() >= k, kind + ": " + got.records().size() + " of " + k);
            assertSameRecords(want.records().subList(0, k), got.records().subList(0, k));
            if (got.records().size() < n) {
                Problem p = got.problem(Problem.Kind.TRUNCATED);
                assertNotNull(p, kind + " corrupt: " + got.problems());
            }
        }
    }

    @Test
    void compressedHeaderCutShort() throws IOException {
        byte[] z = gzip(sample());
        Path p = Files.write(dir.resolve("head.bin"), Arrays.copyOf(z, 12));
        CaptureException e = openFails(p);
        assertNames(e, p, "gzip");
    }
}
