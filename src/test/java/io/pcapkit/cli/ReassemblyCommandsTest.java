package io.pcapkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's reassembly options and its trace and follow commands. */
class ReassemblyCommandsTest {
    @TempDir
    Path tmp;

    /** Runs the CLI, returning its exit code and what it wrote on stderr. */
    private static Object[] run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Object[] {code, err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(old);
        }
    }

    private static String capture(String name) {
        return Corpus.require().resolve(name).toString();
    }

    @Test
    void extractWithTcpReassemblyAndATrace() throws Exception {
        Path out = tmp.resolve("out.ndjson");
        Path dir = tmp.resolve("trace");
        Object[] r = run("extract", capture("dpkt_http.pcap"), "-o", out.toString(), "--reassemble", "ip,tcp", "--trace", dir.toString(),
                "--trace-format", "pcap", "-v");
        assertEquals(0, r[0], (String) r[1]);
        assertEquals(43, Files.readAllLines(out).size());
        assertEquals(List.of("index.json", "tcp-000000.pcap", "tcp-000001.pcap"),
                Files.list(dir).map(p -> p.getFileName().toString()).sorted().toList());
        assertTrue(((String) r[1]).contains("pcapkit: TCP reassembly: connections 2"), (String) r[1]);
        assertTrue(((String) r[1]).contains("pcapkit: flows: 2 TCP, 0 UDP"), (String) r[1]);
    }

    @Test
    void traceWritesTheIndexAndSaysWhere() throws Exception {
        Path dir = tmp.resolve("t");
        Object[] r = run("trace", capture("pkts_base_usage_3_streams.pcap"), "-o", dir.toString(), "-f", "json", "--udp");
        assertEquals(0, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("3 TCP and 4 UDP flows in 448 frames"), (String) r[1]);
        String index = Files.readString(dir.resolve("index.json"));
        assertTrue(index.startsWith("{\"flows\": [\n  {\"id\":0,\"protocol\":\"TCP\""), index);
        assertTrue(Files.exists(dir.resolve("udp-000003.json")));
    }

    @Test
    void followPrintsTheFlowAsTsharkDoes() throws Exception {
        Path out = tmp.resolve("follow.txt");
        Object[] r = run("follow", capture("ppp_three_http_streams.pcap"), "--flow", "0", "-o", out.toString());
        assertEquals(0, r[0], (String) r[1]);
        String text = Files.readString(out, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("\n" + "=".repeat(67) + "\nFollow: tcp,ascii\nFilter: tcp.stream eq 0\nNode 0: 172.16.133.132:54615\nNode 1: 98.139.161.29:80\n377\nGET /serv"),
                text);
        assertTrue(text.endsWith("\n" + "=".repeat(67) + "\n"));
        // the same flow by its endpoints, the other way round, in hex
        Path raw = tmp.resolve("raw.txt");
        r = run("follow", capture("ppp_three_http_streams.pcap"), "--between", "98.139.161.29:80,172.16.133.132:54615", "--mode", "raw", "-o",
                raw.toString());
        assertEquals(0, r[0], (String) r[1]);
        assertTrue(Files.readString(raw).contains("Filter: tcp.stream eq 0\n"));
        assertTrue(Files.readString(raw).contains("\n474554202f"), "GET / in hex");
    }

    /** A trace whose index cannot be written (a full disk: /dev/full) ends with exit 2 and one line saying which file. */
    @Test
    void aTraceThatCannotBeWrittenSaysSoInOneLine() throws Exception {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(full), "no /dev/full on this system");
        Path dir = Files.createDirectories(tmp.resolve("trace"));
        Files.createSymbolicLink(dir.resolve("index.json"), full);
        Object[] r = run("extract", capture("pkts_base_usage_3_streams.pcap"), "-o", tmp.resolve("x.ndjson").toString(), "--trace", dir.toString());
        String err = ((String) r[1]).strip();
        assertEquals(2, r[0], err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("pcapkit: cannot write " + dir.resolve("index.json")), err);
        assertTrue(err.contains("No space left on device"), err);
        r = run("trace", capture("pkts_base_usage_3_streams.pcap"), "-o", dir.toString());
        err = ((String) r[1]).strip();
        assertEquals(2, r[0], err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("pcapkit: cannot write " + dir.resolve("index.json")), err);
    }

    /** Follow output that cannot be written (a full disk) is an I/O error: exit 2, one line. */
    @Test
    void aFollowThatCannotBeWrittenExitsWithTwo() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")), "no /dev/full on this system");
        Object[] r = run("follow", capture("ppp_three_http_streams.pcap"), "--flow", "0", "-o", "/dev/full");
        String err = ((String) r[1]).strip();
        assertEquals(2, r[0], err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("No space left on device"), err);
    }

    /** A trace folder that is a file: exit 2 and one line saying what is wrong with it. */
    @Test
    void aTraceFolderThatIsAFileIsSaidSo() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain"), "x");
        Object[] r = run("trace", capture("pkts_base_usage_3_streams.pcap"), "-o", file.toString());
        String err = ((String) r[1]).strip();
        assertEquals(2, r[0], err);
        assertEquals("pcapkit: " + file + ": already exists, and is not a folder", err);
    }

    @Test
    void usageProblemsExitWithTwo() {
        assertEquals(2, run("extract", capture("dpkt_http.pcap"), "--trace-format", "pcap", "-o", tmp.resolve("x.json").toString())[0]);
        Object[] r = run("extract", capture("dpkt_http.pcap"), "--layer", "internet", "--reassemble", "tcp", "-o", tmp.resolve("x.json").toString());
        assertEquals(2, r[0]);
        assertTrue(((String) r[1]).contains("need the transport layer"), (String) r[1]);
        assertEquals(2, run("extract", capture("dpkt_http.pcap"), "--reassemble", "sctp", "-o", tmp.resolve("x.json").toString())[0]);
        assertEquals(2, run("extract", capture("dpkt_http.pcap"), "--ip-policy", "nope", "-o", tmp.resolve("x.json").toString())[0]);
        r = run("follow", capture("dpkt_http.pcap"), "--flow", "9", "-o", tmp.resolve("f.txt").toString());
        assertEquals(2, r[0]);
        assertTrue(((String) r[1]).contains("no such TCP flow"), (String) r[1]);
        assertEquals(2, run("follow", capture("dpkt_http.pcap"), "--between", "nonsense")[0]);
        assertEquals(2, run("follow", capture("dpkt_http.pcap"))[0], "--flow or --between is required");
    }
}
