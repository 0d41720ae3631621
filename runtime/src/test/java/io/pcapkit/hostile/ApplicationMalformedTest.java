package io.pcapkit.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.DecodeAs;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.prim.DnsName;
import io.pcapkit.frame.Info;
import io.pcapkit.frame.InfoBuilder;
import io.pcapkit.testing.Corpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The malformed application inputs of {@code testdata/crafted/app_*.pcap} (see FRAMES-app.tsv):
 * each gives a malformed node in the right protocol with the right kind, the fields before it, and
 * no exception, in the fast codecs and in the Kaitai-backed ones.
 */
class ApplicationMalformedTest {

    private static List<Info> frames(String capture, boolean reference, String decodeAs) throws IOException {
        DissectOptions o = new DissectOptions().reference(reference);
        if (decodeAs != null) DecodeAs.add(o, decodeAs);
        Dissector d = new Dissector(o);
        InfoBuilder b = new InfoBuilder();
        List<Info> out = new ArrayList<>();
        Path file = Corpus.repoRoot().resolve("testdata/crafted").resolve(capture);
        try (CaptureReader r = CaptureInput.open(file)) {
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) {
                d.dissect(rec, b);
                out.add(b.frame());
            }
        }
        return out;
    }

    /** The malformed node of a frame record (nested in its last layer), or null. */
    private static Info malformed(Info frame) {
        Info cur = frame;
        for (int depth = 0; depth < 64 && cur != null; depth++) {
            if (cur.info("malformed") != null) return cur.info("malformed");
            Info next = null;
            for (var e : cur.entrySet()) if (e.getValue() instanceof Info i && !e.getKey().equals("malformed")) next = i;
            cur = next;
        }
        return null;
    }

    private static void expect(List<Info> frames, int number, String protocol, String reasonStart, String reasonPart) {
        Info m = malformed(frames.get(number - 1));
        assertNotNull(m, "frame " + number + " is malformed: " + frames.get(number - 1));
        assertEquals(protocol, m.string("protocol"), "frame " + number);
        String why = m.string("reason");
        assertTrue(why != null && why.startsWith(reasonStart) && why.contains(reasonPart), "frame " + number + ": " + why);
    }

    @Test
    void dnsNamesThatLieAreMalformed() throws IOException {
        List<Info> f = frames("app_dns.pcap", false, null);
        expect(f, 20, "DNS", "invalid", "outside the message");  // a pointer past the end
        expect(f, 21, "DNS", "invalid", "label type");           // 0x40
        expect(f, 22, "DNS", "truncated", "");                   // ancount 5, one record
        expect(f, 23, "DNS", "truncated", "");                   // rdlength past the message
        expect(f, 17, "DNS", "truncated", "");                   // TCP length past the segment
        // the header's fields come before the malformed node
        Info dns = f.get(19).info("ethernet").info("ipv4").info("udp").info("dns");
        assertEquals(0x3003L, dns.get("id"));
        for (Info frame : frames("app_dns.pcap", true, null)) assertNotNull(frame.get("protocols"), "the reference codecs too");
        List<Info> ref = frames("app_dns.pcap", true, null);
        for (int n : new int[] {17, 20, 21, 22, 23}) assertNotNull(malformed(ref.get(n - 1)), "reference, frame " + n);
    }

    /**
     * As in Wireshark: a name whose pointers loop, or that is over 255 octets, is a note in the
     * name's place, and the question goes on to its type and class (the name's extent is known).
     */
    @Test
    void dnsNamesThatLoopOrRunTooLongAreNotesAndTheRecordGoesOn() throws IOException {
        for (boolean reference : new boolean[] {false, true}) {
            List<Info> f = frames("app_dns.pcap", reference, null);
            for (int n : new int[] {18, 19, 24}) {
                Info frame = f.get(n - 1);
                assertNull(malformed(frame), "frame " + n + " (reference " + reference + "): " + frame);
                Info dns = frame.info("ethernet").info("ipv4").info("udp").info("dns");
                @SuppressWarnings("unchecked")
                Info q = (Info) dns.list("questions").get(0);
                assertEquals(n == 24 ? DnsName.TOO_LONG_TEXT : DnsName.LOOP_TEXT, q.string("name"), "frame " + n);
                assertEquals(1L, q.number("type"), "frame " + n);
            }
        }
    }

    @Test
    void http2FramesAndHpackBlocksThatLieAreMalformed() throws IOException {
        for (boolean reference : new boolean[] {false, true}) {
            List<Info> f = frames("app_http2.pcap", reference, "tcp.port==8097,http2");
            expect(f, 13, "HTTP/2", "invalid", reference ? "" : "beyond the tables");
            expect(f, 14, "HTTP/2", "invalid", reference ? "" : "Huffman");
            expect(f, 15, "HTTP/2", "truncated", "");
        }
        // the frames after a malformed block still decode: its flow's table is unchanged
        List<Info> f = frames("app_http2.pcap", false, "tcp.port==8097,http2");
        assertTrue(f.get(15).string("protocols").endsWith("HTTP/2"), f.get(15).string("protocols"));
    }

    @Test
    void httpAndFtpMessagesCutOrBroken() throws IOException {
        List<Info> h = frames("app_http.pcap", false, null);
        expect(h, 10, "HTTP/1.1", "truncated", "");      // Content-Length past the segment
        expect(h, 13, "HTTP-Chunked", "truncated", "");  // a chunk cut
        expect(h, 23, "HTTP/1.1", "invalid", "0x3a");    // a header line without a colon: not a cut, a bad line
        expect(h, 24, "HTTP/1.1", "truncated", "");      // a header block cut
        expect(h, 28, "HTTP/1.1", "invalid", "0x3a");    // a folded header line (obs-fold): rejected, as RFC 9112 lets a recipient
        List<Info> f = frames("app_ftp.pcap", false, null);
        expect(f, 16, "FTP", "truncated", "");           // no CRLF yet
    }
}
