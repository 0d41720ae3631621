package io.pcapkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.ipsuite.PcapFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reader of standard output that stops early ({@code | head}) ends the run quietly. */
class ClosedOutputTest {
    @TempDir
    Path tmp;

    @Test
    void tellsABrokenPipeFromOtherErrors() {
        assertTrue(ClosedOutput.is(new IOException("Broken pipe")));
        assertTrue(ClosedOutput.is(new UncheckedIOException(new IOException("Broken pipe"))));
        assertFalse(ClosedOutput.is(new IOException("No space left on device")));
        assertFalse(ClosedOutput.is(new IllegalStateException("Broken pipe")));
        assertFalse(ClosedOutput.is(new IOException((String) null)));
    }

    /** 20,000 UDP frames: some 8 MB of NDJSON, far more than a pipe holds. */
    private Path capture() throws IOException {
        byte[] frame = new byte[60];
        frame[12] = 0x08; // IPv4
        frame[14] = 0x45;
        frame[17] = 46; // total length
        frame[22] = 64; // TTL
        frame[23] = 17; // UDP
        frame[26] = 10;
        frame[30] = 10;
        frame[33] = 2;
        frame[35] = 53;
        frame[37] = 53;
        frame[39] = 26; // UDP length
        PcapFile p = PcapFile.create(1);
        for (int i = 0; i < 20_000; i++) p.add(1_700_000_000L + i, i, frame);
        return p.write(tmp.resolve("many.pcap"));
    }

    @Test
    void extractPipedIntoAReaderThatStopsEndsQuietly() throws Exception {
        Path err = tmp.resolve("err.txt");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "extract", capture().toString(), "-f", "ndjson", "--no-progress");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertTrue(r.readLine().startsWith("{\"number\":1,"));
        } // the reader goes: the rest of the run writes into a closed pipe
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the run did not end");
        String stderr = Files.readString(err);
        assertEquals(0, p.exitValue(), stderr);
        assertEquals("", stderr.strip());
    }
}
