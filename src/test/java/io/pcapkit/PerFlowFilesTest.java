package io.pcapkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.flow.FlowOptions;
import io.pcapkit.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A trace's per-flow NDJSON files hold the very lines the run's NDJSON has for those frames. A run
 * whose own output is NDJSON with the same options, or which has no output of its own, hands the
 * files its lines; otherwise each line is made again by dissecting the frame again, as the Frame
 * API does. Either way they must show what the run showed. With two files open at most, files are
 * closed and appended to when their flows go on.
 */
class PerFlowFilesTest {
    private static final Pattern NUMBER = Pattern.compile("^\\{\"number\":(\\d+),");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"ppp_650HttpResponses.pcap", "pkts_base_usage_3_streams.pcap", "ppp_four_ipv6_http_streams.pcap", "ppp_sll.pcap"})
    void perFlowLinesAreTheRunsLines(String name) throws IOException {
        Path in = Corpus.require().resolve(name);
        Path plain = tmp.resolve("plain.ndjson");
        Path all = tmp.resolve("all.ndjson");
        Path dir = tmp.resolve("trace");
        try (Extractor ex = Pcapkit.extract(in).format("ndjson").output(plain).reassemble("ip,tcp").run()) {
            assertTrue(ex.count() > 0, name);
        }
        Map<Long, String> byFrame = new HashMap<>();
        for (String line : Files.readAllLines(plain)) {
            Matcher m = NUMBER.matcher(line);
            if (m.find()) byFrame.put(Long.parseLong(m.group(1)), line);
        }
        for (int maxOpen : new int[] {2, 4096}) {
            // the run's own NDJSON output: the files take its lines, and it is what it is without a trace
            try (Extractor ex = Pcapkit.extract(in).format("ndjson").output(all).reassemble("ip,tcp").flows(flows(dir, maxOpen)).run()) {
                assertEquals(0, ex.traceReplays(), name);
            }
            assertEquals(Files.readString(plain), Files.readString(all), name);
            int lines = checkLines(dir, byFrame);
            assertTrue(lines >= 50, name + ": " + lines + " lines in per-flow files");
            clear(dir);
            // a run without output of its own (pcapkit trace) dissects into the trace's lines
            try (Extractor ex = Pcapkit.extract(in).reassemble("ip,tcp").flows(flows(dir, maxOpen)).run()) {
                assertEquals(0, ex.traceReplays(), name);
            }
            assertEquals(lines, checkLines(dir, byFrame), name);
            clear(dir);
            // an output whose records differ (--bytes): each line of the files is made again
            try (Extractor ex = Pcapkit.extract(in).format("ndjson").bytes(true).output(all).reassemble("ip,tcp").flows(flows(dir, maxOpen)).run()) {
                assertEquals(lines, ex.traceReplays(), name);
            }
            assertEquals(lines, checkLines(dir, byFrame), name);
            clear(dir);
        }
    }

    private static FlowOptions flows(Path dir, int maxOpen) {
        return new FlowOptions().output(dir).format("ndjson").udp(true).maxOpenFiles(maxOpen);
    }

    /** Checks each line of the per-flow files in {@code dir} against the run's; returns how many. */
    private static int checkLines(Path dir, Map<Long, String> byFrame) throws IOException {
        int lines = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ndjson")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    Matcher m = NUMBER.matcher(line);
                    assertTrue(m.find(), f + ": " + line);
                    assertEquals(byFrame.get(Long.parseLong(m.group(1))), line, f.toString());
                    lines++;
                }
            }
        }
        return lines;
    }

    private static void clear(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) Files.delete(f);
        }
    }

    /**
     * The Frame API dissects a frame's record again when asked for it, without the run's
     * reassembly state: it must show what the run showed, a segment of a message still
     * incomplete raw included (it showed the message's start malformed, dissected alone).
     */
    @ParameterizedTest
    @ValueSource(strings = {"ppp_650HttpResponses.pcap", "ppp_four_ipv6_http_streams.pcap", "ppp_sll.pcap"})
    void framesShowWhatTheRunShowed(String name) throws IOException {
        Path in = Corpus.require().resolve(name);
        int raw = 0;
        try (Extractor ex = Pcapkit.extract(in).reassemble("ip,tcp").open()) {
            for (io.pcapkit.frame.Frame f : ex) {
                String run = f.protocols().toString();
                assertEquals(run, f.info().get("protocols"), name + " frame " + f.number());
                if (run.endsWith(":TCP:Raw")) raw++;
            }
        }
        assertTrue(raw > 0, name + ": no segment kept raw");
    }
}
