package io.pcapkit.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of the file rather than of its records: a capture that grows while it is read (it is
 * read to the size it had when opened), a file whose reads fail part-way (the records before the
 * failure are kept, the error names the file), and a named pipe (read to its end). Unreadable
 * files are in {@link CaptureInputTest#unreadableFile} (skipped as root, who reads any file).
 */
class FileFaultsTest {
    @TempDir
    Path dir;

    private static final byte[] FRAME = PcapBuilder.payload(60, 7);

    private static PcapBuilder records(int n) {
        PcapBuilder b = PcapBuilder.ethernet();
        for (int i = 0; i < n; i++) b.record(1_700_000_000L + i, i, FRAME);
        return b;
    }

    private static List<PacketRecord> readAll(CaptureReader r) throws IOException {
        List<PacketRecord> out = new ArrayList<>();
        PacketRecord rec = new PacketRecord();
        while (r.next(rec)) out.add(rec.copy());
        return out;
    }

    private static void append(Path p, byte[] b) throws IOException {
        Files.write(p, b, StandardOpenOption.APPEND);
    }

    /**
     * A capture still being written: 3 records and half of a 4th at open time; the rest of the 4th
     * and a 5th arrive before the reader gets there. The reader gives the 3 records and reports
     * the 4th as cut at its offset, whatever arrived meanwhile: the file's size at open decides.
     */
    @Test
    void aGrowingFileIsReadToItsSizeAtOpen() throws IOException {
        byte[] all = records(5).bytes();
        long fourth = records(3).size();
        long cut = fourth + 16 + 30;
        Path p = dir.resolve("live.pcap");
        Files.write(p, Arrays.copyOf(all, (int) cut));
        try (CaptureReader r = CaptureInput.open(p)) {
            append(p, Arrays.copyOfRange(all, (int) cut, all.length));
            assertEquals(all.length, Files.size(p));
            List<PacketRecord> got = readAll(r);
            assertEquals(3, got.size());
            assertEquals(1, r.problems().size(), r.problems().toString());
            Problem pr = r.problems().get(0);
            assertEquals(Problem.Kind.TRUNCATED, pr.kind());
            assertEquals(fourth, pr.offset());
        }
        // opened again, it is read to its new end
        try (CaptureReader r = CaptureInput.open(p)) {
            assertEquals(5, readAll(r).size());
            assertTrue(r.problems().isEmpty(), r.problems().toString());
        }
    }

    /** Growth at a record boundary: the records there at open, no problem. */
    @Test
    void growthAfterACompleteRecordIsNotAProblem() throws IOException {
        Path p = dir.resolve("live2.pcap");
        byte[] all = records(6).bytes();
        int three = (int) records(3).size();
        Files.write(p, Arrays.copyOf(all, three));
        try (CaptureReader r = CaptureInput.open(p)) {
            PacketRecord rec = new PacketRecord();
            assertTrue(r.next(rec));
            // grows while the first records are being read
            append(p, Arrays.copyOfRange(all, three, all.length));
            int n = 1;
            while (r.next(rec)) n++;
            assertEquals(3, n);
            assertTrue(r.problems().isEmpty(), r.problems().toString());
        }
    }

    /** The same for pcapng and for a compressed file (the compressed bytes are bounded). */
    @Test
    void growingPcapngAndGzip() throws IOException {
        PcapngBuilder ng = new PcapngBuilder().shb(true).idb(1);
        for (int i = 0; i < 4; i++) ng.epb(0, i, FRAME);
        byte[] ngAll = ng.bytes();
        long third = ng.blockOffsets().get(4);
        Path p = dir.resolve("live.pcapng");
        Files.write(p, Arrays.copyOf(ngAll, (int) third + 10));
        try (CaptureReader r = CaptureInput.open(p)) {
            append(p, Arrays.copyOfRange(ngAll, (int) third + 10, ngAll.length));
            assertEquals(2, readAll(r).size());
            assertEquals(List.of(Problem.Kind.TRUNCATED), r.problems().stream().map(Problem::kind).toList());
            assertEquals(third, r.problems().get(0).offset());
        }

        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(records(3).bytes());
        }
        Path g = dir.resolve("live.pcap.gz");
        Files.write(g, gz.toByteArray());
        try (CaptureReader r = CaptureInput.open(g)) {
            // a second gzip member appended after open: not read
            ByteArrayOutputStream more = new ByteArrayOutputStream();
            try (GZIPOutputStream z = new GZIPOutputStream(more)) {
                z.write(Arrays.copyOfRange(records(4).bytes(), (int) records(3).size(), (int) records(4).size()));
            }
            append(g, more.toByteArray());
            assertEquals(3, readAll(r).size());
            assertTrue(r.problems().isEmpty(), r.problems().toString());
        }
    }

    /** An input whose reads fail after {@code good} bytes, as a disk or a network file system can. */
    private static InputStream failingAfter(byte[] data, int good) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            private int pos;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos >= good) throw new IOException("Input/output error");
                int r = super.read(b, off, Math.min(len, good - pos));
                if (r > 0) pos += r;
                return r;
            }

            @Override
            public int available() throws IOException {
                return Math.max(0, Math.min(super.available(), good - pos));
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }
        };
    }

    /**
     * A read error part-way: every record before it is returned, then the error surfaces from
     * {@code next} as an IOException (not a problem of the content), naming the input and the
     * offset where reading failed.
     */
    @Test
    void aReadErrorKeepsTheRecordsBeforeIt() throws IOException {
        byte[] all = records(50).bytes();
        // the window reads 64 KiB at a time: fail beyond the first window so records come first
        byte[] big = records(2000).bytes();
        int good = 70_000;
        try (CaptureReader r = CaptureInput.open(failingAfter(big, good), "flaky.pcap")) {
            PacketRecord rec = new PacketRecord();
            int n = 0;
            IOException e = null;
            try {
                while (r.next(rec)) {
                    n++;
                    assertArrayEquals(FRAME, rec.bytes());
                }
            } catch (IOException x) {
                e = x;
            }
            assertTrue(e != null && !(e instanceof CaptureException), "no read error: " + n + " records");
            assertEquals((good - 24) / (16 + FRAME.length), n, "the whole records before the failure");
            assertTrue(e.getMessage().startsWith("flaky.pcap: "), e.getMessage());
            assertTrue(e.getMessage().contains("Input/output error"), e.getMessage());
        }
        // failing at once: the open fails, naming the input
        CaptureException c = assertThrows(CaptureException.class, () -> CaptureInput.open(failingAfter(all, 0), "flaky.pcap"));
        assertTrue(c.getMessage().startsWith("flaky.pcap: "), c.getMessage());
    }

    /** A named pipe (a process substitution, say) has no size: it is read to its end, magic peek included. */
    @Test
    void aNamedPipeIsReadToItsEnd() throws Exception {
        Path fifo = dir.resolve("capture.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assumeTrue(mk.waitFor() == 0, "mkfifo failed: case skipped");
        byte[] data = records(20).bytes();
        Thread writer = new Thread(() -> {
            try {
                Files.write(fifo, data);
            } catch (IOException ignored) {
                // the test fails on the count below
            }
        });
        writer.start();
        try (CaptureReader r = CaptureInput.open(fifo)) {
            assertEquals(20, readAll(r).size());
            assertTrue(r.problems().isEmpty(), r.problems().toString());
        } finally {
            writer.join(10_000);
        }
    }
}
