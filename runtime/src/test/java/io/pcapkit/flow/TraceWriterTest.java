package io.pcapkit.flow;

import static io.pcapkit.reassembly.TcpConnection.ACK;
import static io.pcapkit.reassembly.TcpConnection.FIN;
import static io.pcapkit.reassembly.TcpConnection.PSH;
import static io.pcapkit.reassembly.TcpConnection.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.ipsuite.PcapFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-flow files and index.json. */
class TraceWriterTest {
    @TempDir
    Path tmp;

    /** Two interleaved TCP connections and a UDP exchange. */
    private Path capture() throws IOException {
        PcapFile p = PcapFile.create(1);
        long s = 1_700_000_000L;
        p.add(s, 0, Packets.tcp("10.0.0.1", 1000, "10.0.0.2", 80, 1, 0, SYN, ""));
        p.add(s, 1, Packets.tcp("10.0.0.3", 2000, "10.0.0.2", 80, 1, 0, SYN, ""));
        p.add(s, 2, Packets.tcp("10.0.0.2", 80, "10.0.0.1", 1000, 9, 2, SYN | ACK, ""));
        p.add(s, 3, Packets.udp("10.0.0.1", 53, "10.0.0.9", 53, "query"));
        p.add(s, 4, Packets.tcp("10.0.0.1", 1000, "10.0.0.2", 80, 2, 10, PSH | ACK, "GET"));
        p.add(s, 5, Packets.tcp("10.0.0.3", 2000, "10.0.0.2", 80, 2, 0, PSH | ACK, "PUT"));
        p.add(s, 6, Packets.tcp("10.0.0.1", 1000, "10.0.0.2", 80, 5, 10, FIN | ACK, ""));
        p.add(s, 7, Packets.tcp("10.0.0.2", 80, "10.0.0.1", 1000, 10, 6, FIN | ACK, ""));
        return p.write(tmp.resolve("in.pcap"));
    }

