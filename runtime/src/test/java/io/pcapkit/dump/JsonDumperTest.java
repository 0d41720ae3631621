package io.pcapkit.dump;

import static io.pcapkit.dump.Fixtures.at;
import static io.pcapkit.dump.Fixtures.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.ErrorKind;
import io.pcapkit.gen.Ipv4Fields;
import io.pcapkit.gen.Protocols;
import io.pcapkit.gen.TcpFields;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON and NDJSON read back with jackson: the record's shape, keys, values and order. */
class JsonDumperTest {
    private static Map<String, Object> jsonOf(String capture, DumpOptions o) throws IOException {
        return jsonOf(Fixtures.testdata(capture), o);
    }

    private static Map<String, Object> jsonOf(Path capture, DumpOptions o) throws IOException {
        return map(Fixtures.json(Fixtures.dump(capture, "json", o)));
    }

    @Test
    void oneObjectWithGlobalHeaderThenEveryFrameInOrder() throws IOException {
        Map<String, Object> doc = jsonOf("crafted-mix.pcap", new DumpOptions());
        List<String> keys = new ArrayList<>(doc.keySet());
        assertEquals(17, keys.size());
        assertEquals("Global Header", keys.get(0));
        for (int i = 1; i <= 16; i++) assertEquals("Frame " + i, keys.get(i));
        Map<String, Object> h = map(doc.get("Global Header"));
        assertEquals(0xa1b2c3d4L, h.get("magic"));
        assertEquals(65535L, h.get("snaplen"));
        assertEquals(Map.of("value", 1L, "name", "ETHERNET"), h.get("network"));
    }

    @Test
    void frameRecordShape() throws IOException {
        Map<String, Object> f = map(jsonOf("crafted-mix.pcap", new DumpOptions()).get("Frame 1"));
        assertEquals(List.of("number", "time", "time_epoch", "cap_len", "len", "ethernet", "protocols"), new ArrayList<>(f.keySet()));
        assertEquals(1L, f.get("number"));
        assertEquals("2023-11-14T22:13:20.123456Z", f.get("time"));
        // a JSON number with exactly the capture's six digits, not a double's rendering
        assertEquals(new BigDecimal("1700000000.123456"), f.get("time_epoch"));
        assertEquals(74L, f.get("cap_len"));
        assertEquals(74L, f.get("len"));
        assertEquals("Ethernet:IPv4:TCP", f.get("protocols"));
        // each layer under the one before it
        Map<String, Object> eth = map(f.get("ethernet"));
        assertEquals("02:00:00:00:00:0b", eth.get("dst"));
        assertEquals(Map.of("value", 0x0800L, "name", "IPv4"), eth.get("type"));
        Map<String, Object> ip = map(eth.get("ipv4"));
        assertEquals(Map.of("value", 6L, "name", "TCP"), ip.get("proto"));
        assertEquals("192.0.2.1", ip.get("src"));
        assertEquals(true, at(ip, "flags", "df"));
        assertInstanceOf(Long.class, ip.get("checksum"), "a HEX-format number stays a JSON number");
        assertEquals(0x1001L, ip.get("id"));
        Map<String, Object> tcp = map(ip.get("tcp"));
        assertEquals(49152L, tcp.get("srcport"));
        assertEquals(true, at(tcp, "flags", "syn"));
        @SuppressWarnings("unchecked")
        List<Object> options = (List<Object>) tcp.get("options");
        assertEquals(Map.of("value", 2L, "name", "MSS"), map(options.get(0)).get("kind"));
        assertEquals(1460L, map(options.get(0)).get("mss"));
        assertFalse(f.containsKey("interface"), "classic pcap has no interface");
        assertFalse(f.containsKey("packet"), "bytes only with --bytes");
    }

    /** A pcapng Simple Packet Block carries no time: its record has none (as in tshark), not 1970. */
    @Test
    void frameWithoutTimestampHasNoTimeKeys() throws IOException {
        io.pcapkit.capture.PcapngBuilder b = new io.pcapkit.capture.PcapngBuilder().shb(true).idb(1);
        byte[] frame = io.pcapkit.capture.PcapBuilder.payload(60, 1);
        b.epb(0, 1_700_000_000_000_000L, frame).spb(frame, 60).epb(0, 1_700_000_001_000_000L, frame);
        Path in = Files.createTempFile("pcapkit-spb", ".pcapng");
        try {
            Files.write(in, b.bytes());
            String[] lines = new String(Fixtures.dump(in, "ndjson"), StandardCharsets.UTF_8).split("\n");
            assertEquals(3, lines.length);
            assertTrue(lines[0].contains("\"time\":\"2023-11-14T22:13:20.000000Z\""), lines[0]);
            assertFalse(lines[1].contains("time"), lines[1]);
            assertTrue(lines[1].startsWith("{\"number\":2,\"cap_len\":60,"), lines[1]);
            assertTrue(lines[2].contains("\"time_epoch\":1700000001.000000"), lines[2]);
            Map<String, Object> f2 = map(jsonOf(in, new DumpOptions()).get("Frame 2"));
            assertFalse(f2.containsKey("time") || f2.containsKey("time_epoch"), f2.toString());
            assertFalse(new String(Fixtures.dump(in, "tree"), StandardCharsets.UTF_8).contains("1970"));
        } finally {
            Files.deleteIfExists(in);
        }
    }

