package io.pcapkit.dissect.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.dissect.DissectContext;
import io.pcapkit.dissect.Limits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The HPACK processor against RFC 7541 Appendix C (every example, with and without Huffman coding,
 * the response examples with a 256-byte table that evicts), and its failures: bad indices, bad
 * Huffman padding, EOS in a string, integers and strings past the block, oversized size updates,
 * blocks split over CONTINUATION frames, and the per-flow, replay-safe state.
 */
class HpackTest {
    private static final long WHOLE = Hpack.END_HEADERS | Hpack.FIRST;

    /** Decodes blocks in order on one context (one flow direction); returns "name: value" lines per block. */
    private static final class Decoder {
        final DissectContext ctx = new DissectContext();
        final Output out = new Output(64);
        String failure;

        List<String> decode(String hex, long arg) {
            byte[] b = HexFormat.of().parseHex(hex.replace(" ", ""));
            out.clear();
            int r = Hpack.INSTANCE.process(ctx, ByteBuffer.wrap(b), 0, b.length, arg, out);
            failure = ctx.failure();
            if (r < 0) return List.of("ERROR " + r);
            return lines(out);
        }

        List<String> decode(String hex) {
            return decode(hex, WHOLE);
        }
    }

    /** The decoded form as lines: "name: value", or "size N" for a table size update. */
    static List<String> lines(Output o) {
        ByteBuffer b = o.buffer();
        List<String> out = new ArrayList<>();
        int p = 0;
        while (p < b.limit()) {
            int kind = b.get(p) & 0xff;
            if (kind == 4) {
                out.add("size " + b.getInt(p + 1));
                p += 5;
                continue;
            }
            p += 5; // kind, index
            int nl = b.getShort(p) & 0xffff;
            String name = new String(o.array(), p + 2, nl, StandardCharsets.UTF_8);
            p += 2 + nl;
            int vl = b.getInt(p);
            String value = new String(o.array(), p + 4, vl, StandardCharsets.UTF_8);
            p += 4 + vl;
            out.add(name + ": " + value);
        }
        return out;
    }

    /** An HPACK integer (section 5.1) with an n-bit prefix, as hex. */
    static String integer(long v, int n, int first) {
        StringBuilder b = new StringBuilder();
        int mask = (1 << n) - 1;
        if (v < mask) return String.format("%02x", first | v);
        b.append(String.format("%02x", first | mask));
        v -= mask;
        while (v >= 128) {
            b.append(String.format("%02x", (v & 0x7f) | 0x80));
            v >>= 7;
        }
        return b.append(String.format("%02x", v)).toString();
    }

    @Test
    void appendixC2SingleRepresentations() {
        Decoder d = new Decoder();
        assertEquals(List.of("custom-key: custom-header"), d.decode("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"));
        assertEquals(55, Hpack.table(d.ctx).size());
        Decoder e = new Decoder();
        assertEquals(List.of(":path: /sample/path"), e.decode("040c 2f73 616d 706c 652f 7061 7468"));
        assertEquals(0, Hpack.table(e.ctx).count(), "without indexing: not added");
        Decoder f = new Decoder();
        assertEquals(List.of("password: secret"), f.decode("1008 7061 7373 776f 7264 0673 6563 7265 74"));
        assertEquals(0, Hpack.table(f.ctx).count(), "never indexed: not added");
        assertEquals(List.of(":method: GET"), new Decoder().decode("82"));
    }

    @Test
    void appendixC3RequestsWithoutHuffman() {
        Decoder d = new Decoder();
        assertEquals(List.of(":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com"),
                d.decode("8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d"));
        assertEquals(57, Hpack.table(d.ctx).size());
        assertEquals(List.of(":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com", "cache-control: no-cache"),
                d.decode("8286 84be 5808 6e6f 2d63 6163 6865"));
        assertEquals(110, Hpack.table(d.ctx).size());
        assertEquals(List.of(":method: GET", ":scheme: https", ":path: /index.html", ":authority: www.example.com", "custom-key: custom-value"),
                d.decode("8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65"));
        assertEquals(164, Hpack.table(d.ctx).size());
        assertEquals(3, Hpack.table(d.ctx).count());
    }

    @Test
    void appendixC4RequestsWithHuffman() {
        Decoder d = new Decoder();
        assertEquals(List.of(":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com"),
                d.decode("8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff"));
        assertEquals(List.of(":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com", "cache-control: no-cache"),
                d.decode("8286 84be 5886 a8eb 1064 9cbf"));
        assertEquals(List.of(":method: GET", ":scheme: https", ":path: /index.html", ":authority: www.example.com", "custom-key: custom-value"),
                d.decode("8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf"));
        assertEquals(164, Hpack.table(d.ctx).size());
    }

    @Test
    void appendixC5ResponsesEvictWithA256ByteTable() {
        Decoder d = new Decoder();
        // the encoder's table is 256 bytes: a size update says so (the RFC's examples assume it)
        assertEquals(List.of("size 256"), d.decode("3fe1 01"));
        assertEquals(List.of(":status: 302", "cache-control: private", "date: Mon, 21 Oct 2013 20:13:21 GMT",
                "location: https://www.example.com"),
                d.decode("4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3120 474d"
                        + "546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d"));
        assertEquals(222, Hpack.table(d.ctx).size());
        assertEquals(List.of(":status: 307", "cache-control: private", "date: Mon, 21 Oct 2013 20:13:21 GMT",
                "location: https://www.example.com"), d.decode("4803 3330 37c1 c0bf"));
        assertEquals(222, Hpack.table(d.ctx).size(), ":status: 302 was evicted for :status: 307");
        assertEquals(4, Hpack.table(d.ctx).count());
        assertEquals(List.of(":status: 200", "cache-control: private", "date: Mon, 21 Oct 2013 20:13:22 GMT",
                "location: https://www.example.com", "content-encoding: gzip",
                "set-cookie: foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1"),
                d.decode("88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970 7738 666f"
                        + "6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630"
                        + "303b 2076 6572 7369 6f6e 3d31"));
        assertEquals(215, Hpack.table(d.ctx).size());
        assertEquals(3, Hpack.table(d.ctx).count());
    }

