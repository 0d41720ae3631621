package io.pcapkit.fuzz;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.Protocol;
import io.pcapkit.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Valid instances of every protocol, found at run time so a new grammar is covered without Java:
 * each layer of each frame of our captures ({@code testdata/}) that dissects without a malformed
 * node from there on, and each file of the grammar target's corpus ({@code GrammarFuzzTestInputs},
 * named with its protocol, see {@link Entry}) that does. A grammar with no frame in our captures
 * gets one by a seed file there.
 */
final class Instances {
    /** Instances kept per protocol: different layer structures after it, the first ones found. */
    static final int PER_PROTOCOL = 3;

    /** One instance: the layer's bytes to the end of the frame, where it was found. */
    record Instance(Protocol protocol, byte[] bytes, String source) {
        @Override
        public String toString() {
            return Entry.token(protocol) + " from " + source;
        }
    }

    private Instances() {
    }

    /** By protocol id; a protocol without an instance has an empty list or none. */
    static Map<Integer, List<Instance>> find() throws IOException {
        Map<Integer, List<Instance>> out = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        // application layers found by content too (HTTP/2 has no port: its preface names it)
        Dissector d = new Dissector(new io.pcapkit.dissect.DissectOptions().sniff(true));
        Dissector roots = Roots.dissector(false);
        Path testdata = Corpus.repoRoot().resolve("testdata");
        List<Path> captures = new ArrayList<>();
        try (Stream<Path> s = Stream.concat(Files.list(testdata), Files.list(testdata.resolve("crafted")))) {
            s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted().forEach(captures::add);
        }
        for (Path p : captures) {
            try (CaptureReader r = CaptureInput.open(p)) {
                PacketRecord rec = new PacketRecord();
                while (r.next(rec)) {
                    byte[] frame = rec.bytes();
                    Chain c = d.dissect(rec, null);
                    for (int i = 0; i < c.size(); i++) {
                        if (c.isMalformed()) break;
                        add(out, seen, roots, c.protocol(i), java.util.Arrays.copyOfRange(frame, c.start(i), frame.length),
                                p.getFileName() + " frame " + rec.number);
                    }
                }
            }
        }
        Path seeds = SeedCorpusTest.folder().resolve("GrammarFuzzTestInputs");
        if (Files.isDirectory(seeds)) {
            try (Stream<Path> s = Files.list(seeds)) {
                for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile).sorted()::iterator) {
                    byte[] data = Files.readAllBytes(f);
                    Entry e = Entry.protocol(data);
                    if (e.from() <= 1) continue; // not named: a fuzzer's file
                    add(out, seen, roots, e.protocol(), java.util.Arrays.copyOfRange(data, e.from(), data.length), f.getFileName().toString());
                }
            }
        }
        return out;
    }

    private static void add(Map<Integer, List<Instance>> out, Set<String> seen, Dissector roots, Protocol p, byte[] bytes, String source) {
        List<Instance> l = out.computeIfAbsent(p.id, k -> new ArrayList<>());
        if (l.size() >= PER_PROTOCOL) return;
        Chain c = Roots.dissect(roots, Roots.record(bytes, 0, bytes.length, Roots.linkType(p)), null, false);
        // a valid instance: it dissects from this layer without a malformed node and has a header
        if (c.isMalformed() || c.size() == 0 || c.headerEnd(0) == 0 && !p.transparent) return;
        if (!seen.add(p.id + " " + c)) return;
        l.add(new Instance(p, bytes, source));
    }
}