    @Test
    void vlanStackArpIpv6ExtensionHeadersAndLlc() throws IOException {
        Map<String, Object> doc = jsonOf("crafted-mix.pcap", new DumpOptions());
        assertEquals(200L, at(doc, "Frame 4", "ethernet", "802.1ad", "tci", "vid"));
        assertEquals(300L, at(doc, "Frame 4", "ethernet", "802.1ad", "802.1q", "tci", "vid"));
        assertEquals("192.0.2.254", at(doc, "Frame 5", "ethernet", "arp", "tpa"));
        assertEquals("Ethernet:RARP", at(doc, "Frame 6", "protocols"));
        assertEquals(0xabcdL, at(doc, "Frame 8", "ethernet", "ipv6", "hopopt", "route", "frag", "id"));
        assertEquals(4001L, at(doc, "Frame 8", "ethernet", "ipv6", "hopopt", "route", "frag", "opts", "udp", "dstport"));
        assertEquals("2001:db8:0:1::2", at(doc, "Frame 8", "ethernet", "ipv6", "dst"));
        assertEquals(2048L, at(doc, "Frame 11", "ethernet", "llc", "snap", "pid"));
        @SuppressWarnings("unchecked")
        List<Object> rr = (List<Object>) at(((List<?>) at(doc, "Frame 7", "ethernet", "ipv4", "options")).get(0), "addresses");
        assertEquals(List.of("192.0.2.10", "0.0.0.0"), rr, "IPv4-format list elements are dotted strings");
    }

    @Test
    void malformedRawAndCutFrames() throws IOException {
        Map<String, Object> doc = jsonOf("crafted-mix.pcap", new DumpOptions());
        // the failing layer shows the fields read before the bad one, then the malformed node
        Map<String, Object> ip = map(at(doc, "Frame 15", "ethernet", "ipv4"));
        assertEquals(List.of("version", "hdr_len", "malformed"), new ArrayList<>(ip.keySet()));
        Map<String, Object> bad = map(ip.get("malformed"));
        assertEquals(List.of("protocol", "field", "offset", "reason"), new ArrayList<>(bad.keySet()));
        assertEquals("IPv4", bad.get("protocol"));
        assertEquals("hdr_len", bad.get("field"));
        assertEquals(14L, bad.get("offset"));
        assertTrue(((String) bad.get("reason")).contains("3"), bad.get("reason").toString());
        assertEquals(Map.of("len", 20L), at(doc, "Frame 16", "ethernet", "raw"));
        assertEquals(96L, at(doc, "Frame 14", "cap_len"));
        assertEquals(954L, at(doc, "Frame 14", "len"));
        assertEquals(800L, at(doc, "Frame 13", "ethernet", "ipv4", "frag_offset"));
        assertEquals("Ethernet:IPv4:Raw", at(doc, "Frame 13", "protocols"), "a fragment's payload stays raw");
    }

    @Test
    void bytesAndOffsets() throws IOException {
        Map<String, Object> doc = jsonOf("crafted-mix.pcap", new DumpOptions().bytes(true).offsets(true));
        Map<String, Object> f = map(doc.get("Frame 16"));
        byte[] frame = Fixtures.records(Fixtures.testdata("crafted-mix.pcap")).get(15).bytes();
        assertEquals(java.util.HexFormat.of().formatHex(frame), f.get("packet"));
        assertEquals(List.of("number", "time", "time_epoch", "cap_len", "len", "packet", "ethernet", "protocols"), new ArrayList<>(f.keySet()));
        assertEquals(java.util.HexFormat.of().formatHex(frame, 14, 34), at(f, "ethernet", "raw", "data"));
        Map<String, Object> ip = map(at(doc, "Frame 1", "ethernet", "ipv4"));
        Map<String, Object> off = map(ip.get("_offsets"));
        assertEquals(List.of(26L, 4L), off.get("src"));
        assertEquals(List.of(23L, 1L), off.get("proto"));
        assertEquals(List.of(20L, 1L), off.get("flags.df"));
        assertEquals(List.of(6L, 6L), at(doc, "Frame 1", "ethernet", "_offsets", "src"));
        List<String> keys = new ArrayList<>(ip.keySet());
        assertEquals(keys.indexOf("tcp") - 1, keys.indexOf("_offsets"), "_offsets after the fields, before the nested layer");
        assertFalse(off.keySet().stream().anyMatch(k -> k.startsWith("options")), "no offsets for list elements: " + off.keySet());
        // offsets are from the frame start: the TCP source port follows a 14 + 20 byte header
        assertEquals(List.of(34L, 2L), at(ip, "tcp", "_offsets", "srcport"));
    }

