package io.pcapkit.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import io.pcapkit.reassembly.IpDefragHook;
import io.pcapkit.reassembly.StreamOptions;
import io.pcapkit.reassembly.TcpConnection;
import io.pcapkit.reassembly.TcpStats;
import io.pcapkit.reassembly.TcpStreams;
import io.pcapkit.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flow hook's work on a thread of its own ({@link FlowThread}) gives what the same work in
 * place gives: the frames' output, the trace's index, the flows' and streams' counts, on floods,
 * damaged captures and the corpus, with batches small enough that every hand-over path is taken.
 */
class FlowThreadTest {
    @TempDir
    Path tmp;

    /** What one run wrote and counted. */
    private record Run(byte[] frames, byte[] index, String counts) {
    }

    /** Batch sizes for the flow thread: packets, payload bytes, batches; null for the work in place. */
    private record Batches(int packets, int bytes, int batches) {
        static final Batches DEFAULT = new Batches(0, 0, 0);
    }

    /** extract --reassemble ip,tcp --layer transport --trace DIR (the index alone), as the CLI runs it. */
    private Run run(Path capture, FlowOptions base, Batches batches, String name) throws IOException {
        Path dir = tmp.resolve(name);
        FlowOptions o = base.copy().output(dir);
        TcpStreams tcp = new TcpStreams(new StreamOptions());
        FlowHook flows = new FlowHook(o, tcp, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Dissector dissector;
        try (CaptureReader r = CaptureInput.open(capture); TraceWriter w = new TraceWriter(o, r, new DissectOptions());
                Dumper d = Dumpers.create("ndjson", out, new DumpOptions())) {
            flows.listen(w);
            if (batches != null) {
                boolean moved = batches == Batches.DEFAULT ? flows.offThread() : flows.offThread(batches.packets, batches.bytes, batches.batches);
                assertTrue(moved, "an index-only trace without application layers goes off the thread");
            }
            dissector = new Dissector().hook(LayerHooks.of(new IpDefragHook(new DefragOptions(), true, true, null), flows));
            PacketRecord rec = new PacketRecord();
            while (next(r, rec)) dissector.dissect(rec, d);
            flows.finish();
        }
        assertEquals(0, dissector.hookFailures() + flows.failures(), capture + ": the hooks threw");
        String counts = "tcp " + flows.tcpFlows() + " udp " + flows.udpFlows() + " evicted " + flows.evicted() + " timed out " + flows.timedOut()
                + " reused " + flows.reused() + " peak " + flows.peakOpenFlows() + "; " + tcp.stats();
        return new Run(out.toByteArray(), Files.readAllBytes(dir.resolve("index.json")), counts);
    }

    /** The next record; a damaged record header ends the capture (the same way for both runs). */
    private static boolean next(CaptureReader r, PacketRecord rec) {
        try {
            return r.next(rec);
        } catch (IOException e) {
            return false;
        }
    }

    private void assertSameResults(Path capture, FlowOptions o, Batches batches, String what) throws IOException {
        Run inPlace = run(capture, o, null, what + "-in-place");
        Run threaded = run(capture, o, batches, what + "-thread");
        assertArrayEquals(inPlace.frames, threaded.frames, what + ": frames differ");
        assertEquals(new String(inPlace.index), new String(threaded.index), what + ": index differs");
        assertEquals(inPlace.counts, threaded.counts, what + ": counts differ");
    }

    /** 3 packets and 100 payload bytes a batch, 2 batches: hand-overs when a batch is full, when a payload does not fit, and payloads larger than a batch holds. */
    private static final Batches TINY = new Batches(3, 100, 2);

    @Test
    void aFloodGivesWhatTheWorkInPlaceGives() throws IOException {
        Path flood = FlowRecyclingTest.flood(tmp, 6000);
        FlowOptions o = new FlowOptions().udp(true).maxOpen(8).idleTimeoutNanos(1_000_000_000L);
        assertSameResults(flood, o, Batches.DEFAULT, "flood");
        assertSameResults(flood, o, TINY, "flood-tiny");
    }

    @Test
    void damagedCapturesGiveWhatTheWorkInPlaceGives() throws IOException {
        SplittableRandom rnd = new SplittableRandom(20261128);
        FlowOptions o = new FlowOptions().udp(true).maxOpen(4).idleTimeoutNanos(1_000_000_000L);
        for (Path original : new Path[] {FlowRecyclingTest.flood(tmp, 1000), Corpus.repoRoot().resolve("testdata/http-loopback.pcap"),
                Corpus.repoRoot().resolve("testdata/crafted-mix.pcap")}) {
            byte[] bytes = Files.readAllBytes(original);
            for (int round = 0; round < 8; round++) {
                byte[] damaged = bytes.clone();
                for (int k = 0; k < 1 + rnd.nextInt(40); k++) damaged[64 + rnd.nextInt(damaged.length - 64)] = (byte) rnd.nextInt(256);
                Path p = Files.write(tmp.resolve("damaged-" + round + "-" + original.getFileName()), damaged);
                assertSameResults(p, o, round % 2 == 0 ? TINY : Batches.DEFAULT, "damaged " + original.getFileName() + " round " + round);
            }
        }
    }

    @Test
    void everyCorpusCaptureGivesWhatTheWorkInPlaceGives() throws IOException {
        int n = 0;
        for (Corpus.Entry e : Corpus.manifest()) {
            Path capture = e.file();
            if (!Files.isRegularFile(capture)) continue;
            assertSameResults(capture, new FlowOptions().udp(true), Files.size(capture) > 2_000_000 ? Batches.DEFAULT : TINY, e.name());
            n++;
        }
        assertTrue(n > 10, "corpus captures compared: " + n);
    }

    @Test
    void theWorkStaysInPlaceWhenTheFramesOrAListenerNeedIt() {
        FlowOptions o = new FlowOptions();
        assertFalse(new FlowHook(o, new TcpStreams(new StreamOptions()), new AppStreams(new StreamOptions())).offThread(),
                "application layers are the frames' output");
        TcpStreams heard = new TcpStreams(new StreamOptions()).listen(new io.pcapkit.reassembly.MessageAssembler(m -> { }));
        assertFalse(new FlowHook(o, heard, null).offThread(), "a stream listener hears on the dissecting thread");
        assertFalse(new FlowHook(o, null, null).listen(new FlowListener() { }).offThread(), "a listener that did not say it may");
        assertTrue(new FlowHook(o, null, null).offThread(), "flows alone");
    }

    /** A listener the flow thread may call, which throws on the {@code n}th flow's start. */
    private static FlowListener throwing(int n, Throwable t) {
        return new FlowListener() {
            int started;

            @Override
            public void started(Flow f) {
                if (++started == n) {
                    if (t instanceof RuntimeException e) throw e;
                    throw (Error) t;
                }
            }

            @Override
            public boolean offThread() {
                return true;
            }
        };
    }

    private long dissectWith(FlowHook flows, Path capture) throws IOException {
        Dissector d = new Dissector().hook(LayerHooks.of(flows));
        long frames = 0;
        try (CaptureReader r = CaptureInput.open(capture)) {
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) {
                d.dissect(rec, null);
                frames++;
            }
        }
        return frames;
    }

