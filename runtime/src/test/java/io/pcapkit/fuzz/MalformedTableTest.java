package io.pcapkit.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.ErrorKind;
import io.pcapkit.dissect.Field;
import io.pcapkit.dissect.FieldSinkAdapter;
import io.pcapkit.dissect.LayerCodec;
import io.pcapkit.dissect.Limits;
import io.pcapkit.dissect.Protocol;
import io.pcapkit.frame.InfoBuilder;
import io.pcapkit.gen.Protocols;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The malformed-input table, for every protocol of the generated table (a new grammar joins it
 * with no Java, given a valid instance: see {@link Instances}). From each valid instance:
 *
 * <ul>
 *   <li>truncation at every byte: a malformed node of kind TRUNCATED, in the layer whose header
 *       the cut falls in, the layers before it unchanged;
 *   <li>every field of the layer's header set to zero, to one and to its maximum (all bits set):
 *       a length of zero or one is the option that does not advance, a maximal one the length
 *       that lies past the bytes present. Each gives a typed result that the Kaitai-backed
 *       reference parser agrees with (same layers, failing in the same protocol), the same in
 *       the one-pass streaming walk, and a malformed node that names a field.
 * </ul>
 *
 * Deep nesting (IP in IP in IP, stacked VLANs, chained IPv6 extension headers) is tabled in
 * {@link #nesting}; self-referencing DNS names in {@link #selfReferencingDnsNames}, which runs once
 * a DNS grammar exists.
 */
class MalformedTableTest {
    /** A whole grammar's table, all instances, must finish in this (it takes milliseconds). */
    private static final Duration PER_PROTOCOL = Duration.ofSeconds(30);

    private static Map<Integer, List<Instances.Instance>> instances;

    private final Dissector fast = Roots.dissector(false);
    private final Dissector reference = Roots.dissector(true);
    private final InfoBuilder sink = new InfoBuilder();

    @BeforeAll
    static void findInstances() throws IOException {
        instances = Instances.find();
    }

    static Stream<Protocol> protocols() {
        return Protocols.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void everyGrammar(Protocol p) {
        List<Instances.Instance> list = instances.getOrDefault(p.id, List.of());
        if (list.isEmpty()) {
            fail(Entry.token(p) + " (grammar " + p.grammar + ") has no valid instance: add a frame carrying it to a capture in testdata/, or a seed "
                    + "file to runtime/src/test/resources/io/pcapkit/fuzz/GrammarFuzzTestInputs/ that starts with the length byte and the "
                    + "name \"" + Entry.token(p) + "\" (see io.pcapkit.fuzz.Entry)");
        }
        Map<String, Integer> row = new TreeMap<>();
        assertTimeoutPreemptively(PER_PROTOCOL, () -> {
            for (Instances.Instance i : list) {
                truncations(i, row);
                fields(i, row);
            }
        }, Entry.token(p));
        System.out.printf("malformed table %-10s %d instances: %s%n", Entry.token(p), list.size(), row);
    }

    private PacketRecord record(byte[] b, int len, Protocol p) {
        return Roots.record(b, 0, len, Roots.linkType(p));
    }

    /** Every cut of a valid instance: TRUNCATED in the layer the cut falls in. */
    private void truncations(Instances.Instance in, Map<String, Integer> row) {
        Protocol p = in.protocol();
        byte[] b = in.bytes();
        Chain full = Roots.dissect(fast, record(b, b.length, p), null, false).snapshot();
        for (int len = 0; len < b.length; len++) {
            String what = in + " cut to " + len + " bytes";
            Chain c = compare(what, record(b, len, p));
            int k = 0;
            while (k < full.size() && full.headerEnd(k) <= len) k++;
            // the layers whose headers the cut spares are found again, in the same places
            for (int i = 0; i < Math.min(k, c.size()); i++) {
                assertEquals(full.protocolId(i), c.protocolId(i), what);
                assertEquals(full.headerEnd(i), c.headerEnd(i), what);
            }
            String why = what + ": " + Checks.describe(c) + " (" + c.malformedReason() + ")";
            String spared = sparedCut(full, c, k, len);
            if (spared != null) {
                row.merge(spared, 1, Integer::sum);
                continue;
            }
            if (k < full.size()) assertTrue(c.isMalformed(), what + ": the header of " + full.protocol(k) + " is cut, yet " + Checks.describe(c));
            if (c.isMalformed()) {
                assertEquals(ErrorKind.TRUNCATED, c.malformedKind(), why);
                // the layer the cut falls in fails, or a transparent one before it that peeks into
                // the next header (raw IP's version nibble)
                int m = c.size();
                assertTrue(m < full.size() && m <= k, why);
                for (int j = m; j < Math.min(k, full.size()); j++) {
                    assertTrue(full.protocol(j).transparent, why + ": " + full.protocol(j) + " failed before the cut header");
                }
                if (k == full.size()) assertTrue(full.protocol(m).transparent, why);
                assertEquals(full.protocol(m), c.malformedProtocol(), why);
                row.merge("truncated", 1, Integer::sum);
            } else {
                row.merge("cut payload", 1, Integer::sum);
            }
        }
    }

    /**
     * The cuts that are not a truncation by the dissector's rules, or null: each is a typed,
     * documented outcome rather than a malformed node. Named for the table's row.
     *
     * <ul>
     *   <li>"empty payload": the cut falls exactly where layer {@code k} starts and its parent
     *       does not dispatch an empty payload ({@code next-when-empty: false}: UDP, TCP, FTP);
     *   <li>"quote ends": the cut falls inside a quoted datagram (an ICMP error's), which may end
     *       in any header: the layer it ends in is marked truncated, or the quote ends with a
     *       header;
     *   <li>"not recognised": layer {@code k} is found by content (a heuristic, or a port guarded
     *       by one, or a pseudo layer's peek at it) and what is left of it no longer looks like
     *       it: the bytes stay raw;
     *   <li>"to the end": layer {@code k}'s header runs to the end of its bytes (a
     *       {@code size-eos} field: ESP's encrypted data), so a cut only shortens it;
     *   <li>"payload required": layer {@code m}'s header is whole but the payload its length
     *       field announces is cut ({@code payload-required}: an HTTP body).
     * </ul>
     */
    private static String sparedCut(Chain full, Chain c, int k, int len) {
        if (k >= full.size() || !sameLayers(full, c, k)) return payloadRequired(full, c, len);
        if (c.isMalformed()) return payloadRequired(full, c, len);
        if (k > 0 && len == full.start(k) && c.size() == k && !full.protocol(k - 1).nextWhenEmpty) return "empty payload";
        if (full.quoteStart() >= 0 && k >= full.quoteStart()) {
            if (c.isTruncated() && c.size() == k + 1 && c.truncatedProtocol() == full.protocol(k)) return "quote ends";
            if (len == full.start(k) && c.size() == k) return "quote ends";
        }
        // a pseudo layer that peeks at the next header (UDPENCAP's non-ESP marker) decides by content
        if (k > 0 && full.protocol(k - 1).transparent && c.size() == k) return "not recognised";
        Protocol pk = full.protocol(k);
        if ((pk.heuristic || pk.guard) && c.size() == k && c.hasRaw()) return "not recognised";
        // fewer bytes than it takes to tell (the grammar's declines with short: L2TP's version)
        if (c.size() == k && len - full.start(k) < pk.declinesBytes) return "too short to tell";
        if (c.size() > k && c.protocolId(k) == full.protocolId(k) && c.headerEnd(k) == len && full.headerEnd(k) == full.payloadEnd(k)) return "to the end";
        return null;
    }

    private static String payloadRequired(Chain full, Chain c, int len) {
        if (!c.isMalformed() || c.malformedKind() != ErrorKind.TRUNCATED || c.malformedField() == null) return null;
        int m = c.size();
        if (m >= full.size() || full.protocolId(m) != c.malformedProtocol().id || c.malformedOffset() != full.headerEnd(m)) return null;
        boolean payloadField = c.malformedField().name.equals("payload_length");
        return payloadField && full.headerEnd(m) <= len && len < full.payloadEnd(m) ? "payload required" : null;
    }

    /** Whether the first {@code k} layers of {@code c} are those of {@code full}. */
    private static boolean sameLayers(Chain full, Chain c, int k) {
        if (c.size() < k) return false;
        for (int i = 0; i < k; i++) if (full.protocolId(i) != c.protocolId(i)) return false;
        return true;
    }

    /** A field of the layer's header: where it lies and whether it sits in a list item (an option). */
    private record Span(int off, int len, Field field, boolean inItem) {
    }

    /** The fields the fast codec reports with their positions, inside the first layer's header. */
    private static List<Span> spans(Protocol p, byte[] b) {
        LayerCodec codec = Protocols.newCodec(p.codec);
        List<Span> out = new ArrayList<>();
        int[] items = {0};
        codec.walk(ByteBuffer.wrap(b), 0, b.length, new FieldSinkAdapter() {
            @Override
            public void number(Field f, long value, int off, int len) {
                add(f, off, len);
            }

            @Override
            public void bool(Field f, boolean value, int off, int len) {
                add(f, off, len);
            }

            @Override
            public void bytes(Field f, ByteBuffer buf, int off, int len) {
                add(f, off, len);
            }

            @Override
            public void beginItem(Field f) {
                items[0]++;
            }

            @Override
            public void endItem(Field f) {
                items[0]--;
            }

            private void add(Field f, int off, int len) {
                // numbers up to 8 bytes; byte fields (addresses, option data) by their first 4
                if (off >= 0 && len > 0) out.add(new Span(off, Math.min(len, f.kind == io.pcapkit.dissect.FieldKind.BYTES ? 4 : 8), f, items[0] > 0));
            }
        });
        // header bytes no shown field covers (hidden raw values, reserved bits) are mutated too, in runs of up to 4
        int he = codec.decode(ByteBuffer.wrap(b), 0, b.length);
        boolean[] covered = new boolean[Math.max(0, he)];
        for (Span s : out) for (int i = s.off; i < s.off + s.len && i < covered.length; i++) covered[i] = true;
        for (int i = 0; i < covered.length;) {
            if (covered[i]) {
                i++;
                continue;
            }
            int j = i;
            while (j < covered.length && !covered[j] && j - i < 4) j++;
            out.add(new Span(i, j - i, null, false));
            i = j;
        }
        return out;
    }

    /** Every field of the header at zero, one and its maximum. */
    private void fields(Instances.Instance in, Map<String, Integer> row) {
        Protocol p = in.protocol();
        byte[] orig = in.bytes();
        Set<String> done = new LinkedHashSet<>();
        for (Span s : spans(p, orig)) {
            if (!done.add(s.off + "+" + s.len)) continue;
            for (int v = 0; v < 3; v++) {
                byte[] b = orig.clone();
                for (int i = 0; i < s.len; i++) b[s.off + i] = (byte) (v == 2 ? 0xff : 0);
                if (v == 1) b[s.off + s.len - 1] = 1;
                String what = in + " with " + (s.field == null ? "unshown header bytes" : s.field) + " (bytes " + s.off + "+" + s.len + (s.inItem ? ", in an option" : "") + ") = "
                        + (v == 0 ? "0" : v == 1 ? "1" : "max");
                Chain c = compare(what, record(b, b.length, p));
                String outcome = (v == 0 ? "zero" : v == 1 ? "one" : "max") + (s.inItem ? " option " : " field ")
                        + (c.isMalformed() ? c.malformedKind().name().toLowerCase() : "ok");
                row.merge(outcome, 1, Integer::sum);
            }
        }
    }

    /**
     * Dissects {@code r} with the fast codecs (decode then emit, and streaming) and the reference
     * codecs: a well-formed chain, the same in all three, failing in the same protocol.
     */
    private Chain compare(String what, PacketRecord r) {
        Chain a = Roots.dissect(fast, r, sink, false).snapshot();
        try {
            Checks.chain(a, r.capLen);
            Checks.sameChain(what + ": decode vs streaming walk", a, Roots.dissect(fast, r, sink, true));
        } catch (AssertionError e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
        Chain b = Roots.dissect(reference, r, null, false);
        String both = what + ": fast " + Checks.describe(a) + " (" + a.malformedReason() + "), reference " + Checks.describe(b) + " ("
                + b.malformedReason() + ")";
        assertEquals(a.size(), b.size(), both);
        for (int i = 0; i < a.size(); i++) assertEquals(a.protocolId(i), b.protocolId(i), both);
        assertEquals(a.isMalformed(), b.isMalformed(), both);
        if (a.isMalformed()) assertEquals(a.malformedProtocol(), b.malformedProtocol(), both);
        return a;
    }

    // ---- deep nesting ----

    record Nest(String name, int depthFitting, java.util.function.IntFunction<byte[]> frame, String innermost) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Frames that nest one layer in itself, built as deep as {@link Limits#MAX_LAYERS} allows and
     * past it. {@code depthFitting} is how many nested layers fit with the other layers.
     */
    static Stream<Nest> nestings() {
        int n = Limits.MAX_LAYERS;
        return Stream.of(
                new Nest("802.1Q stacked (802.1ad outermost)", n - 3, Hostile::vlans, "UDP"),
                new Nest("IPv4 in IPv4", n - 2, Hostile::ipInIp, "UDP"),
                new Nest("IPv6 destination options chained", n - 3, Hostile::ipv6Extensions, "UDP"),
                new Nest("IPv6 in IPv6", n - 2, Nesting::ipv6InIpv6, "UDP"),
                new Nest("IPv4 and IPv6 alternating", n - 2, Nesting::alternating, "UDP"),
                new Nest("IPv6 extension headers of every kind", n - 3, Nesting::mixedExtensions, "UDP"));
    }

    /**
     * As deep as fits: the whole chain, ending in UDP; one level deeper than fits: stopped at
     * {@link Limits#MAX_LAYERS} layers with LIMIT_EXCEEDED; far deeper: the same. The deepest
     * frame also goes through every dumper, whose output nests a level per layer: each writes a
     * complete document (with the checks of {@link DumperFuzzTest}).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("nestings")
    void nesting(Nest nest) throws IOException {
        Dissector d = new Dissector();
        byte[] fits = nest.frame().apply(nest.depthFitting());
        Chain c = d.dissect(Roots.record(fits, 0, fits.length, 1), null);
        Checks.chain(c, fits.length);
        assertFalse(c.isMalformed(), nest + " at depth " + nest.depthFitting() + ": " + Checks.describe(c) + " " + c.malformedReason());
        assertEquals(Limits.MAX_LAYERS, c.size(), nest + ": " + Checks.describe(c));
        assertEquals(nest.innermost(), c.protocol(c.size() - 1).name);
        for (int depth : new int[] {nest.depthFitting() + 1, 3 * Limits.MAX_LAYERS}) {
            byte[] f = nest.frame().apply(depth);
            Chain x = d.dissect(Roots.record(f, 0, f.length, 1), null);
            Checks.chain(x, f.length);
            assertTrue(x.isMalformed(), nest + " at depth " + depth + ": " + Checks.describe(x));
            assertEquals(ErrorKind.LIMIT_EXCEEDED, x.malformedKind(), nest + " at depth " + depth);
            assertEquals(Limits.MAX_LAYERS, x.size());
            assertTrue(x.malformedReason().contains(String.valueOf(Limits.MAX_LAYERS)), x.malformedReason());
        }
        // the deepest output there is: a frame stopped at the layer limit
        byte[] capture = new io.pcapkit.capture.PcapBuilder(true, false, 262_144, 1).record(1, 0, nest.frame().apply(3 * Limits.MAX_LAYERS)).bytes();
        DumperFuzzTest dumpers = new DumperFuzzTest();
        dumpers.json(capture);
        dumpers.ndjson(capture);
        dumpers.plist(capture);
        dumpers.tree(capture);
        dumpers.pcap(capture);
        dumpers.pcapng(capture);
    }

    // ---- DNS (the hook: runs once a DNS grammar exists) ----

    /**
     * Self-referencing DNS names: a name that is a compression pointer to itself, two pointers to
     * each other, a label then a pointer back to its start, and a pointer past the end. Each must
     * end (no loop, no stack overflow) in a typed result: a well-formed chain, and when the name
     * is rejected, a malformed DNS layer, the same from the Kaitai-backed reference codec. Skipped
     * until a protocol named DNS is in the generated table; when one lands, this is its row.
     */
    @Test
    void selfReferencingDnsNames() {
        Protocol dns = Protocols.all().stream().filter(p -> p.name.equalsIgnoreCase("DNS")).findFirst().orElse(null);
        assumeTrue(dns != null, "no DNS grammar yet: the self-referencing name cases run when one lands (grammars/application/dns.ksy)");
        byte[] header = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0};
        byte[][] names = {
            {(byte) 0xc0, 12, 0, 1, 0, 1}, // offset 12 points at itself
            {(byte) 0xc0, 14, (byte) 0xc0, 12, 0, 1, 0, 1}, // 12 -> 14 -> 12
            {3, 'w', 'w', 'w', (byte) 0xc0, 12, 0, 1, 0, 1}, // a label, then back to its own start
            {(byte) 0xc0, 40, 0, 1, 0, 1}, // past the end
        };
        for (byte[] name : names) {
            byte[] msg = SeedCorpus.concat(header, name);
            String what = "DNS name " + java.util.HexFormat.of().formatHex(name);
            Chain c = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> compare(what, record(msg, msg.length, dns)), what);
            if (c.isMalformed()) assertEquals(dns, c.malformedProtocol(), what + ": " + Checks.describe(c));
        }
    }
}
