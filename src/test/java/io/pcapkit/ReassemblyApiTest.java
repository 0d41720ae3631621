package io.pcapkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pcapkit.dissect.LayerType;
import io.pcapkit.flow.Flow;
import io.pcapkit.flow.FlowOptions;
import io.pcapkit.flow.Follow;
import io.pcapkit.frame.Frame;
import io.pcapkit.reassembly.Datagram;
import io.pcapkit.reassembly.Message;
import io.pcapkit.reassembly.OverlapPolicy;
import io.pcapkit.reassembly.DefragOptions;
import io.pcapkit.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reassembly and tracing through the public API: as options of extract, and on their own. */
class ReassemblyApiTest {
    static Path capture(String name) {
        return Corpus.require().resolve(name);
    }

    private static long flowThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("pcapkit-flows") && t.isAlive()).count();
    }

    /** What one extract with an index-only trace at the transport layer wrote and counted. */
    private record Traced(byte[] frames, byte[] index, String counts) {
    }

    private static Traced trace(Path capture, LayerType layer, FlowOptions flows, boolean expectThread) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long before = flowThreads();
        Extractor ex = Pcapkit.extract(capture).layer(layer).reassemble("ip,tcp").format("ndjson").output(out).flows(flows).open();
        try (ex) {
            assertEquals(expectThread ? before + 1 : before, flowThreads(), "a thread of the flows' own: " + expectThread);
            ex.drain();
        }
        String counts = java.util.Arrays.toString(ex.flowCounts()) + " " + ex.tcpStats();
        return new Traced(out.toByteArray(), Files.readAllBytes(flows.output.resolve("index.json")), counts);
    }

    /**
     * An index-only trace where no application layer is dissected over the streams runs the
     * flows' work on a thread of its own (with two cores or more), and writes what the work in
     * place writes.
     */
    @Test
    void anIndexOnlyTraceAtTheTransportLayerRunsItsFlowsOnAThreadOfTheirOwn(@TempDir Path dir) throws IOException {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one core: the flows' work stays in place");
        Path capture = capture("ppp_example2_first3000.pcap");
        Traced threaded = trace(capture, LayerType.TRANSPORT, new FlowOptions().udp(true).output(dir.resolve("thread")), true);
        Traced inPlace = trace(capture, LayerType.TRANSPORT, new FlowOptions().udp(true).thread(false).output(dir.resolve("in-place")), false);
        assertArrayEquals(inPlace.frames, threaded.frames);
        assertEquals(new String(inPlace.index, StandardCharsets.UTF_8), new String(threaded.index, StandardCharsets.UTF_8));
        assertEquals(inPlace.counts, threaded.counts);
        assertTrue(threaded.index.length > 1000, "flows traced: " + threaded.index.length + " bytes of index");
        // application layers over the streams are the frames' output: the work stays in place
        trace(capture, LayerType.APPLICATION, new FlowOptions().udp(true).output(dir.resolve("application")), false);
    }

    @Test
    void extractReassemblesIpByDefaultAndKeptFramesReplayIt() throws IOException {
        Extractor ex = Pcapkit.extract(capture("ppp_frag_http_req.pcap")).store(true).run();
        List<Frame> frames = ex.frames();
        assertEquals("Ethernet:IPv4:Raw", frames.get(9).protocols().toString());
        Frame last = frames.get(10);
        assertEquals("Ethernet:IPv4:TCP:HTTP/1.1", last.protocols().toString(), "the request the datagram carries (tshark: eth:ip:tcp:http)");
        // the kept frame is dissected again on demand, with the datagram the run reassembled
        assertEquals(80L, last.info().number("ethernet.ipv4.tcp.dstport"));
        assertEquals(11, ((List<?>) last.info().get("ethernet.ipv4.reassembled.frames")).size());
        assertEquals(1, ex.datagrams().size());
        Datagram d = ex.datagrams().get(0);
        assertEquals(11, d.completedIn());
        assertEquals(1480, d.length());
        assertEquals(1, ex.ipv4Stats().completed());
    }

    @Test
    void reassemblyCanBeTurnedOff() throws IOException {
        List<String> chains = new ArrayList<>();
        Pcapkit.extract(capture("ppp_frag_http_req.pcap")).reassemble("none").verbose(chains::add).run();
        assertTrue(chains.get(10).endsWith("Ethernet:IPv4:Raw"), chains.get(10));
    }

    @Test
    void ndjsonShowsTheReassembledNodeAndAVisitorSeesTheSameFrames() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long visited;
        try (Extractor ex = Pcapkit.extract(capture("ppp_ip4_fragments.pcap")).format("ndjson").output(out).open()) {
            visited = ex.visit(new io.pcapkit.frame.InfoBuilder());
            assertEquals(6, ex.ipv4Stats().completed(), "one dissection per frame feeds both the visitor and the output");
        }
        assertEquals(53, visited);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(53, lines.length);
        assertTrue(lines[5].contains("\"reassembled\":{\"kind\":\"IPv4 datagram\",\"frames\":[1,2,3,4,5,6],\"len\":8320}"), lines[5]);
        assertTrue(lines[5].contains("\"protocols\":\"Ethernet:IPv4:UDP:Raw\""), lines[5]);
    }

    /**
     * Below the application threshold the streams are not parsed for application protocols (that
     * work would be thrown away), and the flows, their stream bytes and the TCP messages are those
     * of a run that goes to the application layer.
     */
    @Test
    void belowTheApplicationLayerTheStreamsAreNotParsedAndTheFlowsAreTheSame() throws IOException {
        Extractor deep = Pcapkit.extract(capture("ppp_three_http_streams.pcap")).reassemble("ip,tcp").store(true).run();
        Extractor transport = Pcapkit.extract(capture("ppp_three_http_streams.pcap")).layer(io.pcapkit.dissect.LayerType.TRANSPORT)
                .reassemble("ip,tcp").store(true).run();
        assertTrue(deep.parsesApplicationStreams());
        assertTrue(!transport.parsesApplicationStreams());
        assertEquals(3, deep.flows().size());
        assertEquals(deep.flows().size(), transport.flows().size());
        for (int i = 0; i < deep.flows().size(); i++) {
            Flow a = deep.flows().get(i);
            Flow b = transport.flows().get(i);
            assertEquals(java.util.Arrays.toString(a.frames()), java.util.Arrays.toString(b.frames()));
            for (int d = 0; d < 2; d++) assertEquals(a.bytes(d), b.bytes(d));
        }
        assertEquals(deep.messages().size(), transport.messages().size());
        for (int i = 0; i < deep.messages().size(); i++) {
            assertTrue(java.util.Arrays.equals(deep.messages().get(i).payload(), transport.messages().get(i).payload()));
        }
        assertTrue(deep.frames().stream().anyMatch(f -> f.protocols().toString().contains("HTTP")), "the deep run does parse HTTP");
        assertTrue(transport.frames().stream().noneMatch(f -> f.protocols().toString().contains("HTTP")));
    }

    @Test
    void tcpMessagesAndFlowsFromExtract(@TempDir Path dir) throws IOException {
        List<Flow> ended = new ArrayList<>();
        Extractor ex = Pcapkit.extract(capture("ppp_three_http_streams.pcap")).reassemble("ip,tcp").store(true).trace(dir.resolve("t"))
                .traceFormat("pcap").onFlow(ended::add).run();
        assertEquals(3, ex.flows().size());
        assertEquals(ended, ex.flows());
        assertEquals(3, ex.flowCounts()[0]);
        List<Message> requests = ex.messages().stream().filter(m -> m.direction() == 0).toList();
        assertEquals(3, requests.size());
        for (Message m : requests) assertTrue(new String(m.payload(), StandardCharsets.ISO_8859_1).startsWith("GET "), m.toString());
        assertTrue(Files.exists(dir.resolve("t/index.json")));
        assertTrue(Files.exists(dir.resolve("t/tcp-000002.pcap")));
        assertTrue(ex.tcpStats().deliveredBytes() > 0);
    }

    @Test
    void reassemblersOnTheirOwn() throws IOException {
        try (Reassembler r = Pcapkit.reassemble("ipv4", new ReassembleOptions().defrag(new DefragOptions().policy(OverlapPolicy.LINUX)))) {
            r.accept(capture("ppp_ip4_fragments.pcap")).finish();
            assertEquals(6, r.datagrams().size());
            assertEquals(List.of(6L, 12L, 18L, 28L, 40L, 53L), r.datagrams().stream().map(Datagram::completedIn).toList());
            assertThrows(IllegalStateException.class, r::messages);
        }
        try (Reassembler r = Pcapkit.reassemble("ipv6", new ReassembleOptions())) {
            // frames fed one by one, from kept frames
            try (Extractor ex = Pcapkit.extract(capture("ppp_ip6_fragments.pcap")).reassemble("none").open()) {
                for (Frame f : ex) r.accept(f);
            }
            r.finish();
            assertEquals(4, r.datagrams().size());
        }
        Reassembler tcp = Pcapkit.reassemble("tcp", new ReassembleOptions()).accept(capture("ppp_frag_http_req.pcap")).finish();
        assertEquals(1, tcp.messages().size(), "the request inside the fragmented datagram");
        assertTrue(new String(tcp.messages().get(0).payload(), StandardCharsets.ISO_8859_1).startsWith("GET "));
        assertEquals(List.of(11L), List.of(tcp.messages().get(0).frames()[0]));
    }

    @Test
    void tracerOnItsOwn(@TempDir Path dir) throws IOException {
        List<Flow> flows;
        try (Tracer t = Pcapkit.trace(new FlowOptions().udp(true).output(dir).format("ndjson"))) {
            t.accept(capture("pkts_base_usage_3_streams.pcap"));
            t.close();
            flows = t.flows();
        }
        assertEquals(3, flows.stream().filter(Flow::isTcp).count());
        assertEquals(4, flows.stream().filter(f -> !f.isTcp()).count());
        assertTrue(Files.exists(dir.resolve("udp-000003.ndjson")));
    }

    @Test
    void followOneFlow() throws IOException {
        List<Follow.Chunk> chunks = new ArrayList<>();
        Flow f = Pcapkit.follow(capture("ppp_three_http_streams.pcap"), Follow.byId("TCP", 1, chunks::add));
        assertNotNull(f);
        assertEquals(1, f.id());
        assertEquals(0, chunks.get(0).direction());
        assertTrue(new String(chunks.get(0).data(), StandardCharsets.ISO_8859_1).startsWith("GET "));
        assertEquals(1, chunks.get(1).direction());
    }
}
