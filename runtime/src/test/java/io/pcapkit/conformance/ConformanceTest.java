package io.pcapkit.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import io.pcapkit.capture.Problem;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Compares, frame by frame, our dissection of every corpus capture with tshark 4.0.17's fields
 * ({@code NAME.tshark.tsv} and {@code NAME.tshark-app.tsv}) for the protocols our grammars define:
 * the chain, frame lengths and times, addresses, ports, ids, flags, TTL/hop limit, protocol
 * numbers, TCP sequence/window/header length, UDP length, VLAN id and ARP fields. It prints an
 * agreement table per protocol and requires every compared value to agree, or to be covered by
 * an {@link AcceptedDifferences accepted difference} that gives its reason.
 */
class ConformanceTest {

    /** One comparison that failed. */
    record Difference(String capture, long frame, String field, String theirs, String ours, String tsharkChain, String ourChain) {
        @Override
        public String toString() {
            return capture + " frame " + frame + " " + field + ": tshark " + show(theirs) + ", ours " + show(ours)
                    + "   [tshark " + tsharkChain + " | ours " + ourChain + "]";
        }

        private static String show(String s) {
            return s == null ? "(absent)" : "'" + s + "'";
        }
    }

    /** Agreement counts of one field. */
    static final class Tally {
        final String protocol;
        final String field;
        long compared;
        long agree;
        long accepted;
        final Set<String> captures = new java.util.TreeSet<>();

        Tally(String protocol, String field) {
            this.protocol = protocol;
            this.field = field;
        }
    }

    private final Map<String, Tally> tallies = new LinkedHashMap<>();
    private final List<Difference> unexpected = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<Accepted, Integer> used = new IdentityHashMap<>();

    @Test
    void everyCaptureAgreesWithTshark() throws IOException {
        List<Corpus.Entry> manifest = Corpus.manifest();
        Set<String> known = ChainTokens.known();
        tally("chain", "frame.protocols");
        for (Check c : Check.ALL) tally(c.protocol(), c.tshark());
        for (Accepted a : AcceptedDifferences.ALL) used.put(a, 0);
        long frames = 0;
        for (Corpus.Entry e : manifest) {
            frames += compare(e.name(), e.file(), e.get("tshark_status"), known, Dissected.optionsFor(e.get("tshark_extra_args"), new DissectOptions()));
        }
        List<Path> crafted = craftedCaptures();
        for (Path p : crafted) frames += compare(p.getFileName().toString(), p, "ok", known, Dissected.optionsFor(craftedArgs(p), new DissectOptions()));

        String table = table(manifest.size() + crafted.size(), frames);
        System.out.println(table);
        Path report = Corpus.repoRoot().resolve("runtime/target/conformance-report.txt");
        StringBuilder detail = new StringBuilder(table).append('\n');
        for (Difference d : unexpected) detail.append(d).append('\n');
        for (String p : problems) detail.append(p).append('\n');
        Files.createDirectories(report.getParent());
        Files.writeString(report, detail, StandardCharsets.UTF_8);

        List<String> stale = new ArrayList<>();
        for (Map.Entry<Accepted, Integer> u : used.entrySet()) if (u.getValue() == 0) stale.add(u.getKey().toString());
        if (!unexpected.isEmpty() || !problems.isEmpty() || !stale.isEmpty()) {
            StringBuilder m = new StringBuilder();
            m.append(unexpected.size()).append(" unexplained differences with tshark, ").append(problems.size())
                    .append(" capture problems, ").append(stale.size()).append(" stale accepted differences (details in ")
                    .append(report).append(")\n");
            for (String p : problems) m.append("  ").append(p).append('\n');
            for (String s : stale) m.append("  stale: ").append(s).append('\n');
            unexpected.stream().limit(40).forEach(d -> m.append("  ").append(d).append('\n'));
            fail(m.toString());
        }
    }

    private Tally tally(String protocol, String field) {
        return tallies.computeIfAbsent(field, f -> new Tally(protocol, f));
    }

