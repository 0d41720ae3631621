package io.pcapkit.dump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.FrameSink;
import io.pcapkit.dissect.LayerCodec;
import io.pcapkit.gen.Protocols;
import io.pcapkit.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The codecs' generated JSON writers (decode, then write from the stored values) against the
 * walk through the sink that they replace: byte for byte the same NDJSON, on every capture we made,
 * every corpus capture, and damaged copies of ours (malformed and truncated layers), with the
 * options that change what a layer shows.
 */
class DirectJsonTest {
    /** The core protocols' codecs write their own JSON: a change that loses it shows here, not only in speed. */
    @Test
    void theCoreLayersWriteTheirOwnJson() {
        for (String grammar : List.of("ethernet", "vlan", "arp", "ipv4", "ipv6", "ipv6_frag", "tcp", "udp", "sll", "sll2")) {
            LayerCodec c = codecOf(grammar);
            assertNotNull(c, grammar);
            assertTrue(c.writesJson(), grammar + " has no generated JSON writer");
        }
        // a top-level list has no stored value to write from: HTTP's headers take the walk
        assertFalse(codecOf("http").writesJson());
    }

    @Test
    void directAndWalkedNdjsonAreTheSame() throws IOException {
        List<Path> inputs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Fixtures.testdata("crafted-mix.pcap").getParent())) {
            inputs.addAll(files.filter(x -> x.toString().matches(".*\\.(pcap|pcapng)$") && !x.toString().contains("golden")).sorted().toList());
        }
        if (Corpus.find() != null) {
            for (Corpus.Entry e : Corpus.manifest()) inputs.add(e.file());
        }
        int frames = 0;
        for (Path in : inputs) {
            byte[] capture = Files.readAllBytes(in);
            for (DumpOptions o : options()) frames += compare(capture, o, in.toString());
        }
        assertTrue(frames > 1000, "frames compared: " + frames);
    }

    /** Flipped bytes make layers malformed at every field: the direct path falls back to the walk there. */
    @Test
    void damagedCapturesGiveTheSameNdjson() throws IOException {
        SplittableRandom rnd = new SplittableRandom(20261127);
        int frames = 0;
        for (String name : List.of("crafted-mix.pcap", "crafted-mix.pcapng", "crafted-sll.pcap", "http-loopback.pcap")) {
            byte[] original = Files.readAllBytes(Fixtures.testdata(name));
            for (int round = 0; round < 40; round++) {
                byte[] damaged = original.clone();
                // past the file header: the records stay readable, their contents do not
                for (int k = 0; k < 1 + rnd.nextInt(8); k++) {
                    int at = 64 + rnd.nextInt(damaged.length - 64);
                    damaged[at] = (byte) rnd.nextInt(256);
                }
                frames += compare(damaged, new DumpOptions(), name + " round " + round);
            }
        }
        assertTrue(frames > 1000, "frames compared: " + frames);
    }

    /**
     * Application messages over reassembled TCP streams, several to a frame and malformed ones
     * followed by more (a chain with a malformed layer before its last): the same both ways.
     */
    @Test
    void reassembledStreamsGiveTheSameNdjson() throws IOException {
        int frames = 0;
        String dnsFrame32 = null;
        for (String name : List.of("app_dns.pcap", "app_http.pcap", "app_ftp.pcap", "app_http2.pcap")) {
            byte[] capture = Files.readAllBytes(Fixtures.testdata("crafted/" + name));
            String decodeAs = name.equals("app_http2.pcap") ? "tcp.port==8097,http2" : null;
            byte[] direct = ndjsonOverStreams(capture, decodeAs, false);
            byte[] walked = ndjsonOverStreams(capture, decodeAs, true);
            assertArrayEquals(walked, direct, () -> name + ": direct " + firstDifference(walked, direct));
            String[] lines = new String(direct, java.nio.charset.StandardCharsets.UTF_8).split("\n");
            frames += lines.length;
            if (name.equals("app_dns.pcap")) dnsFrame32 = lines[31];
        }
        assertTrue(frames > 90, "frames compared: " + frames);
        // a malformed DNS message (id 0x300f), then a good one (0x3010): both, in that order, and the chain says so
        assertTrue(dnsFrame32.contains("\"protocols\":\"Ethernet:IPv4:TCP:DNS:DNS\""), dnsFrame32);
        int bad = dnsFrame32.indexOf("\"id\":12303,");
        int malformed = dnsFrame32.indexOf("\"malformed\":");
        int good = dnsFrame32.indexOf("\"id\":12304,");
        assertTrue(bad >= 0 && bad < malformed && malformed < good, dnsFrame32);
    }

    private static byte[] ndjsonOverStreams(byte[] capture, String decodeAs, boolean walk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        io.pcapkit.dissect.DissectOptions o = new io.pcapkit.dissect.DissectOptions();
        if (decodeAs != null) io.pcapkit.dissect.DecodeAs.add(o, decodeAs);
        io.pcapkit.reassembly.StreamOptions so = new io.pcapkit.reassembly.StreamOptions();
        io.pcapkit.flow.FlowHook flows = new io.pcapkit.flow.FlowHook(new io.pcapkit.flow.FlowOptions(), new io.pcapkit.reassembly.TcpStreams(so),
                new io.pcapkit.reassembly.AppStreams(so));
        Dissector dissector = new Dissector(o).hook(io.pcapkit.dissect.LayerHooks.of(
                new io.pcapkit.reassembly.IpDefragHook(new io.pcapkit.reassembly.DefragOptions(), true, true, null), flows));
        try (CaptureReader r = CaptureInput.open(new java.io.ByteArrayInputStream(capture), "capture");
                Dumper d = Dumpers.create("ndjson", out, new DumpOptions())) {
            io.pcapkit.capture.PacketRecord rec = new io.pcapkit.capture.PacketRecord();
            FrameSink sink = walk ? withoutWriter(d) : d;
            while (next(r, rec)) dissector.dissect(rec, sink);
        }
        return out.toByteArray();
    }

    private static List<DumpOptions> options() {
        DumpOptions shallow = new DumpOptions();
        shallow.shallow = true;
        DumpOptions bytes = new DumpOptions();
        bytes.bytes = true;
        return List.of(new DumpOptions(), shallow, bytes);
    }

    /** NDJSON of {@code capture} both ways; returns the lines compared. */
    private static int compare(byte[] capture, DumpOptions o, String what) throws IOException {
        byte[] direct = ndjson(capture, o, false);
        byte[] walked = ndjson(capture, o, true);
        assertArrayEquals(walked, direct, () -> what + (o.shallow ? " (shallow)" : o.bytes ? " (bytes)" : "") + ": direct "
                + firstDifference(walked, direct));
        int lines = 0;
        for (byte b : direct) if (b == '\n') lines++;
        return lines;
    }

    private static byte[] ndjson(byte[] capture, DumpOptions o, boolean walk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CaptureReader r = CaptureInput.open(new java.io.ByteArrayInputStream(capture), "capture");
                Dumper d = Dumpers.create("ndjson", out, o)) {
            assertNotNull(d.jsonOut(), "the NDJSON dumper offers its writer");
            Dissector dissector = new Dissector();
            io.pcapkit.capture.PacketRecord rec = new io.pcapkit.capture.PacketRecord();
            FrameSink sink = walk ? withoutWriter(d) : d;
            while (next(r, rec)) dissector.dissect(rec, sink);
        } catch (io.pcapkit.capture.CaptureException e) {
            // a damaged file header or first block: nothing to compare but the (empty) output
        }
        return out.toByteArray();
    }

    /** The next record; a damaged record header ends the capture (the same way for both paths). */
    private static boolean next(CaptureReader r, io.pcapkit.capture.PacketRecord rec) {
        try {
            return r.next(rec);
        } catch (IOException e) {
            return false;
        }
    }

    /** The same dumper behind a sink that offers no writer, so every layer takes the walk. */
    private static FrameSink withoutWriter(Dumper d) {
        FrameSink s = (FrameSink) Proxy.newProxyInstance(FrameSink.class.getClassLoader(), new Class<?>[] {FrameSink.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("jsonOut")) return null;
                    try {
                        return m.invoke(d, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        assertNull(s.jsonOut());
        return s;
    }

    private static String firstDifference(byte[] a, byte[] b) {
        int i = 0;
        while (i < a.length && i < b.length && a[i] == b[i]) i++;
        int from = Math.max(0, i - 80);
        return "differs at byte " + i + ": walked …" + new String(a, from, Math.min(a.length, i + 80) - from) + "… direct …"
                + new String(b, from, Math.min(b.length, i + 80) - from) + "…";
    }

    private static LayerCodec codecOf(String grammar) {
        int i = Protocols.GRAMMARS.indexOf(grammar);
        assertTrue(i >= 0, "no grammar " + grammar);
        return Protocols.newCodec(i);
    }

    @Test
    void offsetsTakeTheWalk() throws IOException {
        DumpOptions o = new DumpOptions();
        o.offsets = true;
        try (Dumper d = Dumpers.create("ndjson", new ByteArrayOutputStream(), o)) {
            assertNull(d.jsonOut(), "_offsets are noted per field by the walk");
        }
    }
}
