package io.pcapkit.fuzz;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.capture.PcapBuilder;
import io.pcapkit.capture.PcapngBuilder;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.Protocol;
import io.pcapkit.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The seed part of the fuzz targets' regression corpus, made from our own captures
 * ({@code testdata/}, never the third-party corpus) and from named mutations of them. Every file
 * is named for what it exercises. {@link SeedCorpusTest} checks the committed files are these
 * (and rewrites them with {@code -Dpcapkit.seeds.update=true}); the folders also hold what fuzzing
 * found (Jazzer's {@code crash-*} and {@code timeout-*} files, each with a test named for it).
 *
 * <p>Layout (Jazzer's convention): {@code <Class>Inputs/} holds inputs shared by every target of
 * the class, {@code <Class>Inputs/<method>/} those of one target.
 */
final class SeedCorpus {
    /** Frames per capture taken as frame and layer seeds: every frame of our small captures. */
    private static final int MAX_FRAMES_PER_CAPTURE = 64;

    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Path testdata = Corpus.repoRoot().resolve("testdata");

    static Map<String, byte[]> make() throws IOException {
        SeedCorpus s = new SeedCorpus();
        s.captures();
        s.frames();
        // sequences of fragments and segments for the reassembly targets
        Map<String, byte[]> reassembly = new LinkedHashMap<>();
        ReassemblySeeds.put(reassembly);
        FlowSeeds.put(reassembly);
        reassembly.forEach(s::put);
        return s.files;
    }

    private void put(String path, byte[] data) {
        if (files.put(path, data) != null) throw new IllegalStateException("two seeds named " + path);
    }

    private List<Path> ourCaptures() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Stream.concat(Files.list(testdata), Files.list(testdata.resolve("crafted")))) {
            // the original before its editcap variants, so frame seeds are named after it
            s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng"))
                    .sorted(java.util.Comparator.comparing((Path p) -> p.getFileName().toString().contains("-nsec")).thenComparing(Path::toString))
                    .forEach(out::add);
        }
        return out;
    }

    // ---- whole files: the readers and the dumpers ----

    private void captures() throws IOException {
        String readers = "CaptureReaderFuzzTestInputs/";
        String dumpers = "DumperFuzzTestInputs/";
        for (Path p : ourCaptures()) {
            byte[] d = Files.readAllBytes(p);
            String name = p.getFileName().toString();
            boolean ng = name.endsWith(".pcapng");
            put(readers + (ng ? "pcapng/" : "pcap/") + name, d);
            if (!p.getParent().getFileName().toString().equals("crafted")) put(dumpers + name, d);
        }
        byte[] mix = Files.readAllBytes(testdata.resolve("crafted-mix.pcap"));
        byte[] mixng = Files.readAllBytes(testdata.resolve("crafted-mix.pcapng"));
        put(readers + "crafted-mix.pcap.gz", gzip(mix));
        put(readers + "crafted-mix.pcapng.gz", gzip(mixng));
        put(readers + "pcap/crafted-mix.pcap.gz-cut-in-the-middle", Arrays.copyOf(gzip(mix), gzip(mix).length / 2));
        put(dumpers + "crafted-mix.pcap.gz", gzip(mix));

        // pcap: every magic and byte order, cuts at a record boundary, lying lengths
        String pcap = readers + "pcap/";
        byte[] eth = Arrays.copyOfRange(mix, 24 + 16, 24 + 16 + 60);
        put(pcap + "big-endian-nanosecond", new PcapBuilder(false, true, 65535, 1).record(1, 999_999_999, eth).record(2, 0, eth).bytes());
        put(pcap + "little-endian-nanosecond-fcs-bits", new PcapBuilder(true, true, 65535, 1 | 0x10000000L | 0x04000000L).record(1, 5, eth).bytes());
        put(pcap + "microsecond-fraction-over-a-second", new PcapBuilder(true, false, 65535, 1).record(1, 1_500_000, eth).bytes());
        put(pcap + "cut-inside-a-record-header", Arrays.copyOf(mix, 24 + 16 + 60 + 16 + 8));
        put(pcap + "cut-inside-a-record", Arrays.copyOf(mix, 24 + 16 + 30));
        put(pcap + "header-only", Arrays.copyOf(mix, 24));
        put(pcap + "header-cut", Arrays.copyOf(mix, 20));
        put(pcap + "incl-len-beyond-limit-then-resync", new PcapBuilder(true, false, 65535, 1).record(1, 0, eth)
                .record(2, 0, 0x7fffffffL, 60, eth).record(3, 0, eth).record(4, 0, eth).bytes());
        put(pcap + "incl-len-beyond-the-file", new PcapBuilder(true, false, 65535, 1).record(1, 0, eth).record(2, 0, 200_000, 200_000, eth).bytes());
        put(pcap + "orig-len-below-incl-len", new PcapBuilder(true, false, 65535, 1).record(1, 0, 60, 10, eth).bytes());
        put(pcap + "snaplen-zero-and-huge", new PcapBuilder(true, false, 0xffffffffL, 1).record(1, 0, eth).bytes());
        put(pcap + "unknown-link-type", new PcapBuilder(true, false, 65535, 147).record(1, 0, eth).bytes());

        // pcapng: sections in both orders, interfaces with options, every packet block, skipped blocks, damage
        String ng = readers + "pcapng/";
        PcapngBuilder b = new PcapngBuilder().shb(true);
        b.idb(1, 65535, b.options(2, "eth0", 9, new byte[] {9}, 14, b.s8(-10)));
        b.epb(0, 1_700_000_000_000_000_000L, eth).spb(eth, 60).opb(0, 5, eth).block(PcapngBuilder.NRB, new byte[8])
                .block(PcapngBuilder.ISB, new byte[12]).block(PcapngBuilder.CUSTOM, new byte[8]);
        b.shb(false).idb(113, 0, b.options(9, new byte[] {(byte) 0x8a})).epb(0, 7, eth);
        byte[] sections = b.bytes();
        put(ng + "two-sections-both-orders-every-block", sections);
        put(ng + "cut-inside-a-block", Arrays.copyOf(sections, sections.length - 20));
        PcapngBuilder bad = new PcapngBuilder().shb(true).idb(1).epb(3, 0, eth).epb(0, 0, eth, 60, new byte[0]);
        byte[] badBytes = bad.bytes();
        put(ng + "packet-for-a-missing-interface", badBytes);
        byte[] trailer = badBytes.clone();
        trailer[trailer.length - 1] ^= 0x40;
        put(ng + "trailer-length-mismatch", trailer);
        put(ng + "interface-too-short", new PcapngBuilder().shb(true).block(PcapngBuilder.IDB, new byte[4]).epb(0, 0, eth).bytes());
        put(ng + "tsresol-binary-and-huge-offset",
                new PcapngBuilder().shb(true).idb(1, 0, b.options(9, new byte[] {(byte) 0xbf}, 14, b.s8(Long.MAX_VALUE))).epb(0, -1L, eth).bytes());
        PcapngBuilder opts = new PcapngBuilder();
        byte[] text = "comment \u0000\u0001\u001b[31m \uffff <&> ]]>".getBytes(StandardCharsets.UTF_8);
        byte[] notUtf8 = {(byte) 0xc3, (byte) 0x28, (byte) 0xff, (byte) 0xfe, 0, (byte) 0x80};
        opts.shb(true, opts.options(1, text, 2, notUtf8, 3, "os", 4, "app"));
        opts.idb(1, 65535, opts.options(1, text, 2, notUtf8, 3, "description", 4, new byte[8], 5, new byte[16], 6, new byte[6],
                7, new byte[8], 8, new byte[8], 9, new byte[] {6}, 10, new byte[1], 11, notUtf8, 12, text, 13, new byte[1], 14, new byte[8]));
        opts.epb(0, 1, eth, 60, opts.options(1, text, 2, new byte[4], 3, notUtf8));
        byte[] optBytes = opts.bytes();
        put(ng + "options-with-control-characters-and-bad-utf8", optBytes);
        put(dumpers + "pcapng-options-with-control-characters-and-bad-utf8", optBytes);
        put(dumpers + "two-sections-both-orders-every-block.pcapng", sections);
        put(dumpers + "deep-vlan-stack.pcap", new PcapBuilder(true, false, 65535, 1).record(1, 0, Hostile.vlans(300)).bytes());
        put(dumpers + "deep-ipv6-extension-chain.pcap", new PcapBuilder(true, false, 65535, 1).record(1, 0, Hostile.ipv6Extensions(300)).bytes());
    }

    // ---- frames (per link type) and layers (per grammar) ----

    private void frames() throws IOException {
        Dissector d = new Dissector();
        Set<String> frameKeys = new HashSet<>();
        Set<String> layerKeys = new HashSet<>();
        for (Path p : ourCaptures()) {
            String cap = p.getFileName().toString();
            try (CaptureReader r = CaptureInput.open(p)) {
                PacketRecord rec = new PacketRecord();
                while (rec.number < MAX_FRAMES_PER_CAPTURE && r.next(rec)) {
                    byte[] frame = rec.bytes();
                    Chain c = d.dissect(rec, null);
                    String chain = c.toString();
                    // one frame per link type and chain: more of the same adds nothing for a fuzzer
                    if (frameKeys.add(rec.linkType + chain)) {
                        put("FrameFuzzTestInputs/everyLinkType/" + cap + "-" + rec.number + "-" + safe(chain),
                                concat(Entry.prefix(rec.linkType), frame));
                    }
                    for (int i = 0; i < c.size(); i++) {
                        Protocol proto = c.protocol(i);
                        String rest = tail(c, i + 1);
                        if (!layerKeys.add(Entry.token(proto) + ":" + rest)) continue;
                        byte[] layer = Arrays.copyOfRange(frame, c.start(i), frame.length);
                        put("GrammarFuzzTestInputs/" + safe(Entry.token(proto)) + (rest.isEmpty() ? "" : "-then-" + safe(rest)) + "-from-" + cap + "-"
                                + rec.number, concat(Entry.prefix(proto), layer));
                    }
                }
            }
        }
        String frames = "FrameFuzzTestInputs/everyLinkType/";
        for (long t : Entry.LINK_TYPES) put(frames + "empty-frame-link-type-" + t, Entry.prefix(t));
        byte[] ethernet = Entry.prefix(1);
        put(frames + "vlan-stack-300", concat(ethernet, Hostile.vlans(300)));
        put(frames + "ip-in-ip-300", concat(ethernet, Hostile.ipInIp(300)));
        put(frames + "ipv6-extension-chain-300", concat(ethernet, Hostile.ipv6Extensions(300)));
        for (Protocol p : Entry.PROTOCOLS) put("GrammarFuzzTestInputs/" + safe(Entry.token(p)) + "-empty", Entry.prefix(p));
    }

    /** The chain from layer {@code i} on. */
    private static String tail(Chain c, int i) {
        String[] parts = c.toString().split(":");
        // transparent layers are not in the string: count the shown ones before i
        int shown = 0;
        for (int k = 0; k < i; k++) if (!c.protocol(k).transparent) shown++;
        return String.join(":", Arrays.copyOfRange(parts, Math.min(shown, parts.length), parts.length));
    }

    private static String safe(String s) {
        return s.replace(':', '-').replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static byte[] gzip(byte[] d) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        // a fixed header (no time stamp): the same bytes on every run
        try (OutputStream z = new GZIPOutputStream(o)) {
            z.write(d);
        }
        return o.toByteArray();
    }
}
