package io.pcapkit.reassembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Our IP reassembly against tshark's on every corpus capture: the same number of datagrams as
 * MANIFEST.tsv's ipv4_reassembled/ipv6_reassembled, each completed in the same frame from the same
 * fragments with the same identification, addresses and length as {@code NAME.frag.tsv}, and every
 * frame's {@code ip.reassembled_in} / {@code ipv6.reassembled.in} pointing at the datagram that
 * holds it.
 */
class IpReassemblyCorpusTest {

    @Test
    void everyCaptureReassemblesTheDatagramsTsharkDoes() throws IOException {
        List<String> failures = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%-48s %9s %9s %7s %7s%n", "capture", "tshark", "ours", "frames", "agree"));
        long totalTheirs = 0;
        long totalOurs = 0;
        long framesChecked = 0;
        for (Corpus.Entry e : Corpus.manifest()) {
            List<Datagram> ours = reassemble(e.file());
            long theirs = Long.parseLong(e.get("ipv4_reassembled")) + Long.parseLong(e.get("ipv6_reassembled"));
            totalTheirs += theirs;
            totalOurs += ours.size();
            if (ours.size() != theirs) failures.add(e.name() + ": tshark reassembled " + theirs + " datagrams, we " + ours.size() + ": " + ours);
            Map<Long, Datagram> byFrame = new HashMap<>();
            for (Datagram d : ours) byFrame.put(d.completedIn(), d);
            int agree = 0;
            Path frag = e.file().resolveSibling(e.name() + ".frag.tsv");
            if (Files.exists(frag)) {
                for (Map<String, String> row : rows(frag)) {
                    long completed = Long.parseLong(row.get("frame.number"));
                    Datagram d = byFrame.get(completed);
                    boolean v6 = !row.get("ipv6.src").isEmpty();
                    String p = v6 ? "ipv6." : "ip.";
                    String why = null;
                    if (d == null) {
                        why = "no datagram completed in frame " + completed;
                    } else {
                        long[] frames = Arrays.stream(row.get(p + "fragment").split(",")).mapToLong(Long::parseLong).sorted().toArray();
                        long[] mine = d.frames();
                        Arrays.sort(mine);
                        String id = v6 ? row.get("ipv6.fraghdr.ident") : row.get("ip.id");
                        if (!Arrays.equals(frames, mine)) why = "fragments " + Arrays.toString(frames) + " vs ours " + Arrays.toString(mine);
                        else if (Long.decode(id) != d.id()) why = "id " + id + " vs ours " + d.id();
                        else if (Long.parseLong(row.get(p + "reassembled.length")) != d.length()) why = "length " + row.get(p + "reassembled.length") + " vs ours " + d.length();
                        else if (!row.get(p + "src").equals(d.srcText()) || !row.get(p + "dst").equals(d.dstText())) why = "addresses";
                    }
                    if (why == null) agree++;
                    else failures.add(e.name() + " datagram completed in frame " + completed + ": " + why);
                }
            }
            // every frame tshark says was reassembled in frame N is one of the fragments of our datagram completed in N
            Path tsv = e.file().resolveSibling(e.name() + ".tshark.tsv");
            List<Map<String, String>> frames = rows(tsv);
            for (Map<String, String> row : frames) {
                for (String col : new String[] {"ip.reassembled_in", "ipv6.reassembled.in"}) {
                    String in = row.get(col);
                    if (in == null || in.isEmpty()) continue;
                    framesChecked++;
                    long frame = Long.parseLong(row.get("frame.number"));
                    Datagram d = byFrame.get(Long.parseLong(in));
                    if (d == null || Arrays.stream(d.frames()).noneMatch(f -> f == frame)) {
                        failures.add(e.name() + " frame " + frame + ": " + col + " " + in + ", but our datagram there is " + d);
                    }
                }
            }
            if (theirs > 0 || !ours.isEmpty()) table.append(String.format("%-48s %9d %9d %7d %7d%n", e.name(), theirs, ours.size(), frames.size(), agree));
        }
        table.append(String.format("%-48s %9d %9d   (frames with reassembled_in checked: %d)%n", "total", totalTheirs, totalOurs, framesChecked));
        System.out.println(table);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(totalTheirs, totalOurs);
    }

    /** The completed datagrams of a capture, dissected as extract does (IP reassembly on, default options). */
    static List<Datagram> reassemble(Path capture) throws IOException {
        List<Datagram> out = new ArrayList<>();
        IpDefragHook hook = new IpDefragHook(new DefragOptions(), true, true, out::add);
        Dissector d = new Dissector().hook(hook);
        try (CaptureReader r = CaptureInput.open(capture)) {
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) d.dissect(rec, null);
        }
        hook.finish();
        assertEquals(0, d.hookFailures());
        return out;
    }

    static List<Map<String, String>> rows(Path tsv) throws IOException {
        List<Map<String, String>> out = new ArrayList<>();
        String[] header = null;
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isEmpty()) continue;
            String[] cols = line.split("\t", -1);
            if (header == null) {
                header = cols;
                continue;
            }
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < header.length; i++) m.put(header[i], i < cols.length ? cols[i] : "");
            out.add(m);
        }
        return out;
    }
}