    /**
     * Our own edge-case captures ({@code testdata/crafted/}, made with their oracles by
     * {@code scripts/make-crafted-captures.py}): they reach grammar rules the corpus does not. The
     * system property {@code pcapkit.conformance.extra} names a further folder of captures with
     * oracles (those of {@code scripts/conformance-fuzz.py}).
     */
    static List<Path> craftedCaptures() throws IOException {
        List<Path> out = new ArrayList<>();
        List<Path> dirs = new ArrayList<>(List.of(Corpus.repoRoot().resolve("testdata/crafted")));
        // captures written by scripts/conformance-fuzz.py, for a differential run on demand
        String extra = System.getProperty("pcapkit.conformance.extra");
        if (extra != null && !extra.isBlank()) dirs.add(Path.of(extra));
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) continue;
            try (var s = Files.list(dir)) {
                s.filter(p -> Files.exists(p.resolveSibling(p.getFileName() + ".tshark.tsv"))).sorted().forEach(out::add);
            }
        }
        return out;
    }

    /**
     * The tshark arguments a crafted capture's oracle was made with ({@code NAME.args}, e.g. a
     * decode-as rule), or null.
     */
    static String craftedArgs(Path capture) throws IOException {
        Path args = capture.resolveSibling(capture.getFileName() + ".args");
        return Files.exists(args) ? Files.readString(args, StandardCharsets.UTF_8).trim() : null;
    }

    private long compare(String name, Path file, String status, Set<String> known, DissectOptions options) throws IOException {
        TsharkOracle oracle = TsharkOracle.load(file);
        Dissected ours = Dissected.of(file, options);
        boolean cut = status != null && status.contains("cut short");
        boolean truncatedReported = ours.problems().stream().anyMatch(p -> p.kind() == Problem.Kind.TRUNCATED);
        if (cut && !truncatedReported) problems.add(name + ": the file is cut inside a record, but the reader reported no truncation");
        if (!cut) {
            for (Problem p : ours.problems()) {
                if (p.kind() != Problem.Kind.SKIPPED) problems.add(name + ": the reader reported " + p.kind() + " " + p);
            }
        }
        if (ours.frames().size() != oracle.size()) {
            problems.add(name + ": we read " + ours.frames().size() + " frames, tshark " + oracle.size());
        }
        int n = Math.min(ours.frames().size(), oracle.size());
        for (int i = 0; i < n; i++) {
            Map<String, String> row = oracle.row(i);
            Layers l = new Layers(ours.frames().get(i));
            long frame = Long.parseLong(row.get("frame.number"));
            String ourChain = String.join(":", l.chain());
            List<String> theirTokens = ChainTokens.theirs(row.get("frame.protocols"), known);
            List<String> ourTokens = ChainTokens.ours(l.chain());
            record(name, row, l, "frame.protocols", String.join(":", theirTokens), String.join(":", ourTokens),
                    theirTokens.equals(ourTokens), frame, ourChain);
            for (Check c : Check.ALL) {
                if (!oracle.has(c.tshark())) continue;
                String theirs = row.get(c.tshark());
                String mine = c.oursText(l);
                if (theirs == null && mine == null) continue;
                boolean agree = theirs != null && mine != null && c.agrees(theirs, mine);
                record(name, row, l, c.tshark(), theirs, mine, agree, frame, ourChain);
            }
        }
        return n;
    }

    private void record(String capture, Map<String, String> row, Layers l, String field, String theirs, String mine, boolean agree,
            long frame, String ourChain) {
        Tally t = tallies.get(field);
        t.compared++;
        t.captures.add(capture);
        if (agree) {
            t.agree++;
            return;
        }
        for (Accepted a : AcceptedDifferences.ALL) {
            if (a.covers(capture, row, l, field)) {
                t.accepted++;
                used.merge(a, 1, Integer::sum);
                return;
            }
        }
        unexpected.add(new Difference(capture, frame, field, theirs, mine, row.get("frame.protocols"), ourChain));
    }

    private String table(int captures, long frames) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("Conformance with tshark 4.0.17: %d captures, %d frames%n", captures, frames));
        b.append(String.format("%-12s %-24s %8s %8s %9s %8s %s%n", "protocol", "tshark field", "compared", "agree", "accepted", "agree%",
                "captures"));
        Map<String, long[]> perProtocol = new LinkedHashMap<>();
        for (Tally t : tallies.values()) {
            double pct = t.compared == 0 ? 100.0 : 100.0 * t.agree / t.compared;
            b.append(String.format("%-12s %-24s %8d %8d %9d %7.2f%% %d%n", t.protocol, t.field, t.compared, t.agree, t.accepted, pct,
                    t.captures.size()));
            long[] p = perProtocol.computeIfAbsent(t.protocol, k -> new long[3]);
            p[0] += t.compared;
            p[1] += t.agree;
            p[2] += t.accepted;
        }
        b.append(String.format("%nper protocol:%n%-12s %10s %10s %9s %s%n", "protocol", "compared", "agree", "accepted", "agree+accepted"));
        for (Map.Entry<String, long[]> p : perProtocol.entrySet()) {
            long[] v = p.getValue();
            b.append(String.format("%-12s %10d %10d %9d %s%n", p.getKey(), v[0], v[1], v[2],
                    v[1] + v[2] == v[0] ? "100%" : String.format("%.2f%%", 100.0 * (v[1] + v[2]) / Math.max(1, v[0]))));
        }
        b.append(String.format("%naccepted differences (%d):%n", AcceptedDifferences.ALL.size()));
        for (Accepted a : AcceptedDifferences.ALL) b.append("  ").append(used.getOrDefault(a, 0)).append("x  ").append(a).append('\n');
        b.append(String.format("unexplained differences: %d%n", unexpected.size()));
        return b.toString();
    }
}