    private List<Flow> trace(Path in, FlowOptions o) throws IOException {
        Traced t = new Traced(o);
        try (CaptureReader r = CaptureInput.open(in); TraceWriter w = new TraceWriter(o, r, new DissectOptions())) {
            t.hook.listen(w);
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) t.dissector.dissect(rec, null);
            t.hook.finish();
        }
        return t.flows;
    }

    /**
     * As {@link #trace}, dissecting each frame into {@link TraceWriter#runSink} as the extractor does
     * when it writes no output of its own; {@code sinks} gets, per frame, whether there was one.
     */
    private TraceWriter traceWithRunLines(Path in, FlowOptions o, List<Boolean> sinks) throws IOException {
        Traced t = new Traced(o);
        try (CaptureReader r = CaptureInput.open(in); TraceWriter w = new TraceWriter(o, r, new DissectOptions())) {
            t.hook.listen(w);
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) {
                io.pcapkit.dissect.FrameSink sink = w.runSink();
                sinks.add(sink != null);
                t.dissector.dissect(rec, sink);
            }
            t.hook.finish();
            return w;
        }
    }

    /** The per-flow files' contents by name (index.json left out). */
    private static java.util.Map<String, String> files(Path dir) throws IOException {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                if (!p.getFileName().toString().equals("index.json")) out.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return out;
    }

    @Test
    void ndjsonJsonAndPlistFilesTakeTheRunsRecordsWithoutDissectingAgain() throws IOException {
        Path in = capture();
        for (String format : List.of("ndjson", "json", "plist")) {
            for (int maxOpen : new int[] {1, 16}) {
                Path again = tmp.resolve(format + "-again-" + maxOpen);
                Path run = tmp.resolve(format + "-run-" + maxOpen);
                trace(in, new FlowOptions().output(again).format(format).udp(true).maxOpenFiles(maxOpen));
                List<Boolean> sinks = new ArrayList<>();
                TraceWriter w = traceWithRunLines(in, new FlowOptions().output(run).format(format).udp(true).maxOpenFiles(maxOpen), sinks);
                assertEquals(0, w.replayed(), "every frame's record was the run's");
                assertTrue(sinks.stream().allMatch(b -> b), sinks.toString());
                assertEquals(files(again), files(run));
                assertTrue(files(run).keySet().containsAll(List.of("tcp-000000." + format, "tcp-000001." + format, "udp-000000." + format)),
                        files(run).keySet().toString());
                assertEquals(Files.readString(again.resolve("index.json")), Files.readString(run.resolve("index.json")));
            }
        }
        // tree files have a dumper each and dissect each frame again
        List<Boolean> sinks = new ArrayList<>();
        TraceWriter w = traceWithRunLines(in, new FlowOptions().output(tmp.resolve("tree")).format("tree"), sinks);
        assertTrue(sinks.stream().noneMatch(b -> b), sinks.toString());
        assertEquals(7, w.replayed());
    }

    /**
     * A flow's JSON or plist file, and each of its parts when files had to be closed, is the
     * document a dumper of the format writes for the flow's frames: the capture's header, then the
     * frames' entries.
     */
    @Test
    void jsonAndPlistFilesAreTheDocumentsOfTheirFrames() throws IOException {
        Path in = capture();
        for (String f : List.of("json", "plist")) {
            Path whole = tmp.resolve("whole-" + f);
            trace(in, new FlowOptions().output(whole).format(f));
            assertEquals(document(f, in, 1, 3, 5, 7, 8), Files.readString(whole.resolve("tcp-000000." + f)));
            assertEquals(document(f, in, 2, 6), Files.readString(whole.resolve("tcp-000001." + f)));
            Path parts = tmp.resolve("parts-" + f);
            List<Boolean> sinks = new ArrayList<>();
            traceWithRunLines(in, new FlowOptions().output(parts).format(f).maxOpenFiles(1), sinks);
            assertEquals(document(f, in, 1), Files.readString(parts.resolve("tcp-000000." + f)));
            assertEquals(document(f, in, 3, 5), Files.readString(parts.resolve("tcp-000000.2." + f)));
            assertEquals(document(f, in, 7, 8), Files.readString(parts.resolve("tcp-000000.3." + f)));
            assertEquals(document(f, in, 2), Files.readString(parts.resolve("tcp-000001." + f)));
            assertEquals(document(f, in, 6), Files.readString(parts.resolve("tcp-000001.2." + f)));
        }
    }

    /** What a dumper of {@code format} writes for frames {@code numbers} of {@code in}: the header, then those frames. */
    private static String document(String format, Path in, long... numbers) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (CaptureReader r = CaptureInput.open(in); io.pcapkit.dump.Dumper d = io.pcapkit.dump.Dumpers.create(format, out, null)) {
            io.pcapkit.dissect.Dissector dissector = new io.pcapkit.dissect.Dissector();
            PacketRecord rec = new PacketRecord();
            d.header(r);
            while (r.next(rec)) {
                for (long n : numbers) if (rec.number == n) dissector.dissect(rec, d);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * A trace of TCP flows in traffic mostly of other flows: the run stops making lines that no file
     * takes (a window of frames in which fewer than half went to a file), files still get theirs
     * (made again), and the run makes them again once most frames go to files.
     */
    @Test
    void theRunMakesLinesOnlyWhileMostFramesGoToFiles() throws IOException {
        PcapFile p = PcapFile.create(1);
        long s = 1_700_000_000L;
        int udp = 5_000;
        int tcp = 9_000;
        for (int i = 0; i < udp; i++) p.add(s, i, Packets.udp("10.0.0.1", 53, "10.0.0.9", 53, "q" + i));
        p.add(s, udp, Packets.tcp("10.0.0.1", 1000, "10.0.0.2", 80, 1, 0, SYN, ""));
        for (int i = 1; i < tcp; i++) p.add(s, udp + i, Packets.tcp("10.0.0.1", 1000, "10.0.0.2", 80, 2 + 4L * (i - 1), 1, PSH | ACK, "data"));
        Path in = p.write(tmp.resolve("mostly-udp.pcap"));
        Path again = tmp.resolve("again");
        Path run = tmp.resolve("run");
        trace(in, new FlowOptions().output(again).format("ndjson"));
        List<Boolean> sinks = new ArrayList<>();
        TraceWriter w = traceWithRunLines(in, new FlowOptions().output(run).format("ndjson"), sinks);
        assertEquals(files(again), files(run));
        assertEquals(tcp, Files.readAllLines(run.resolve("tcp-000000.ndjson")).size());
        // lines from the run for the first window, none in the second (no frame of the first went to
        // a file), from the run again in the third (most of the second's did)
        assertTrue(sinks.get(0) && sinks.get(4094), "first window");
        assertTrue(!sinks.get(4095) && !sinks.get(8190), "second window");
        assertTrue(sinks.get(8191) && sinks.get(sinks.size() - 1), "third window");
        // the TCP frames of the second window were made again, the others were the run's
        long inSecond = 8191 - udp;
        assertEquals(inSecond, w.replayed());
    }

    private static List<Long> frames(Path pcap) throws IOException {
        List<Long> out = new ArrayList<>();
        try (CaptureReader r = CaptureInput.open(pcap)) {
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) out.add(rec.time.fraction);
        }
        return out;
    }

    /** Index times across days, a leap day and both ends of classic pcap's range, as Timestamp writes them. */
    @Test
    void indexTimesAsTimestampWritesThem() throws IOException {
        long[] seconds = {0, 86_399, 951_782_400L, 1_700_000_000L, 1_700_000_001L, 4_294_967_295L};
        PcapFile p = PcapFile.create(1);
        for (int i = 0; i < seconds.length; i++) {
            p.add(seconds[i], 1000 * i + 7, Packets.tcp("10.0.0.1", 1000 + i, "10.0.0.2", 80, 1, 0, SYN, ""));
        }
        Path out = tmp.resolve("times");
        trace(p.write(tmp.resolve("times.pcap")), new FlowOptions().output(out));
        String index = Files.readString(out.resolve("index.json"), StandardCharsets.UTF_8);
        io.pcapkit.capture.Timestamp t = new io.pcapkit.capture.Timestamp();
        for (int i = 0; i < seconds.length; i++) {
            t.set(seconds[i], 1000 * i + 7, 6);
            String iso = t.isoString();
            assertTrue(index.contains("\"first\":\"" + iso + "\",\"last\":\"" + iso + "\",\"first_epoch\":" + t.epochString() + ","), iso + " in " + index);
        }
    }

    /**
     * Files are named by the flow's numbering (tshark's tcp.stream, udp.stream): UDP-Lite's flows
     * are udp- files, and the index says which transport each flow started with.
     */
    @Test
    void udpLiteFlowsAreUdpStreamFiles() throws IOException {
        Path out = tmp.resolve("lite");
        trace(io.pcapkit.testing.Corpus.repoRoot().resolve("testdata/crafted/flows_transports.pcap"),
                new FlowOptions().udp(true).output(out).format("pcap"));
        assertEquals(List.of("index.json", "tcp-000000.pcap", "udp-000000.pcap", "udp-000001.pcap", "udp-000002.pcap"),
                Files.list(out).map(p -> p.getFileName().toString()).sorted().toList());
        assertEquals(3, frames(out.resolve("udp-000002.pcap")).size(), "UDP-Lite over IPv6, its reply, and a UDP packet on its ports");
        String index = Files.readString(out.resolve("index.json"), StandardCharsets.UTF_8);
        assertEquals(List.of("UDP 0", "UDPLite 1", "UDPLite 2", "TCP 0"), ids(index));
    }

    @Test
    void pcapPerFlowAndAnIndexInStartOrder() throws IOException {
        Path out = tmp.resolve("trace");
        trace(capture(), new FlowOptions().udp(true).output(out).format("pcap"));
        assertEquals(List.of("index.json", "tcp-000000.pcap", "tcp-000001.pcap", "udp-000000.pcap"),
                Files.list(out).map(p -> p.getFileName().toString()).sorted().toList());
        // the records are the input's, by their microseconds here
        assertEquals(List.of(0L, 2L, 4L, 6L, 7L), frames(out.resolve("tcp-000000.pcap")));
        assertEquals(List.of(1L, 5L), frames(out.resolve("tcp-000001.pcap")));
        assertEquals(List.of(3L), frames(out.resolve("udp-000000.pcap")));
        String index = Files.readString(out.resolve("index.json"), StandardCharsets.UTF_8);
        assertEquals(List.of("TCP 0", "TCP 1", "UDP 0"), ids(index), "entries in the order the flows started");
        assertTrue(index.contains("\"a\":{\"address\":\"10.0.0.1\",\"port\":1000},\"b\":{\"address\":\"10.0.0.2\",\"port\":80}"), index);
        assertTrue(index.contains("\"a_to_b\":{\"packets\":3,\"bytes\":"), index);
        assertTrue(index.contains("\"state\":\"closed\",\"ended_by\":\"end of input\""), index);
        assertTrue(index.contains("\"frames\":[1,3,5,7,8],\"files\":[\"tcp-000000.pcap\"]"), index);
        assertTrue(index.contains("\"state\":\"syn-sent\""), index);
        assertTrue(index.contains("\"first\":\"2023-11-14T22:13:20.000000Z\""), index);
    }

    @Test
    void textFormatsAndPartsWhenFilesMustBeClosed() throws IOException {
        Path out = tmp.resolve("trace");
        trace(capture(), new FlowOptions().output(out).format("json").maxOpenFiles(1));
        List<String> files = Files.list(out).map(p -> p.getFileName().toString()).sorted().toList();
        // the two connections interleave and only one file may be open: each switch starts a part
        // (flow 0: frame 1 | frames 3, 5 | frames 7, 8; flow 1: frame 2 | frame 6)
        assertEquals(List.of("index.json", "tcp-000000.2.json", "tcp-000000.3.json", "tcp-000000.json", "tcp-000001.2.json", "tcp-000001.json"),
                files);
        String first = Files.readString(out.resolve("tcp-000000.json"));
        assertTrue(first.startsWith("{\n  \"Global Header\""), first);
        assertTrue(first.contains("\"Frame 1\"") && !first.contains("\"Frame 3\""), first);
        String second = Files.readString(out.resolve("tcp-000000.2.json"));
        assertTrue(second.contains("\"Frame 3\"") && second.contains("\"Frame 5\"") && second.endsWith("}\n"), second);
        String index = Files.readString(out.resolve("index.json"));
        assertTrue(index.contains("\"files\":[\"tcp-000000.json\",\"tcp-000000.2.json\",\"tcp-000000.3.json\"]"), index);
    }

    @Test
    void pcapAndNdjsonFilesAreAppendedToWhenTheyHadToBeClosed() throws IOException {
        Path in = capture();
        for (String format : List.of("pcap", "ndjson")) {
            Path out = tmp.resolve("trace-" + format);
            trace(in, new FlowOptions().output(out).format(format).maxOpenFiles(1));
            // one file per flow, however often it was closed and reopened, and nothing else
            assertEquals(List.of("index.json", "tcp-000000." + format, "tcp-000001." + format),
                    Files.list(out).map(p -> p.getFileName().toString()).sorted().toList());
            String index = Files.readString(out.resolve("index.json"));
            assertTrue(index.contains("\"files\":[\"tcp-000000." + format + "\"]"), index);
            if (format.equals("pcap")) {
                // a well-formed pcap (one header, records after it), the same as with room for every file
                assertEquals(List.of(0L, 2L, 4L, 6L, 7L), frames(out.resolve("tcp-000000.pcap")));
                assertEquals(List.of(1L, 5L), frames(out.resolve("tcp-000001.pcap")));
                Path roomy = tmp.resolve("roomy");
                trace(in, new FlowOptions().output(roomy).format("pcap"));
                assertEquals(java.util.Arrays.toString(Files.readAllBytes(roomy.resolve("tcp-000000.pcap"))),
                        java.util.Arrays.toString(Files.readAllBytes(out.resolve("tcp-000000.pcap"))));
            } else {
                List<String> lines = Files.readAllLines(out.resolve("tcp-000000.ndjson"));
                assertEquals(5, lines.size(), String.join("\n", lines));
                for (String line : lines) assertTrue(line.startsWith("{\"number\":") && line.endsWith("}"), line);
            }
        }
    }

    @Test
    void anIndexAloneWithoutPerFlowFiles() throws IOException {
        Path out = tmp.resolve("trace");
        trace(capture(), new FlowOptions().output(out));
        assertEquals(List.of("index.json"), Files.list(out).map(p -> p.getFileName().toString()).toList());
        assertEquals(List.of("TCP 0", "TCP 1"), ids(Files.readString(out.resolve("index.json"))));
    }

    private static List<String> ids(String index) throws IOException {
        List<String> out = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(index)) {
            int depth = 0;
            String proto = null;
            long id = -1;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) depth++;
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    if (depth == 3 && t == JsonToken.END_OBJECT) out.add(proto + " " + id);
                    depth--;
                }
                if (t == JsonToken.FIELD_NAME && depth == 3) {
                    String n = p.currentName();
                    p.nextToken();
                    if (n.equals("id")) id = p.getLongValue();
                    if (n.equals("protocol")) proto = p.getText();
                    if (p.currentToken().isStructStart()) depth++;
                }
            }
        }
        return out;
    }
}