    @Test
    void aPacketTheWorkFailsOnIsCountedAndTheRunGoesOn() throws IOException {
        Path flood = FlowRecyclingTest.flood(tmp, 2000);
        FlowHook flows = new FlowHook(new FlowOptions().maxOpen(8), null, null).listen(throwing(3, new IllegalStateException("test")));
        assertTrue(flows.offThread(3, 100, 2));
        assertEquals(2000, dissectWith(flows, flood));
        flows.finish();
        assertEquals(1, flows.failures());
        assertTrue(flows.tcpFlows() > 100, "flows after the failure: " + flows.tcpFlows());
    }

    @Test
    void anErrorOnTheFlowThreadReachesTheDissectingThread() throws IOException {
        Path flood = FlowRecyclingTest.flood(tmp, 2000);
        Error boom = new AssertionError("boom");
        FlowHook flows = new FlowHook(new FlowOptions().maxOpen(8), null, null).listen(throwing(5, boom));
        assertTrue(flows.offThread(3, 100, 2));
        // by a hand-over once the thread has stopped, or at the latest when the run finishes
        Error thrown = assertThrows(Error.class, () -> {
            dissectWith(flows, flood);
            flows.finish();
        });
        assertSame(boom, thrown);
    }

    /** A segment's bytes reach the streams whole when they arrive in batches: one large payload among small ones. */
    @Test
    void payloadsLargerThanABatchHoldsReachTheStreamsWhole() throws IOException {
        PcapFile p = PcapFile.create(1);
        long seq = 1000;
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 1400; i++) big.append((char) ('a' + i % 26));
        String[] payloads = {"x", big.toString(), "yz", big.toString(), "", big.substring(0, 99), big.substring(0, 100), big.substring(0, 101)};
        p.add(0, 0, Packets.tcp("10.0.0.1", 1234, "10.0.0.2", 80, seq - 1, 0, TcpConnection.SYN, ""));
        long total = 0;
        for (int i = 0; i < payloads.length; i++) {
            p.add(0, i + 1, Packets.tcp("10.0.0.1", 1234, "10.0.0.2", 80, seq, 1, TcpConnection.ACK | TcpConnection.PSH, payloads[i]));
            seq += payloads[i].length();
            total += payloads[i].length();
        }
        TcpStats stats = streamsOffThread(p.write(tmp.resolve("large.pcap")), new Batches(3, 100, 2));
        assertEquals(total, stats.deliveredBytes());
        assertEquals(0, stats.gaps());
    }

    /** The TCP streams' counts of a capture whose flows were worked on a flow thread with batches of {@code b}'s sizes. */
    private TcpStats streamsOffThread(Path capture, Batches b) throws IOException {
        TcpStreams tcp = new TcpStreams(new StreamOptions());
        FlowHook flows = new FlowHook(new FlowOptions(), tcp, null);
        assertTrue(flows.offThread(b.packets, b.bytes, b.batches));
        dissectWith(flows, capture);
        flows.finish();
        return tcp.stats();
    }

    /**
     * A batch's payload room starts small and grows as payloads come (a short capture allocates
     * little): every segment, sent twice, still compares equal with the bytes delivered before.
     */
    @Test
    void aBatchsPayloadRoomGrowsWithoutLosingWhatItHolds() throws IOException {
        PcapFile p = PcapFile.create(1);
        SplittableRandom rnd = new SplittableRandom(7);
        long seq = 1000;
        long total = 0;
        p.add(0, 0, Packets.tcp("10.0.0.1", 1234, "10.0.0.2", 80, seq - 1, 0, TcpConnection.SYN, ""));
        for (int i = 0; i < 300; i++) {
            byte[] data = new byte[1400];
            for (int k = 0; k < data.length; k++) data[k] = (byte) rnd.nextInt(256);
            byte[] frame = Packets.tcp("10.0.0.1", 1234, "10.0.0.2", 80, seq, 1, TcpConnection.ACK | TcpConnection.PSH, data);
            p.add(0, 2 * i + 1, frame);
            p.add(0, 2 * i + 2, frame); // a retransmission with the same bytes
            seq += data.length;
            total += data.length;
        }
        // room from 64 KiB up to 300,000 bytes, 1,000 packets a batch: it grows twice, then a payload opens the next batch
        TcpStats stats = streamsOffThread(p.write(tmp.resolve("growing.pcap")), new Batches(1_000, 300_000, 2));
        assertEquals(total, stats.deliveredBytes());
        assertEquals(300, stats.retransmissions());
        assertEquals(0, stats.conflicts(), "a retransmission differs from what was delivered");
    }
}