    @Test
    void appendixC6ResponsesWithHuffman() {
        Decoder d = new Decoder();
        d.decode("3fe1 01");
        assertEquals(List.of(":status: 302", "cache-control: private", "date: Mon, 21 Oct 2013 20:13:21 GMT",
                "location: https://www.example.com"),
                d.decode("4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad 1718"
                        + "63c7 8f0b 97c8 e9ae 82ae 43d3"));
        assertEquals(List.of(":status: 307", "cache-control: private", "date: Mon, 21 Oct 2013 20:13:21 GMT",
                "location: https://www.example.com"), d.decode("4883 640e ffc1 c0bf"));
        assertEquals(List.of(":status: 200", "cache-control: private", "date: Mon, 21 Oct 2013 20:13:22 GMT",
                "location: https://www.example.com", "content-encoding: gzip",
                "set-cookie: foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1"),
                d.decode("88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2 e6c7"
                        + "b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07"));
        assertEquals(215, Hpack.table(d.ctx).size());
    }

    @Test
    void badIndicesAndStringsAreInvalidNotExceptions() {
        assertEquals(List.of("ERROR " + Processor.INVALID), new Decoder().decode("80"), "index 0");
        Decoder d = new Decoder();
        assertEquals(List.of("ERROR " + Processor.INVALID), d.decode("be"), "index 62 with an empty dynamic table");
        assertTrue(d.failure.contains("beyond the tables"), d.failure);
        assertEquals(List.of("ERROR " + Processor.INVALID), new Decoder().decode("7f0f 00"), "name index 78");
        // 'a' is 00011 (5 bits): three padding bits 000 are not EOS's ones
        assertEquals(List.of("ERROR " + Processor.INVALID), new Decoder().decode("41 81 18"));
        // a whole byte of padding (8 ones) is too long
        assertEquals(List.of("ERROR " + Processor.INVALID), new Decoder().decode("41 82 1f ff"));
        // EOS itself (30 ones) inside a string
        assertEquals(List.of("ERROR " + Processor.INVALID), new Decoder().decode("41 84 ff ff ff ff"));
        assertEquals(List.of("ERROR " + Processor.TRUNCATED), new Decoder().decode("41 0a 61 62"), "a string past the block");
        assertEquals(List.of("ERROR " + Processor.TRUNCATED), new Decoder().decode("ff"), "an integer past the block");
        assertEquals(List.of("ERROR " + Processor.INVALID), new Decoder().decode("ff 80 80 80 80 80 80 80 01"), "an integer too long");
        assertEquals(List.of("ERROR " + Processor.LIMIT_EXCEEDED), new Decoder().decode(integer(Limits.MAX_HPACK_TABLE_SIZE + 1, 5, 0x20)),
                "a size update over the limit");
    }

    @Test
    void aHugeEntryRepeatedCannotBlowUpTheDecodedList() {
        Decoder d = new Decoder();
        // a 60,000-byte value in the table (size update to the limit first), then 10 references to it
        StringBuilder hex = new StringBuilder(integer(Limits.MAX_HPACK_TABLE_SIZE, 5, 0x20));
        hex.append("40").append("0178").append(integer(60_000, 7, 0)).append("61".repeat(60_000)); // x: aaaa...
        d.decode(hex.toString());
        assertEquals(1, Hpack.table(d.ctx).count());
        assertEquals(List.of("ERROR " + Processor.LIMIT_EXCEEDED), d.decode("be".repeat(10)));
        assertTrue(d.failure.contains(String.valueOf(Limits.MAX_DECODED_HEADERS)), d.failure);
    }

    @Test
    void aBlockSplitOverContinuationFramesIsDecodedWhenItEnds() {
        Decoder d = new Decoder();
        String block = "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d".replace(" ", "");
        // HEADERS without END_HEADERS, cut inside the :authority literal
        assertEquals(List.of(), d.decode(block.substring(0, 14), Hpack.FIRST));
        assertEquals(List.of(":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com"),
                d.decode(block.substring(14), Hpack.END_HEADERS));
        assertEquals(1, Hpack.table(d.ctx).count());
        // a new block drops one never finished
        assertEquals(List.of(), d.decode("82", Hpack.FIRST));
        assertEquals(List.of(":method: GET"), d.decode("82", WHOLE));
    }

    @Test
    void aReplayedFrameChangesTheTableOnce() {
        DissectContext ctx = new DissectContext();
        byte[] b = HexFormat.of().parseHex("400a637573746f6d2d6b65790d637573746f6d2d686561646572");
        ctx.beginLayer(0);
        int n1 = ctx.process(Hpack.INSTANCE, ByteBuffer.wrap(b), 0, b.length, WHOLE);
        ctx.beginLayer(0); // the dissector replays the layer into its sink
        int n2 = ctx.process(Hpack.INSTANCE, ByteBuffer.wrap(b), 0, b.length, WHOLE);
        assertEquals(n1, n2);
        assertEquals(1, Hpack.table(ctx).count(), "added once, not twice");
    }
}
