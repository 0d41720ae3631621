package io.pcapkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.capture.CaptureException;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.ErrorKind;
import io.pcapkit.dissect.Field;
import io.pcapkit.dissect.FieldSinkAdapter;
import io.pcapkit.dissect.FrameSink;
import io.pcapkit.dissect.LayerType;
import io.pcapkit.dissect.Protocol;
import io.pcapkit.frame.EnumValue;
import io.pcapkit.frame.Frame;
import io.pcapkit.frame.Info;
import io.pcapkit.testing.Corpus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractorTest {
    static Path capture(String name) {
        return Corpus.require().resolve(name);
    }

    @Test
    void iteratesFramesWithNumbersChainsAndFields() throws IOException {
        List<String> chains = new ArrayList<>();
        try (Extractor ex = Pcapkit.extract(capture("dpkt_http.pcap")).open()) {
            for (Frame f : ex) {
                assertEquals(chains.size() + 1, f.number());
                chains.add(f.protocols().toString());
            }
            assertEquals(43, ex.count());
            assertTrue(ex.isFinished());
        }
        assertEquals("Ethernet:IPv4:TCP", chains.get(0));
    }

    @Test
    void frameInfoHoldsTheRecordAndNestedLayers() throws IOException {
        try (Extractor ex = Pcapkit.extract(capture("dpkt_http.pcap")).open()) {
            Frame f = ex.iterator().next();
            Info info = f.info();
            assertEquals(1L, info.number("number"));
            assertEquals("Ethernet:IPv4:TCP", info.string("protocols"));
            assertEquals(new EnumValue(0x0800, "IPv4"), info.get("ethernet.type"));
            assertEquals(6L, info.number("ethernet.ipv4.proto"));
            assertNotNull(info.get("ethernet.ipv4.tcp.flags.syn"));
            assertEquals(f.layer("tcp"), info.info("ethernet.ipv4.tcp"));
            assertEquals(f.layer("IP"), info.info("ethernet.ipv4"), "the IP group finds IPv4");
            assertTrue(f.contains("ip") && f.contains("TCP") && !f.contains("UDP"));
        }
    }

    @Test
    void layerThresholdStopsAfterTheLayer() throws IOException {
        try (Extractor ex = Pcapkit.extract(capture("dpkt_http.pcap")).layer(LayerType.INTERNET).open()) {
            assertEquals("Ethernet:IPv4:Raw", ex.iterator().next().protocols().toString());
        }
        try (Extractor ex = Pcapkit.extract(capture("dpkt_http.pcap")).layer(LayerType.LINK).open()) {
            assertEquals("Ethernet:Raw", ex.iterator().next().protocols().toString());
        }
    }

    @Test
    void protocolThresholdStopsAfterTheProtocolOrGroup() throws IOException {
        try (Extractor ex = Pcapkit.extract(capture("dpkt_http.pcap")).protocol("ip").open()) {
            assertEquals("Ethernet:IPv4:Raw", ex.iterator().next().protocols().toString());
        }
    }

    @Test
    void storeKeepsFramesAndRunReadsToTheEnd() throws IOException {
        Extractor ex = Pcapkit.extract(capture("gopacket_test_dns.pcap")).store(true).run();
        assertEquals(10, ex.frames().size());
        assertEquals(10, ex.frames().get(9).number());
        Extractor plain = Pcapkit.extract(capture("gopacket_test_dns.pcap")).run();
        assertEquals(10, plain.count());
        assertThrows(IllegalStateException.class, plain::frames);
    }

    @Test
    void headerAndVersionOfPcapAndPcapng() throws IOException {
        try (Extractor ex = Pcapkit.extract(capture("dpkt_http.pcap")).open()) {
            assertEquals(new VersionInfo(2, 4), ex.version());
            assertEquals(new EnumValue(1, "ETHERNET"), ex.header().get("network"));
        }
        try (Extractor ex = Pcapkit.extract(capture("gopacket_le_test010.pcapng")).open()) {
            ex.iterator().next();
            assertEquals(1, ex.version().major());
            assertFalse(ex.header().list("interfaces").isEmpty());
        }
    }

    @Test
    void verboseReportsEachChain() throws IOException {
        List<String> lines = new ArrayList<>();
        Pcapkit.extract(capture("gopacket_test_dns.pcap")).verbose(lines::add).run();
        assertEquals(10, lines.size());
        assertEquals(" - Frame   1: Ethernet:IPv4:UDP:DNS", lines.get(0));
    }

    @Test
    void truncatedCaptureKeepsEarlierFramesAndReportsTheOffset() throws IOException {
        Extractor ex = Pcapkit.extract(capture("ppp_one_http_stream_fin_TRUNCATED.pcap")).run();
        assertEquals(7, ex.count());
        assertEquals(1, ex.problems().size());
        assertEquals(2624, ex.problems().get(0).offset());
    }

    @Test
    void missingAndNonCaptureFilesNameTheFile(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.pcap");
        CaptureException e = assertThrows(CaptureException.class, () -> Pcapkit.extract(missing).open());
        assertTrue(e.getMessage().contains("nope.pcap") && e.getMessage().contains("no such file"), e.getMessage());
        Path text = Files.writeString(dir.resolve("x.pcap"), "hello world");
        e = assertThrows(CaptureException.class, () -> Pcapkit.extract(text).open());
        assertTrue(e.getMessage().contains("x.pcap") && e.getMessage().contains("68 65 6c 6c"), e.getMessage());
    }

    /** Counts what the streaming visitor sees, so the one-pass path is exercised end to end. */
    static final class Counting extends FieldSinkAdapter implements FrameSink {
        int frames;
        int layers;
        int fields;
        final List<String> chains = new ArrayList<>();

        @Override
        public void beginFrame(PacketRecord frame) {
            frames++;
        }

        @Override
        public void beginLayer(Protocol protocol, int offset) {
            layers++;
        }

        @Override
        public void number(Field f, long value, int off, int len) {
            fields++;
        }

        @Override
        public void bool(Field f, boolean value, int off, int len) {
            fields++;
        }

        @Override
        public void bytes(Field f, ByteBuffer buf, int off, int len) {
            fields++;
        }

        @Override
        public void raw(ByteBuffer buf, int off, int len) {
        }

        @Override
        public void malformed(Protocol protocol, Field field, int offset, ErrorKind kind, String reason) {
        }

        @Override
        public void endFrame(Chain chain) {
            chains.add(chain.toString());
        }
    }

    @Test
    void visitorSeesEveryFrameLayerAndField() throws IOException {
        Counting c = new Counting();
        try (Extractor ex = Pcapkit.extract(capture("dpkt_http.pcap")).open()) {
            assertEquals(43, ex.visit(c));
        }
        assertEquals(43, c.frames);
        assertEquals("Ethernet:IPv4:TCP", c.chains.get(0));
        assertTrue(c.layers >= 43 * 3, "Ethernet, IPv4 and TCP in each frame");
        assertTrue(c.fields > 43 * 30, "every header field: " + c.fields);
    }
}
