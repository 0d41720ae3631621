package io.pcapkit.dissect.prim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kaitai.struct.ByteBufferKaitaiStream;
import io.kaitai.struct.KaitaiStream;
import io.pcapkit.dissect.BoundedKaitaiStream;
import io.pcapkit.dissect.Limits;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The {@code dns_name} primitive: in-place lengths, pointers, rendering, and every way a name can
 * be bad (loops, chains past the hop limit, pointers outside the message, label types, names over
 * 255 octets, names cut short), in both implementations: the fast codecs' scan/render and the
 * Kaitai adapter's struct, which must agree.
 */
class DnsNameTest {
    /** A message: 12 bytes of header, then the given bytes. */
    private static byte[] msg(int... tail) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[12]);
        for (int x : tail) b.write(x);
        return b.toByteArray();
    }

    private static int[] labels(String name) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String l : name.split("\\.")) {
            b.write(l.length());
            b.writeBytes(l.getBytes());
        }
        b.write(0);
        byte[] a = b.toByteArray();
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] & 0xff;
        return out;
    }

    private static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) n += p.length;
        int[] out = new int[n];
        int k = 0;
        for (int[] p : parts) for (int x : p) out[k++] = x;
        return out;
    }

    /** Scans and renders the name at {@code at} with the fast code; "ERROR n" on a failure. */
    private static String fast(byte[] m, int at) {
        ByteBuffer b = ByteBuffer.wrap(m);
        int r = DnsName.scan(b, 0, m.length, at, m.length);
        if (r < 0) return "ERROR " + r;
        StringBuilder s = new StringBuilder();
        DnsName.render(s, b, 0, m.length, at, r - at);
        return s + " @" + r;
    }

    /** The same through the Kaitai adapter's struct. */
    private static String kaitai(byte[] m, int at) {
        KaitaiStream message = new BoundedKaitaiStream(ByteBuffer.wrap(m));
        message.seek(at);
        try {
            DnsNameStruct n = new DnsNameStruct(message, new ByteBufferKaitaiStream(m));
            return n.text() + " @" + message.pos();
        } catch (DnsNameStruct.InvalidName e) {
            return "INVALID " + e.getMessage();
        } catch (BoundedKaitaiStream.Truncated e) {
            return "ERROR " + DnsName.TRUNCATED;
        }
    }

    private static void both(String expected, byte[] m, int at) {
        assertEquals(expected, fast(m, at));
        if (expected.startsWith("ERROR") && !expected.equals("ERROR " + DnsName.TRUNCATED)) {
            assertEquals("INVALID " + DnsName.reason(Integer.parseInt(expected.substring(6))), kaitai(m, at));
        } else {
            assertEquals(expected, kaitai(m, at));
        }
    }

    /** One label of the given octets, rendered by both implementations. */
    private static String oneLabel(int... octets) {
        int[] m = new int[octets.length + 2];
        m[0] = octets.length;
        System.arraycopy(octets, 0, m, 1, octets.length);
        String r = fast(msg(m), 12);
        assertEquals(r, kaitai(msg(m), 12));
        return r.substring(0, r.lastIndexOf(" @"));
    }

    /**
     * Octets above 0x7f as tshark 4.0 shows them (conformance-fuzz seeds 80 and 81 found the
     * first two): a lead byte takes the continuation bytes it announces and a broken sequence is
     * one U+FFFD, not one per octet; a character that is not printable is shown by its number.
     */
    @Test
    void octetsAboveAsciiAreShownAsWiresharkShowsThem() {
        // f8 (an old 5-byte lead) takes a9 a6 and breaks at fa, which takes a3 and breaks at 17
        assertEquals("H\ufffd\ufffd\\027", oneLabel('H', 0xf8, 0xa9, 0xa6, 0xfa, 0xa3, 0x17));
        // e0 breaks at db, which breaks at '('
        assertEquals("\ufffd\ufffd(", oneLabel(0xe0, 0xdb, '('));
        // U+05FA is unassigned: shown by its number; U+2019 is printable; U+200B is a format character
        assertEquals("\\u05FA\u2019\\u200B", oneLabel(0xd7, 0xba, 0xe2, 0x80, 0x99, 0xe2, 0x80, 0x8b));
        // a stray continuation byte, fe, a sequence cut by the label's end
        assertEquals("\ufffd\ufffd\ufffd", oneLabel(0x80, 0xfe, 0xe2, 0x80));
        // a surrogate's encoding is no character; an overlong 'A' is 'A'; an overlong NUL is shown by its number
        assertEquals("\ufffdA\\u0000", oneLabel(0xed, 0xa0, 0x80, 0xc1, 0x81, 0xc0, 0x80));
        // a character beyond the BMP that is printable, and one that is not (a tag character)
        assertEquals("\ud83d\udca9\\U000E0001", oneLabel(0xf0, 0x9f, 0x92, 0xa9, 0xf3, 0xa0, 0x80, 0x81));
    }

    @Test
    void plainAndCompressedNames() {
        byte[] m = msg(concat(labels("www.example.com"), new int[] {3, 'f', 't', 'p', 0xc0, 16}, new int[] {0xc0, 12}));
        both("www.example.com @29", m, 12);
        both("ftp.example.com @35", m, 29);
        both("www.example.com @37", m, 35);
        both("<Root> @1", new byte[] {0}, 0);
    }

    @Test
    void pointerChainsAreFollowedUpToTheHopLimit() {
        // name 0 at 12, then pointers each to the one before: the last is MAX hops from the labels
        int[] tail = labels("a");
        int n = Limits.MAX_DNS_POINTER_HOPS;
        int[] chain = new int[2 * n];
        for (int i = 0; i < n; i++) {
            int target = i == 0 ? 12 : 12 + tail.length + 2 * (i - 1);
            chain[2 * i] = 0xc0 | (target >> 8);
            chain[2 * i + 1] = target & 0xff;
        }
        byte[] m = msg(concat(tail, chain));
        int last = 12 + tail.length + 2 * (n - 1);
        both("a @" + (last + 2), m, last);
        // one more pointer in front is one hop too many: shown as a loop, as Wireshark does, its
        // extent (the two bytes of the pointer) known
        byte[] longer = msg(concat(tail, chain, new int[] {0xc0 | (last >> 8), last & 0xff}));
        both(DnsName.LOOP_TEXT + " @" + (last + 4), longer, last + 2);
    }

    /** As in Wireshark: a loop is a note in the name's place, and what follows the name is read. */
    @Test
    void loopsAreShownAsANote() {
        both(DnsName.LOOP_TEXT + " @14", msg(0xc0, 12), 12);                         // points at itself
        both(DnsName.LOOP_TEXT + " @16", msg(1, 'a', 0xc0, 16, 1, 'b', 0xc0, 12), 12); // a -> b -> a
        both(DnsName.LOOP_TEXT + " @20", msg(1, 'a', 0xc0, 16, 1, 'b', 0xc0, 12), 16); // b -> a -> b
        // a 63-octet label and a pointer back to it: too long after four rounds, but a loop is
        // what Wireshark names
        int[] big = new int[66];
        big[0] = 63;
        java.util.Arrays.fill(big, 1, 64, 'x');
        big[64] = 0xc0;
        big[65] = 12;
        both(DnsName.LOOP_TEXT + " @78", msg(big), 12);
    }

    @Test
    void badPointersAndLabelsAreMalformed() {
        both("ERROR " + DnsName.BAD_POINTER, msg(1, 'a', 0xc1, 0xf4), 12);      // offset 500 of a 16-byte message
        both("ERROR " + DnsName.BAD_LABEL, msg(0x41, 'a', 'b', 'c', 0), 12);     // extended label type
        both("ERROR " + DnsName.BAD_LABEL, msg(0x80, 0), 12);                    // reserved label type
        both("ERROR " + DnsName.TRUNCATED, msg(5, 'a', 'b'), 12);                // label past the end
        both("ERROR " + DnsName.TRUNCATED, msg(1, 'a'), 12);                     // no terminating zero
        both("ERROR " + DnsName.TRUNCATED, msg(0xc0), 12);                       // half a pointer
    }

    /**
     * As tshark 4.0 reads them (conformance-fuzz seeds 101-103): an extended label of unknown type
     * after a label ends the name, shown as a note, right after that byte; as the name's first
     * byte, or reached through a pointer, it is a bad label; 0x41 (bit labels) is no unknown type.
     */
    @Test
    void unknownExtendedLabelsEndTheNameAfterALabel() {
        both(DnsName.EXTENDED_TEXT + " @17", msg(3, 'a', 'b', 'c', 0x45, 0, 1), 12);
        both(DnsName.EXTENDED_TEXT + " @15", msg(1, 'z', 0x7f), 12);
        both("ERROR " + DnsName.BAD_LABEL, msg(0x45, 0), 12);
        both("ERROR " + DnsName.BAD_LABEL, msg(1, 'y', 0x60, 1, 'x', 0xc0, 14), 15); // through a pointer
        both("ERROR " + DnsName.BAD_LABEL, msg(1, 'y', 0x41, 8, 0xff, 0), 12);
    }

    /** As in Wireshark: a name over 255 octets is a note in its place, its extent on the wire known. */
    @Test
    void namesOver255OctetsAreShownAsANote() {
        String l63 = "a".repeat(63);
        // 3 x 64 + 62 + 1 = 255 octets: the longest name
        both(String.join(".", l63, l63, l63, "b".repeat(61)) + " @" + (12 + 255), msg(labels(String.join(".", l63, l63, l63, "b".repeat(61)))), 12);
        both(DnsName.TOO_LONG_TEXT + " @" + (12 + 256), msg(labels(String.join(".", l63, l63, l63, "b".repeat(62)))), 12);
        // the same through a pointer: in place 128 octets, the rest pointed to
        int[] suffix = labels(String.join(".", l63, "b".repeat(63)));
        int[] prefix = labels(String.join(".", l63, "c".repeat(63)));
        int[] head = java.util.Arrays.copyOf(prefix, prefix.length - 1);
        byte[] m = msg(concat(suffix, head, new int[] {0xc0, 12}));
        both(DnsName.TOO_LONG_TEXT + " @" + (12 + suffix.length + head.length + 2), m, 12 + suffix.length);
    }

    @Test
    void labelsAreShownAsWiresharkShowsThem() {
        StringBuilder s = new StringBuilder();
        byte[] odd = "a\nb\tc d\u007fe\\f".getBytes();
        DnsName.label(s, ByteBuffer.wrap(odd), 0, odd.length);
        assertEquals("a\\nb\\tc d\\177e\\f", s.toString());
        s.setLength(0);
        DnsName.label(s, ByteBuffer.wrap(new byte[] {(byte) 0xc3, (byte) 0xa9, 'A', 0x1b}), 0, 4);
        assertEquals("\u00e9A\\033", s.toString());
    }

    @Test
    void theKaitaiStructRejectsWithTheSameReasons() {
        KaitaiStream own = new ByteBufferKaitaiStream(msg(1, 'a', 0xc1, 0xf4));
        own.seek(12);
        DnsNameStruct.InvalidName e = assertThrows(DnsNameStruct.InvalidName.class,
                () -> new DnsNameStruct(own, new ByteBufferKaitaiStream(msg(1, 'a', 0xc1, 0xf4))));
        assertEquals(DnsName.reason(DnsName.BAD_POINTER), e.getMessage());
    }
}
