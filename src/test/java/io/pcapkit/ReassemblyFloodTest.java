package io.pcapkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.reassembly.ReassemblyLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The reassembly caps under floods, each in a JVM of its own under {@code -Xmx64m} ({@link Flood}
 * makes the capture as it is read and runs the library's extraction with reassembly on):
 *
 * <ul>
 *   <li>one million IPv4 first fragments of as many datagrams, none of which completes: at most
 *       {@link ReassemblyLimits#DEFRAG_MAX_DATAGRAMS} are kept, every other one is evicted;
 *   <li>100,000 half-open TCP connections (a SYN, then data after a hole that never fills) with
 *       8 MB for all connections: the bytes held stay under the cap, the oldest connections
 *       hand on what they hold.
 * </ul>
 *
 * Linear time is shown by structure, not by a timed assertion: each fragment or segment costs at
 * most one eviction or one relief (the counts below), and the state stays the same size however
 * long the flood goes on. The time each took is printed.
 */
class ReassemblyFloodTest {
    static final String HEAP = "-Xmx64m";
    static final long FRAGMENTS = 1_000_000;
    static final long CONNECTIONS = 100_000;
    static final long TCP_CAP = 8_000_000;
    /** Generous: each run takes seconds; this only stops a hang. */
    static final long TIMEOUT_MINUTES = 5;

    /** Runs {@link Flood} with {@code args} and returns its counts. */
    private static Map<String, String> flood(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"), Flood.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (var in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES), "the flood did not end: " + out);
        assertEquals(0, p.exitValue(), out);
        String line = out.lines().filter(l -> l.startsWith("flood ")).findFirst().orElseThrow(() -> new AssertionError("no counts: " + out));
        System.out.println(line);
        Map<String, String> m = new HashMap<>();
        for (String kv : line.split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }

    private static long n(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) throw new AssertionError("no " + key + " in " + m);
        return Long.parseLong(v);
    }

    @Test
    void aMillionFragmentsThatNeverComplete() throws Exception {
        Map<String, String> m = flood("fragments", String.valueOf(FRAGMENTS));
        assertEquals(FRAGMENTS, n(m, "frames"));
        assertEquals(FRAGMENTS, n(m, "fragments"));
        assertEquals(0, n(m, "completed"));
        long kept = ReassemblyLimits.DEFRAG_MAX_DATAGRAMS;
        assertEquals(kept, n(m, "peakDatagrams"), "the datagrams in progress reach the cap and stay there");
        // every datagram ends once: evicted to make room, or incomplete when the input ends
        assertEquals(FRAGMENTS - kept, n(m, "evicted"));
        assertEquals(0, n(m, "timedOut"));
        assertTrue(n(m, "peakMemory") <= ReassemblyLimits.DEFRAG_MAX_MEMORY_BYTES, m.toString());
    }

    @Test
    void aHundredThousandHalfOpenConnections() throws Exception {
        Map<String, String> m = flood("half-open", String.valueOf(CONNECTIONS), String.valueOf(TCP_CAP));
        assertEquals(2 * CONNECTIONS, n(m, "frames"));
        assertEquals(CONNECTIONS, n(m, "tcpFlows"));
        assertEquals(CONNECTIONS, n(m, "connections"));
        assertEquals(CONNECTIONS, n(m, "outOfOrder"), "each connection's data waits behind its hole");
        // the cap holds: bytes held never pass it by more than the segment that went over
        assertTrue(n(m, "peakBytes") <= TCP_CAP + Flood.HALF_OPEN_DATA, m.toString());
        assertTrue(n(m, "relieved") > 0, "the cap was reached and relieved: " + m);
        // linear: relief looks only at connections that hold bytes, each then hands them on, so
        // the connections it looked at are at most the data segments (before, it walked every
        // open connection from the oldest each time: 66 s instead of 3 for this flood)
        assertTrue(n(m, "reliefVisits") <= CONNECTIONS, m.toString());
    }
}
