package io.pcapkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.testing.Corpus;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flat memory, proven on the real command: {@code pcapkit extract} under {@code -Xmx64m}, in its
 * own JVM, over a capture of more than 300 MB generated for the run (and deleted after). The
 * capture repeats our crafted frames (every protocol of the core grammars, malformed ones
 * included) with full-size and 64 KiB frames, frames nested to the layer limit, and a few corrupt
 * record headers the reader resynchronises after. Every frame must come out as an NDJSON line.
 */
class SmallHeapTest {
    /** At least this many bytes of capture (the issue asks for 300 MB). */
    static final long CAPTURE_BYTES = 300_000_000L;
    static final String HEAP = "-Xmx64m";
    /** A corrupt record header every this many cycles of frames. */
    static final int CORRUPT_EVERY = 5_000;
    /** Generous: the run takes seconds; this only stops a hang. */
    static final long TIMEOUT_MINUTES = 5;

    @TempDir
    Path dir;

    /** The frames of one cycle: our crafted mix, then larger ones. */
    private static List<byte[]> frames() throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (CaptureReader r = CaptureInput.open(Corpus.repoRoot().resolve("testdata/crafted-mix.pcap"))) {
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) out.add(rec.bytes());
        }
        byte[] tcp = out.get(0);
        for (int i = 0; i < 4; i++) out.add(resized(tcp, 1514));
        return out;
    }

    /** {@code frame} padded (Ethernet padding after its datagram) or cut to {@code n} bytes. */
    private static byte[] resized(byte[] frame, int n) {
        return java.util.Arrays.copyOf(frame, n);
    }

    /** Ethernet / IPv4 (total length 65,535) / UDP: a 64 KiB frame. */
    private static byte[] jumbo() {
        ByteBuffer b = ByteBuffer.allocate(14 + 65_535);
        b.put(new byte[12]).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) 65_535).putInt(0).put((byte) 64).put((byte) 17).putShort((short) 0).putInt(0x0a000001)
                .putInt(0x0a000002);
        b.putShort((short) 40000).putShort((short) 9).putShort((short) (65_535 - 20)).putShort((short) 0);
        return b.array();
    }

    /** {@code depth} 802.1Q tags: past the layer limit when deep enough. */
    private static byte[] vlans(int depth) {
        ByteBuffer b = ByteBuffer.allocate(14 + 4 * depth + 28);
        b.put(new byte[12]).putShort((short) 0x8100);
        for (int i = 0; i < depth; i++) b.putShort((short) (i & 0xfff)).putShort((short) (i == depth - 1 ? 0x0800 : 0x8100));
        b.put((byte) 0x45).put((byte) 0).putShort((short) 28).putInt(0).put((byte) 64).put((byte) 17).putShort((short) 0).putInt(0).putInt(0);
        b.putShort((short) 1).putShort((short) 2).putShort((short) 8).putShort((short) 0);
        return b.array();
    }

    /** What was written: frames, and corrupt record headers (which are not frames). */
    record Written(long frames, long corrupt) {
    }

    private static Written write(Path file) throws IOException {
        List<byte[]> cycle = frames();
        byte[] jumbo = jumbo();
        byte[] deep = vlans(300);
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262_144).putInt(1);
        ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        long frames = 0;
        long corrupt = 0;
        long size = 24;
        long usec = 1_700_000_000_000_000L;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            os.write(h.array());
            for (int c = 0; size < CAPTURE_BYTES; c++) {
                List<byte[]> these = new ArrayList<>(cycle);
                if (c % 10 == 0) these.add(jumbo);
                if (c % 100 == 0) these.add(deep);
                for (byte[] f : these) {
                    usec += 37;
                    rec.clear();
                    rec.putInt((int) (usec / 1_000_000)).putInt((int) (usec % 1_000_000)).putInt(f.length).putInt(f.length);
                    os.write(rec.array());
                    os.write(f);
                    size += 16 + f.length;
                    frames++;
                }
                if (c % CORRUPT_EVERY == CORRUPT_EVERY - 1) {
                    // a record header claiming 2 GiB: reported, and reading resumes at the next record
                    rec.clear();
                    rec.putInt((int) (usec / 1_000_000)).putInt(0).putInt(0x7fffffff).putInt(0x7fffffff);
                    os.write(rec.array());
                    size += 16;
                    corrupt++;
                }
            }
        }
        return new Written(frames, corrupt);
    }

    @Test
    void extractUnderSixtyFourMegabytesOfHeap() throws Exception {
        Path capture = dir.resolve("large.pcap");
        long t0 = System.nanoTime();
        Written w = write(capture);
        long frames = w.frames();
        long size = Files.size(capture);
        long t1 = System.nanoTime();
        assertTrue(size >= CAPTURE_BYTES, size + " bytes");

        Path gc = dir.resolve("gc.log");
        Path err = dir.resolve("stderr.txt");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP, "-Xlog:gc:file=" + gc,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "extract", capture.toString(), "-f", "ndjson",
                "--no-progress");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        long lines = 0;
        long out = 0;
        try (InputStream in = p.getInputStream()) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                out += n;
                for (int i = 0; i < n; i++) if (buf[i] == '\n') lines++;
            }
        }
        assertTrue(p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES), "the run did not end");
        long t2 = System.nanoTime();
        String stderr = Files.readString(err);
        assertFalse(stderr.contains("OutOfMemoryError"), stderr);
        // the corrupt headers are problems of the input: exit 1, frames still written
        assertEquals(ExitCodes.DATA_PROBLEMS, p.exitValue(), stderr);
        long corrupt = w.corrupt();
        assertTrue(corrupt >= 1);
        assertEquals(corrupt, stderr.lines().filter(l -> l.contains("claims 2147483647 captured bytes")).count(), stderr);
        assertEquals(corrupt, stderr.lines().filter(l -> l.contains("reading resumes at the next plausible record")).count(), stderr);
        assertEquals(frames, lines, "every frame is a line of output");

        long maxAfterGc = 0;
        long gcs = 0;
        Matcher m = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)").matcher(Files.readString(gc));
        while (m.find()) {
            gcs++;
            maxAfterGc = Math.max(maxAfterGc, Long.parseLong(m.group(2)));
        }
        double secs = (t2 - t1) / 1e9;
        System.out.printf("small heap (%s): %,d bytes, %,d frames (%d corrupt headers resynchronised) -> %,d bytes of NDJSON in %.1f s "
                + "(%.0f MB/s, %.0f frames/s); %d GCs, heap after GC at most %d MB; capture written in %.1f s%n", HEAP, size, frames, corrupt,
                out, secs, size / 1e6 / secs, frames / secs, gcs, maxAfterGc, (t1 - t0) / 1e9);
        assertTrue(maxAfterGc < 64, "heap after GC " + maxAfterGc + " MB");
    }
}
