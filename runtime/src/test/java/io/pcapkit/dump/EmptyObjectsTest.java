package io.pcapkit.dump;

import static io.pcapkit.dump.Fixtures.at;
import static io.pcapkit.dump.Fixtures.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.ErrorKind;
import io.pcapkit.dissect.FrameSink;
import io.pcapkit.frame.Info;
import io.pcapkit.frame.InfoBuilder;
import io.pcapkit.gen.Ipv4Fields;
import io.pcapkit.gen.Protocols;
import io.pcapkit.gen.TcpFields;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A group or list item with no field to show leaves nothing in any output (not an empty object):
 * the empty line that ends HTTP's header lines is the list's last item, and a malformed field
 * can cut an item or group before its first value. Lists stay, empty or not: their length says
 * something.
 */
class EmptyObjectsTest {
    private static final List<String> FORMATS = List.of("ndjson", "json", "plist", "tree");
    /** An object with nothing in it, as each format would write one. */
    private static final Pattern EMPTY = Pattern.compile("\\{\\s*}|<dict>\\s*</dict>|<dict/>");

    @Test
    void httpHeaderListsEndWithTheLastHeaderLine() throws IOException {
        byte[] ndjson = Fixtures.dump(Fixtures.testdata("crafted/app_http.pcap"), "ndjson");
        Map<String, Object> first = map(Fixtures.json(new String(ndjson, StandardCharsets.UTF_8).split("\n")[0]));
        List<?> headers = (List<?>) at(first, "ethernet", "ipv4", "tcp", "http", "headers");
        assertEquals(5, headers.size(), headers.toString());
        assertEquals(Map.of("name", "X-Dup", "value", "two"), headers.get(4));
        String tree = new String(Fixtures.dump(Fixtures.testdata("crafted/app_http.pcap"), "tree"), StandardCharsets.UTF_8);
        String frame1 = tree.substring(0, tree.indexOf("Frame 2"));
        assertTrue(frame1.contains("[4]"), frame1);
        assertFalse(frame1.contains("[5]"), "no item for the empty line:\n" + frame1);
    }

    @Test
    void noFormatWritesAnEmptyObjectForTheCraftedCaptures() throws IOException {
        // HTTP headers and trailers, DNS questions cut at their first name, an MPLS label cut
        // whole, an OSPF LSA cut at its first field, an IPX address group cut at its first field
        for (String capture : List.of("app_http.pcap", "app_dns.pcap", "crafted_ethernet.pcap", "crafted_netproto.pcap", "crafted_tunnels.pcap")) {
            for (String format : FORMATS) {
                String text = new String(Fixtures.dump(Fixtures.testdata("crafted/" + capture), format), StandardCharsets.UTF_8);
                var m = EMPTY.matcher(text);
                assertFalse(m.find(), () -> capture + " as " + format + ": an empty object at " + m.start() + ": "
                        + text.substring(Math.max(0, m.start() - 200), Math.min(text.length(), m.end() + 50)));
            }
        }
    }

    @Test
    void aMalformedFieldBeforeAnItemsFirstValueLeavesTheListAndTheMalformedNode() throws IOException {
        String[] lines = new String(Fixtures.dump(Fixtures.testdata("crafted/app_dns.pcap"), "ndjson"), StandardCharsets.UTF_8).split("\n");
        // frame 20: one question announced, its name a pointer outside the message
        Map<String, Object> dns = map(at(map(Fixtures.json(lines[19])), "ethernet", "ipv4", "udp", "dns"));
        assertEquals(1L, dns.get("qdcount"));
        assertEquals(List.of(), dns.get("questions"));
        assertEquals("name", at(dns, "malformed", "field"));
    }

    /**
     * A TCP layer's options by hand: an item holding only an empty group (nothing shows), an item
     * holding an empty list (the list says there were none), an item with a value, then an item
     * whose group a failure cuts before its first value.
     */
    private static void optionsCutInTheLast(FrameSink s) {
        s.beginList(TcpFields.OPTIONS__ENTRIES);
        s.beginItem(TcpFields.OPTIONS__ENTRIES);
        s.beginGroup(TcpFields.G_FLAGS);
        s.endGroup(TcpFields.G_FLAGS);
        s.endItem(TcpFields.OPTIONS__ENTRIES);
        s.beginItem(TcpFields.OPTIONS__ENTRIES);
        s.beginList(TcpFields.SACK__BLOCKS);
        s.endList(TcpFields.SACK__BLOCKS);
        s.endItem(TcpFields.OPTIONS__ENTRIES);
        s.beginItem(TcpFields.OPTIONS__ENTRIES);
        s.number(TcpFields.OPTION__LENGTH, 4, 20, 1);
        s.endItem(TcpFields.OPTIONS__ENTRIES);
        s.beginItem(TcpFields.OPTIONS__ENTRIES);
        s.beginGroup(TcpFields.G_FLAGS);
        s.malformed(Protocols.get(Protocols.P_TCP), TcpFields.OPTION__LENGTH, 25, ErrorKind.TRUNCATED, "cut");
    }

    private static final List<Map<String, Object>> OPTIONS_SHOWN = List.of(Map.of("blocks", List.of()), Map.of("length", 4L));

    @Test
    void sinkCallsByHandInEveryFormat() throws IOException {
        for (String format : FORMATS) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (Dumper d = Dumpers.create(format, b, new DumpOptions())) {
                d.beginFrame(Fixtures.blankRecord(1));
                d.beginLayer(Protocols.get(Protocols.P_TCP), 0);
                optionsCutInTheLast(d);
                d.endFrame(new Chain());
            }
            String text = b.toString(StandardCharsets.UTF_8);
            assertFalse(EMPTY.matcher(text).find(), format + ":\n" + text);
            if (format.equals("ndjson") || format.equals("json")) {
                Map<String, Object> f = map(format.equals("json") ? at(Fixtures.json(text), "Frame 1") : Fixtures.json(text));
                Map<String, Object> tcp = map(f.get("tcp"));
                assertEquals(OPTIONS_SHOWN, tcp.get("options"), text);
                assertEquals("cut", at(tcp, "malformed", "reason"));
            }
        }
    }

    @Test
    void theFrameApiLeavesThemOutToo() throws IOException {
        try (CaptureReader r = CaptureInput.open(Fixtures.testdata("crafted/app_http.pcap"))) {
            PacketRecord rec = new PacketRecord();
            assertTrue(r.next(rec));
            InfoBuilder b = new InfoBuilder();
            new Dissector().dissect(rec, b);
            Info f = b.frame();
            List<?> headers = (List<?>) f.get("ethernet.ipv4.tcp.http.headers");
            assertEquals(5, headers.size(), f.toString());
        }
        InfoBuilder b = new InfoBuilder().reset();
        b.beginGroup(Ipv4Fields.G_FLAGS);
        b.endGroup(Ipv4Fields.G_FLAGS);
        optionsCutInTheLast(b);
        Info fields = b.fields();
        assertEquals(List.of("options", "malformed"), List.copyOf(fields.keySet()), "the empty group left out");
        assertEquals(OPTIONS_SHOWN, fields.get("options"));
    }
}