    @Test
    void pcapngHeaderAndInterface() throws IOException {
        Map<String, Object> doc = jsonOf("crafted-mix.pcapng", new DumpOptions());
        Map<String, Object> h = map(doc.get("Global Header"));
        assertEquals(List.of("section", "interfaces"), new ArrayList<>(h.keySet()));
        assertEquals(0x1a2b3c4dL, at(h, "section", "byte_order_magic"));
        List<?> ifaces = (List<?>) h.get("interfaces");
        assertEquals(1, ifaces.size());
        assertEquals(Map.of("value", 1L, "name", "ETHERNET"), map(ifaces.get(0)).get("linktype"));
        assertEquals(0L, at(doc, "Frame 3", "interface"));
        assertEquals("Ethernet:802.1Q:IPv4:UDP:DNS", at(doc, "Frame 3", "protocols"));
    }

    @Test
    void nanosecondTimesKeepNineDigits() throws IOException {
        byte[] out = Fixtures.dump(Fixtures.testdata("crafted-mix-nsec.pcap"), "ndjson");
        Map<String, Object> f = map(Fixtures.json(new String(out, StandardCharsets.UTF_8).split("\n")[1]));
        assertEquals("2023-11-14T22:13:20.124457000Z", f.get("time"));
        assertEquals(new BigDecimal("1700000000.124457000"), f.get("time_epoch"));
        assertTrue(new String(out, StandardCharsets.UTF_8).contains("\"time_epoch\":1700000000.124457000,"));
    }

    @Test
    void ndjsonIsOneFrameObjectPerLine() throws IOException {
        byte[] out = Fixtures.dump(Fixtures.testdata("crafted-mix.pcap"), "ndjson");
        String text = new String(out, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("}\n"));
        String[] lines = text.split("\n");
        assertEquals(16, lines.length);
        Map<String, Object> doc = jsonOf("crafted-mix.pcap", new DumpOptions());
        for (int i = 0; i < lines.length; i++) {
            Map<String, Object> f = map(Fixtures.json(lines[i]));
            assertEquals(i + 1L, f.get("number"));
            assertFalse(f.containsKey("Global Header"));
            // the same record as in the JSON document, whatever the layout
            assertEquals(doc.get("Frame " + (i + 1)), f, "frame " + (i + 1));
        }
    }

