package io.pcapkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.Pcapkit;
import io.pcapkit.flow.FlowOptions;
import io.pcapkit.reassembly.ReassemblyLimits;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Per-flow files under a small heap: as many flows open at once as files may be
 * ({@link ReassemblyLimits#FLOW_MAX_OPEN_FILES_CEILING}), and more, traced in their own JVM under
 * {@link #HEAP}. Each open file holds a dumper: when an NDJSON dumper held 235 KiB (its 128 KiB
 * buffer and its encoded texts) and a tree dumper 200 KiB, this ran out of memory.
 */
class TraceFilesHeapTest {
    /** What 4,096 open files must fit in, beside the run itself: up to some 55 KiB a file. */
    static final String HEAP = "-Xmx256m";
    /** More flows than files may be open: the oldest files are closed and reopened. */
    static final int FLOWS = ReassemblyLimits.FLOW_MAX_OPEN_FILES_CEILING + 500;
    /** Generous: the run takes seconds; this only stops a hang. */
    static final long TIMEOUT_MINUTES = 5;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"ndjson", "tree", "json", "plist"})
    void thousandsOfOpenFlowFilesFitASmallHeap(String format) throws Exception {
        Path capture = dir.resolve("flows.pcap");
        writeCapture(capture);
        Path out = dir.resolve("trace");
        Path err = dir.resolve("err.txt");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP, "-cp",
                System.getProperty("java.class.path"), Run.class.getName(), capture.toString(), out.toString(), format);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(err.toFile()).start();
        assertTrue(p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES), "the run did not end");
        assertEquals(0, p.exitValue(), Files.readString(err));
        // a file per flow, each holding both of its frames (the first part of a document format
        // holds the first frame, a second part the other, after its file was closed for room)
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.filter(f -> f.getFileName().toString().startsWith("tcp-")).count() >= FLOWS);
        }
        String last = String.format("tcp-%06d", FLOWS - 1);
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith(last)), last);
        }
    }

    /** Traces {@code args[0]} into {@code args[1]} with per-flow files in {@code args[2]}, every file open at once that may be. */
    public static final class Run {
        public static void main(String[] args) throws IOException {
            FlowOptions flows = new FlowOptions().output(Path.of(args[1])).format(args[2])
                    .maxOpenFiles(ReassemblyLimits.FLOW_MAX_OPEN_FILES_CEILING);
            Pcapkit.extract(Path.of(args[0])).format("ndjson").output(OutputStream.nullOutputStream()).flows(flows).run();
        }
    }

    /** {@link #FLOWS} TCP connections, each a SYN then, once every SYN is out, a data segment. */
    private static void writeCapture(Path file) throws IOException {
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file))) {
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
            o.write(h.array());
            int n = 0;
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < FLOWS; i++) o.write(record(n++, i, round == 0));
            }
        }
    }

    private static byte[] record(int n, int flow, boolean syn) {
        byte[] payload = syn ? new byte[0] : "some data".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int len = 14 + 20 + 20 + payload.length;
        ByteBuffer b = ByteBuffer.allocate(16 + len);
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(1_700_000_000).putInt(n).putInt(len).putInt(len);
        b.order(ByteOrder.BIG_ENDIAN);
        b.put(new byte[] {0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (40 + payload.length)).putShort((short) n).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0).putInt(0x0a000000 | flow).putInt(0xc0000201);
        b.putShort((short) (1024 + flow % 60_000)).putShort((short) 80).putInt(syn ? 1000 : 1001).putInt(0)
                .putShort((short) (syn ? 0x5002 : 0x5018)).putShort((short) 65535).putInt(0);
        b.put(payload);
        return b.array();
    }
}
