package io.pcapkit.flow;

import static io.pcapkit.reassembly.TcpConnection.ACK;
import static io.pcapkit.reassembly.TcpConnection.FIN;
import static io.pcapkit.reassembly.TcpConnection.PSH;
import static io.pcapkit.reassembly.TcpConnection.RST;
import static io.pcapkit.reassembly.TcpConnection.SYN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.LayerHooks;
import io.pcapkit.dump.DumpOptions;
import io.pcapkit.dump.Dumper;
import io.pcapkit.dump.Dumpers;
import io.pcapkit.ipsuite.PcapFile;
import io.pcapkit.reassembly.AppStreams;
import io.pcapkit.reassembly.DefragOptions;
import io.pcapkit.reassembly.Endpoints;
import io.pcapkit.reassembly.IpDefragHook;
import io.pcapkit.reassembly.StreamListener;
import io.pcapkit.reassembly.StreamOptions;
import io.pcapkit.reassembly.TcpConnection;
import io.pcapkit.reassembly.TcpStreams;
import io.pcapkit.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ended flows and closed connections are reused when no listener keeps them: a run that reuses
 * them writes exactly what a run that cannot (a listener keeps every flow) writes, frames, index
 * and per-flow files alike.
 */
class FlowRecyclingTest {
    @TempDir
    Path tmp;

    /** What one run wrote, and how many flows it made from ended ones. */
    private record Run(byte[] frames, TreeMap<String, byte[]> trace, long reused) {
    }