    @Test
    void enumeratedWithoutNameIsUnassignedAndUnbalancedCallsStayWellFormed() throws IOException {
        for (String format : List.of("json", "ndjson")) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (Dumper d = Dumpers.create(format, b, new DumpOptions())) {
                PacketRecord r = Fixtures.blankRecord(1);
                r.time.set(1, 5, 1);
                d.beginFrame(r);
                d.beginLayer(Protocols.get(Protocols.P_IPV4), 0);
                d.enumerated(Ipv4Fields.PROTOCOL, 254, null, 9, 1);
                // a layer cut inside a list inside an item: the sink never sees the ends
                d.beginList(TcpFields.OPTIONS__ENTRIES);
                d.beginItem(TcpFields.OPTIONS__ENTRIES);
                d.number(TcpFields.OPTION__LENGTH, 4, 20, 1);
                d.malformed(Protocols.get(Protocols.P_TCP), null, 21, ErrorKind.TRUNCATED, "cut");
                d.endFrame(new Chain());
            }
            String text = b.toString(StandardCharsets.UTF_8);
            Map<String, Object> f = map(format.equals("json") ? at(Fixtures.json(text), "Frame 1") : Fixtures.json(text));
            assertEquals(new BigDecimal("1.5"), f.get("time_epoch"));
            assertEquals("1970-01-01T00:00:01.5Z", f.get("time"));
            Map<String, Object> ip = map(f.get("ipv4"));
            assertEquals(Map.of("value", 254L, "name", "Unassigned"), ip.get("proto"));
            Map<String, Object> bad = map(ip.get("malformed"));
            assertNull(bad.get("field"));
            assertTrue(bad.containsKey("field"), "field is null, not absent");
            assertEquals(List.of(Map.of("length", 4L)), ip.get("options"));
        }
    }

    @Test
    void cachedEnumTextsAndChainStringsStayRightWhenValuesAlternate() throws IOException {
        // far more values than cache slots, in an order that revisits them: every frame must still
        // carry its own value, name and chain (the NDJSON caches are keyed, never trusted blindly)
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String[] names = {"alpha", "beta", null, "gamma \"quoted\""};
        try (Dumper d = Dumpers.create("ndjson", b, new DumpOptions())) {
            PacketRecord r = new PacketRecord();
            r.buffer = ByteBuffer.wrap(new byte[64]);
            r.capLen = 64;
            for (int i = 0; i < 3000; i++) {
                r.number = i + 1;
                d.beginFrame(r);
                d.beginLayer(Protocols.get(Protocols.P_IPV4), 0);
                long v = (i * 7919L) % 1000;
                d.enumerated(Ipv4Fields.PROTOCOL, v, names[(int) (v % names.length)], 9, 1);
                d.endFrame(null);
            }
        }
        String[] lines = b.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3000, lines.length);
        for (int i = 0; i < lines.length; i++) {
            long v = (i * 7919L) % 1000;
            String name = names[(int) (v % names.length)];
            assertEquals(Map.of("value", v, "name", name == null ? "Unassigned" : name), at(Fixtures.json(lines[i]), "ipv4", "proto"), "frame " + (i + 1));
        }
        // chains that alternate frame by frame (the crafted capture has ten different ones)
        String[] nd = new String(Fixtures.dump(Fixtures.testdata("mixed-linktypes.pcapng"), "ndjson"), StandardCharsets.UTF_8).split("\n");
        List<PacketRecord> frames = Fixtures.records(Fixtures.testdata("mixed-linktypes.pcapng"));
        io.pcapkit.dissect.Dissector dis = new io.pcapkit.dissect.Dissector();
        for (int i = 0; i < nd.length; i++) {
            assertEquals(dis.dissect(frames.get(i), null).toString(), at(Fixtures.json(nd[i]), "protocols"), "frame " + (i + 1));
        }
    }

    @Test
    void unknownFormatNamesTheFormats() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dumpers.create("yaml", new ByteArrayOutputStream(), new DumpOptions()));
        for (String f : Dumpers.FORMATS) assertTrue(e.getMessage().contains(f), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dumpers.extension("xml"));
        assertThrows(IllegalArgumentException.class, () -> Dumpers.isBinary(null));
    }

    @Test
    void formatTable() {
        assertEquals(List.of("json", "ndjson", "plist", "tree", "pcap", "pcapng"), Dumpers.FORMATS);
        assertEquals(List.of("json", "json", "plist", "txt", "pcap", "pcapng"), Dumpers.FORMATS.stream().map(Dumpers::extension).toList());
        assertEquals(List.of(false, false, false, false, true, true), Dumpers.FORMATS.stream().map(Dumpers::isBinary).toList());
        assertEquals("json", Dumpers.extension("NDJSON"));
    }
    /**
     * NDJSON has its own writer, with fast paths for plain scalars: each line must be, byte for
     * byte, the compact form of the same frame in the JSON document (jackson re-serialises it), for
     * every capture we made and every corpus capture, with default options (the fast paths) and with
     * bytes and offsets on (hex, arrays, the general path).
     */
    @Test
    void ndjsonLinesAreTheJsonFramesCompacted() throws IOException {
        List<java.nio.file.Path> inputs = new ArrayList<>();
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(Fixtures.testdata("crafted-mix.pcap").getParent())) {
            inputs.addAll(files.filter(x -> x.toString().matches(".*\\.(pcap|pcapng)$") && !x.toString().contains("golden")).sorted().toList());
        }
        java.nio.file.Path corpus = io.pcapkit.testing.Corpus.find();
        if (corpus != null) {
            for (io.pcapkit.testing.Corpus.Entry e : io.pcapkit.testing.Corpus.manifest()) inputs.add(e.file());
        }
        int frames = 0;
        for (boolean plain : new boolean[] {true, false}) {
            DumpOptions o = new DumpOptions();
            o.bytes = !plain;
            o.offsets = !plain;
            for (java.nio.file.Path in : inputs) frames += compareNdjsonWithJson(in, o, (plain ? "plain " : "bytes+offsets ") + in);
        }
        assertTrue(frames > 200, "frames compared: " + frames);
    }

    /**
     * NDJSON writes a frame's times from the second's text, encoded once per second, and the
     * fraction: every resolution pcapng allows (seconds to picoseconds, the last on the general
     * path), frames within a second and across seconds, and times before 1970 (general path),
     * each the same as JSON's.
     */
    @Test
    void ndjsonTimesAreJsonsAtEveryResolution(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        byte[] frame = io.pcapkit.ipsuite.Ethernet.builder().type(0x88b5).payload(new byte[4]).build();
        io.pcapkit.ipsuite.PcapngFile f = io.pcapkit.ipsuite.PcapngFile.create().section(java.nio.ByteOrder.LITTLE_ENDIAN);
        int[] resolutions = {0, 3, 6, 9, 12};
        for (int r : resolutions) f.interfaceBlock(1, 65535, r, 0);
        f.interfaceBlock(1, 65535, 6, -3L * 86_400); // an offset that puts the frames before 1970
        long second = 1_700_000_000L;
        for (int i = 0; i <= resolutions.length; i++) {
            int r = i < resolutions.length ? resolutions[i] : 6;
            java.math.BigInteger unit = java.math.BigInteger.TEN.pow(r);
            // 64 bits of picoseconds reach only 213 days past 1970
            long base = i == resolutions.length ? 3_600 : r == 12 ? 1_000_000 : second;
            for (long at : new long[] {0, 1, unit.longValue() / 2 + 7, unit.longValue() - 1, unit.longValue(), 3 * unit.longValue() + 42}) {
                if (r == 0 && at > 3) continue;
                long ts = java.math.BigInteger.valueOf(base).multiply(unit).add(java.math.BigInteger.valueOf(at)).longValueExact();
                f.epb(i, ts, frame, frame.length);
            }
        }
        java.nio.file.Path in = f.write(dir.resolve("times.pcapng"));
        assertEquals(6 * 5 + 4, compareNdjsonWithJson(in, new DumpOptions(), "times"));
        String ndjson = new String(Fixtures.dump(in, "ndjson", new DumpOptions()), StandardCharsets.UTF_8);
        assertTrue(ndjson.contains("\"time\":\"2023-11-14T22:13:20.500007Z\",\"time_epoch\":1700000000.500007,"), ndjson);
        assertTrue(ndjson.contains("\"time\":\"2023-11-14T22:13:21Z\",\"time_epoch\":1700000001,"), ndjson);
        assertTrue(ndjson.contains("\"time_epoch\":1000003.000000000042,"), ndjson);
        assertTrue(ndjson.contains("\"time\":\"1969-12-29T01:00:00.999999Z\",\"time_epoch\":-255599.000001,"), ndjson);
    }

    private static int compareNdjsonWithJson(java.nio.file.Path in, DumpOptions o, String what) throws IOException {
        com.fasterxml.jackson.core.JsonFactory f = new com.fasterxml.jackson.core.JsonFactory();
        String[] lines = new String(Fixtures.dump(in, "ndjson", o), StandardCharsets.UTF_8).split("\n");
        List<String> compact = new ArrayList<>();
        try (com.fasterxml.jackson.core.JsonParser p = f.createParser(Fixtures.dump(in, "json", o))) {
            p.nextToken();
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                try (com.fasterxml.jackson.core.JsonGenerator g = f.createGenerator(b)) {
                    copyExactly(p, g);
                }
                if (name.startsWith("Frame ")) compact.add(b.toString(StandardCharsets.UTF_8));
            }
        }
        assertEquals(compact.size(), lines.length, what);
        for (int i = 0; i < lines.length; i++) assertEquals(compact.get(i), lines[i], what + " frame " + (i + 1));
        return lines.length;
    }

    /** Copies the value at the parser to the generator, numbers as their exact text. */
    private static void copyExactly(com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.core.JsonGenerator g) throws IOException {
        int depth = 0;
        do {
            switch (p.currentToken()) {
                case START_OBJECT -> { g.writeStartObject(); depth++; }
                case START_ARRAY -> { g.writeStartArray(); depth++; }
                case END_OBJECT -> { g.writeEndObject(); depth--; }
                case END_ARRAY -> { g.writeEndArray(); depth--; }
                case FIELD_NAME -> g.writeFieldName(p.currentName());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getText());
                default -> g.copyCurrentEvent(p);
            }
        } while (depth > 0 && p.nextToken() != null);
    }
}
