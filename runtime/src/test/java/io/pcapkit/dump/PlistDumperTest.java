package io.pcapkit.dump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dd.plist.NSArray;
import com.dd.plist.NSDate;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.PropertyListParser;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Field;
import io.pcapkit.dissect.FieldKind;
import io.pcapkit.dissect.Format;
import io.pcapkit.gen.Protocols;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The PLIST output parsed back with dd-plist. */
class PlistDumperTest {
    private static NSDictionary parse(byte[] plist) throws Exception {
        NSObject o = PropertyListParser.parse(plist);
        return assertInstanceOf(NSDictionary.class, o);
    }

    private static NSDictionary dict(NSObject o, String... keys) {
        NSObject v = o;
        for (String k : keys) v = ((NSDictionary) v).objectForKey(k);
        return assertInstanceOf(NSDictionary.class, v);
    }

    @Test
    void parsesBackWithTypedValues() throws Exception {
        byte[] out = Fixtures.dump(Fixtures.testdata("crafted-mix.pcap"), "plist");
        String text = new String(out, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                + "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n<plist version=\"1.0\">"), text.substring(0, 200));
        NSDictionary root = parse(out);
        assertEquals(17, root.count());
        assertTrue(root.containsKey("Global Header"));
        NSDictionary f = dict(root, "Frame 1");
        assertEquals("Ethernet:IPv4:TCP", f.objectForKey("protocols").toJavaObject());
        assertEquals(74, ((NSNumber) f.objectForKey("cap_len")).intValue());
        NSNumber epoch = (NSNumber) f.objectForKey("time_epoch");
        assertEquals(NSNumber.REAL, epoch.type());
        assertEquals(1700000000.123456, epoch.doubleValue(), 1e-6);
        assertTrue(text.contains("<real>1700000000.123456</real>"), "the exact digits are in the file");
        NSDate date = assertInstanceOf(NSDate.class, f.objectForKey("time"));
        assertEquals(Instant.parse("2023-11-14T22:13:20Z"), date.getDate().toInstant(), "a plist date holds whole seconds");
        NSDictionary ip = dict(f, "ethernet", "ipv4");
        NSDictionary proto = dict(ip, "proto");
        assertEquals(6, ((NSNumber) proto.objectForKey("value")).intValue());
        assertEquals("TCP", proto.objectForKey("name").toJavaObject());
        assertEquals(Boolean.TRUE, dict(ip, "flags").objectForKey("df").toJavaObject());
        assertEquals("198.51.100.2", ip.objectForKey("dst").toJavaObject());
        NSArray options = (NSArray) dict(ip, "tcp").objectForKey("options");
        assertEquals(1460, ((NSNumber) ((NSDictionary) options.objectAtIndex(0)).objectForKey("mss")).intValue());
        NSDictionary bad = dict(root, "Frame 15", "ethernet", "ipv4", "malformed");
        assertEquals("hdr_len", bad.objectForKey("field").toJavaObject());
        assertEquals(14, ((NSNumber) bad.objectForKey("offset")).intValue());
    }

    @Test
    void pcapngHeaderWithInterfaces() throws Exception {
        NSDictionary root = parse(Fixtures.dump(Fixtures.testdata("mixed-linktypes.pcapng"), "plist"));
        NSArray ifaces = (NSArray) dict(root, "Global Header").objectForKey("interfaces");
        assertEquals(2, ifaces.count());
        assertEquals(113, ((NSNumber) dict(ifaces.objectAtIndex(1), "linktype").objectForKey("value")).intValue());
        assertEquals(1, ((NSNumber) dict(root, "Frame 17").objectForKey("interface")).intValue());
        assertEquals("SLL:IPv4:UDP:DNS", dict(root, "Frame 17").objectForKey("protocols").toJavaObject());
    }

    @Test
    void textXmlCannotCarryIsReplacedAndNullIsLeftOut() throws Exception {
        Field text = new Field(0, "comment", "comment", FieldKind.BYTES, Format.TEXT, "test");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (Dumper d = Dumpers.create("plist", b, new DumpOptions())) {
            PacketRecord r = new PacketRecord();
            byte[] data = "a\u0001b<&>\u0000".getBytes(StandardCharsets.UTF_8);
            r.buffer = ByteBuffer.wrap(data);
            r.capLen = data.length;
            r.origLen = data.length;
            r.number = 1;
            d.beginFrame(r);
            d.beginLayer(Protocols.get(Protocols.P_ETHERNET), 0);
            d.bytes(text, r.buffer, 0, data.length);
            d.malformed(Protocols.get(Protocols.P_IPV4), null, 14, io.pcapkit.dissect.ErrorKind.INVALID, "bad");
            d.endFrame(new Chain());
        }
        NSDictionary eth = dict(parse(b.toByteArray()), "Frame 1", "ethernet");
        assertEquals("a\ufffdb<&>\ufffd", eth.objectForKey("comment").toJavaObject());
        NSDictionary bad = dict(eth, "malformed");
        assertFalse(bad.containsKey("field"), "a plist has no null: the key is left out");
        assertEquals("bad", bad.objectForKey("reason").toJavaObject());
    }

    @Test
    void sameRecordAsJson() throws Exception {
        // every scalar of the JSON record appears with the same value in the plist (dates aside)
        java.util.Map<String, Object> json = Fixtures.map(Fixtures.json(Fixtures.dump(Fixtures.testdata("http-loopback.pcap"), "json")));
        NSDictionary root = parse(Fixtures.dump(Fixtures.testdata("http-loopback.pcap"), "plist"));
        assertEquals(json.keySet(), root.keySet());
        for (String k : json.keySet()) compare(k, json.get(k), root.objectForKey(k));
    }

    private static void compare(String path, Object json, NSObject plist) {
        if (path.endsWith(".time")) return;
        if (json instanceof java.util.Map<?, ?> m) {
            NSDictionary d = assertInstanceOf(NSDictionary.class, plist, path);
            assertEquals(m.keySet(), d.keySet(), path);
            for (var e : m.entrySet()) compare(path + "." + e.getKey(), e.getValue(), d.objectForKey((String) e.getKey()));
        } else if (json instanceof java.util.List<?> l) {
            NSArray a = assertInstanceOf(NSArray.class, plist, path);
            assertEquals(l.size(), a.count(), path);
            for (int i = 0; i < l.size(); i++) compare(path + "[" + i + "]", l.get(i), a.objectAtIndex(i));
        } else if (json instanceof java.math.BigDecimal d) {
            assertEquals(d.doubleValue(), ((NSNumber) plist).doubleValue(), 1e-9, path);
        } else if (json instanceof Long n) {
            assertEquals(n.longValue(), ((NSNumber) plist).longValue(), path);
        } else {
            assertEquals(json, plist.toJavaObject(), path);
        }
    }

    @Test
    void bytesAsHexString() throws Exception {
        NSDictionary root = parse(Fixtures.dump(Fixtures.testdata("crafted-mix.pcap"), "plist", new DumpOptions().bytes(true)));
        byte[] frame = Fixtures.records(Fixtures.testdata("crafted-mix.pcap")).get(0).bytes();
        assertArrayEquals(frame, java.util.HexFormat.of().parseHex((String) dict(root, "Frame 1").objectForKey("packet").toJavaObject()));
    }
}