    /**
     * Extract with IP and TCP reassembly, application layers and a trace (per-flow NDJSON and the
     * index), as the CLI runs it; {@code keep} adds a listener that keeps every flow.
     */
    private Run run(Path capture, FlowOptions base, boolean keep, String name) throws IOException {
        Path dir = tmp.resolve(name);
        FlowOptions o = base.copy().output(dir).format("ndjson");
        TcpStreams tcp = new TcpStreams(new StreamOptions());
        FlowHook flows = new FlowHook(o, tcp, new AppStreams(new StreamOptions()));
        List<Flow> kept = new ArrayList<>();
        if (keep) {
            flows.listen(new FlowListener() {
                @Override
                public void ended(Flow f) {
                    kept.add(f);
                }
            });
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CaptureReader r = CaptureInput.open(capture); TraceWriter w = new TraceWriter(o, r, new DissectOptions());
                Dumper d = Dumpers.create("ndjson", out, new DumpOptions())) {
            flows.listen(w);
            Dissector dissector = new Dissector().hook(LayerHooks.of(new IpDefragHook(new DefragOptions(), true, true, null), flows));
            PacketRecord rec = new PacketRecord();
            while (next(r, rec)) dissector.dissect(rec, d);
            flows.finish();
            assertEquals(0, dissector.hookFailures(), capture + ": the hooks threw");
        }
        TreeMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) files.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
        if (keep) assertEquals(kept.size(), kept.stream().distinct().count(), "a kept flow was reused");
        return new Run(out.toByteArray(), files, flows.reused());
    }

    /** The next record; a damaged record header ends the capture (the same way for both runs). */
    private static boolean next(CaptureReader r, PacketRecord rec) {
        try {
            return r.next(rec);
        } catch (IOException e) {
            return false;
        }
    }

    private void assertSameOutput(Path capture, FlowOptions o, String what) throws IOException {
        Run reusing = run(capture, o, false, what + "-reusing");
        Run keeping = run(capture, o, true, what + "-keeping");
        assertEquals(0, keeping.reused, what + ": flows reused although a listener keeps them");
        assertArrayEquals(keeping.frames, reusing.frames, what + ": frames differ");
        assertEquals(keeping.trace.keySet(), reusing.trace.keySet(), what + ": trace files differ");
        for (String f : keeping.trace.keySet()) assertArrayEquals(keeping.trace.get(f), reusing.trace.get(f), what + ": " + f + " differs");
        if (what.equals("flood")) assertTrue(reusing.reused > 1000, what + ": only " + reusing.reused + " flows reused");
    }

    /**
     * Many short HTTP connections, a few at a time over a limit of eight open flows (so flows are
     * evicted while their connections go on), idle timeouts, resets, ports reused with a new SYN,
     * out-of-order data, retransmissions with other bytes, and UDP.
     */
    private Path flood(int frames) throws IOException {
        return flood(tmp, frames);
    }

    /** {@link #flood(int)}'s capture, written into {@code dir}. */
    static Path flood(Path dir, int frames) throws IOException {
        PcapFile p = PcapFile.create(1);
        Random rnd = new Random(7);
        long usec = 1_700_000_000_000_000L;
        int[] port = new int[24];
        long[] seq = new long[24];
        int[] step = new int[24];
        for (int i = 0; i < frames; i++) {
            int c = rnd.nextInt(port.length);
            usec += rnd.nextInt(100) == 0 ? 3_000_000 : 1 + rnd.nextInt(500); // now and then, past the idle timeout
            String client = "10.1." + (c / 8) + "." + (1 + c % 8);
            if (port[c] == 0 || step[c] > 6) {
                port[c] = rnd.nextInt(4) == 0 && port[c] != 0 ? port[c] : 1024 + rnd.nextInt(60000); // a quarter reuse their ports
                seq[c] = rnd.nextInt(1 << 30);
                step[c] = 0;
            }
            byte[] frame;
            long s = seq[c];
            switch (step[c]++) {
                case 0 -> frame = Packets.tcp(client, port[c], "10.9.0.1", 80, s, 0, SYN, "");
                case 1 -> frame = Packets.tcp("10.9.0.1", 80, client, port[c], 5000, s + 1, SYN | ACK, "");
                case 2 -> frame = Packets.tcp(client, port[c], "10.9.0.1", 80, s + 1, 5001, PSH | ACK, "GET /" + i + " HTTP/1.1\r\nHost: x\r\n\r\n");
                case 3 -> {
                    String body = "hello " + i;
                    String response = "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
                    // now and then out of order: the second half first
                    frame = Packets.tcp("10.9.0.1", 80, client, port[c], 5001, s + 60, PSH | ACK, response);
                }
                case 4 -> frame = rnd.nextInt(10) == 0
                        ? Packets.tcp(client, port[c], "10.9.0.1", 80, s + 1, 5001, PSH | ACK, "XXX") // re-sent with other bytes
                        : Packets.tcp(client, port[c], "10.9.0.1", 80, s + 60, 5100, rnd.nextInt(8) == 0 ? RST : FIN | ACK, "");
                case 5 -> frame = Packets.udp(client, 5353, "10.9.0.2", 53, "q" + i);
                default -> frame = Packets.tcp("10.9.0.1", 80, client, port[c], 5100, s + 61, FIN | ACK, "");
            }
            p.add(usec / 1_000_000, usec % 1_000_000, frame);
        }
        return p.write(dir.resolve("flood-" + frames + ".pcap"));
    }

    @Test
    void aFloodReusingFlowsWritesWhatOneKeepingThemWrites() throws IOException {
        FlowOptions o = new FlowOptions().udp(true).maxOpen(8).idleTimeoutNanos(1_000_000_000L);
        assertSameOutput(flood(6000), o, "flood");
    }

    /** Flipped bytes: malformed layers, odd flags and sequence numbers, ports that collide. */
    @Test
    void damagedCapturesWriteTheSameWhetherFlowsAreReusedOrNot() throws IOException {
        SplittableRandom rnd = new SplittableRandom(20261127);
        FlowOptions o = new FlowOptions().udp(true).maxOpen(4).idleTimeoutNanos(1_000_000_000L);
        List<Path> originals = List.of(flood(1000), Corpus.repoRoot().resolve("testdata/http-loopback.pcap"), Corpus.repoRoot().resolve("testdata/crafted-mix.pcap"));
        for (Path original : originals) {
            byte[] bytes = Files.readAllBytes(original);
            for (int round = 0; round < 12; round++) {
                byte[] damaged = bytes.clone();
                // past the file header: the records stay readable, their contents do not
                for (int k = 0; k < 1 + rnd.nextInt(40); k++) damaged[64 + rnd.nextInt(damaged.length - 64)] = (byte) rnd.nextInt(256);
                Path p = Files.write(tmp.resolve("damaged-" + round + "-" + original.getFileName()), damaged);
                assertSameOutput(p, o, "damaged " + original.getFileName() + " round " + round);
            }
        }
    }

    @Test
    void everyCorpusCaptureWritesTheSameWhetherFlowsAreReusedOrNot() throws IOException {
        int n = 0;
        for (Corpus.Entry e : Corpus.manifest()) {
            Path capture = e.file();
            if (!Files.isRegularFile(capture) || Files.size(capture) > 2_000_000) continue; // the big ones take long with every flow written
            assertSameOutput(capture, new FlowOptions().udp(true).maxOpen(16), e.name());
            n++;
        }
        assertTrue(n > 10, "corpus captures compared: " + n);
    }

    /** A stream listener that keeps nothing, and one that may keep connections. */
    private static StreamListener listener(boolean keeps) {
        return new StreamListener() {
            @Override
            public void data(TcpConnection c, int dir, ByteBuffer buf, int off, int len, long frame) {
            }

            @Override
            public void gap(TcpConnection c, int dir, long length, long frame) {
            }

            @Override
            public boolean keepsConnections() {
                return keeps;
            }
        };
    }

    @Test
    void connectionsAreTakenBackOnlyClosedAndWhenNoListenerKeepsThem() {
        Endpoints ends = new Endpoints(new byte[] {10, 0, 0, 1}, 1, new byte[] {10, 0, 0, 2}, 2);
        TcpStreams streams = new TcpStreams(new StreamOptions()).listen(listener(false));
        TcpConnection c = streams.open(0, ends);
        c.segment(0, 100, 0, SYN, ByteBuffer.allocate(0), 0, 0, 1);
        c.segment(0, 101, 0, ACK, ByteBuffer.wrap(new byte[] {1, 2, 3}), 0, 3, 2);
        assertFalse(streams.recycle(c), "an open connection is not taken back");
        c.close(3);
        assertTrue(streams.recycle(c));
        TcpConnection d = streams.open(1, ends);
        assertSame(c, d, "the closed connection is reused");
        assertEquals(1, d.id());
        assertFalse(d.isClosed());
        assertEquals(0, d.delivered(0), "a reused connection starts empty");
        assertTrue(d.anomalies().isEmpty());
        d.segment(0, 7, 0, ACK, ByteBuffer.wrap(new byte[] {9}), 0, 1, 4);
        assertEquals(1, d.delivered(0), "a reused connection takes a new base from its first segment");
        d.close(5);
        streams.listen(listener(true));
        assertFalse(streams.recycle(d), "not while a listener may keep connections");
        assertNotSame(d, streams.open(2, ends));
    }

    @Test
    void aReusedFlowReopensItsOwnConnectionAndShowsNoneBeforeIt() {
        TcpStreams streams = new TcpStreams(new StreamOptions());
        FlowHook hook = new FlowHook(new FlowOptions().maxOpen(1), streams, null);
        List<Flow> started = new ArrayList<>();
        List<TcpConnection> atPacket = new ArrayList<>();
        hook.listen(new FlowListener() {
            @Override
            public void started(Flow f) {
                started.add(f);
            }

            @Override
            public void packet(Flow f, int dir, PacketRecord r, io.pcapkit.dissect.Chain chain) {
                atPacket.add(f.tcp());
            }

            @Override
            public void ended(Flow f) {
            }

            @Override
            public boolean keepsFlows() {
                return false; // (the lists keep them only to compare identities)
            }
        });
        Dissector dissector = new Dissector().hook(LayerHooks.of(hook));
        long[] number = {0};
        java.util.function.Consumer<byte[]> feed = frame -> dissector.dissect(Packets.record(frame, ++number[0], number[0]), null);
        feed.accept(Packets.tcp("10.0.0.1", 1, "10.0.0.2", 2, 1, 0, ACK, "abc"));
        feed.accept(Packets.tcp("10.0.0.1", 3, "10.0.0.2", 2, 1, 0, SYN, "")); // evicts the first; no data, so no streams yet
        feed.accept(Packets.tcp("10.0.0.1", 3, "10.0.0.2", 2, 2, 0, ACK, "xy"));
        assertEquals(2, started.size());
        assertSame(started.get(0), started.get(1), "the evicted flow was reused for the second");
        TcpConnection first = atPacket.get(0);
        assertEquals(3, atPacket.size());
        assertEquals(null, atPacket.get(1), "before its own first data the reused flow shows no connection (not the one it kept)");
        assertSame(first, atPacket.get(2), "its streams reopened the connection it kept");
        assertEquals(1, first.id());
        assertEquals(2, first.delivered(0), "which started empty");
        assertEquals(2, streams.stats().connections());
        assertEquals(1, streams.openConnections());
    }

    @Test
    void aCallerHandedTheOpenFlowsStopsTheReuse() throws IOException {
        FlowHook hook = new FlowHook(new FlowOptions().maxOpen(1), null, null);
        Dissector dissector = new Dissector().hook(LayerHooks.of(hook));
        long[] number = {0};
        java.util.function.Consumer<byte[]> feed = frame -> dissector.dissect(Packets.record(frame, ++number[0], number[0]), null);
        feed.accept(Packets.tcp("10.0.0.1", 1, "10.0.0.2", 2, 1, 0, SYN, ""));
        feed.accept(Packets.tcp("10.0.0.1", 3, "10.0.0.2", 2, 1, 0, SYN, ""));
        assertEquals(1, hook.reused(), "the evicted flow made the second");
        Flow held = hook.openFlows(true).get(0);
        feed.accept(Packets.tcp("10.0.0.1", 4, "10.0.0.2", 2, 1, 0, SYN, ""));
        assertEquals(1, hook.reused(), "a flow handed out is not reused");
        assertEquals(1, held.id(), "the flow handed out keeps what it was");
    }
}
