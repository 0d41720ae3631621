package io.pcapkit.flow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Our flows against tshark's streams on every corpus capture: for each tcp.stream (and udp.stream)
 * the same id, the same frames, and the same packets and bytes each way (frame.len summed per
 * stream, as the conversation table counts them, exactly).
 */
class FlowCorpusTest {
    /**
     * Streams we cannot follow, with the reason; each must still be missing (an excuse that no
     * longer matches fails the test, so it is removed once its reason goes away). None now: the
     * streams inside PPPoE/PPP, L2TP and AH are followed since those grammars landed, and the UDP
     * headers an ICMP error quotes are in tshark's udp.stream (see below).
     */
    record Excuse(String capture, String protocol, List<Long> streams, String reason) {
    }

    static final List<Excuse> EXCUSES = List.of();

    /** One tshark stream: its frames, and packets/bytes from its first sender (A) and back. */
    static final class Stream {
        String a;
        final List<Long> frames = new ArrayList<>();
        final long[] packets = new long[2];
        final long[] bytes = new long[2];
    }

    @Test
    void tcpAndUdpFlowsAreTsharksStreams() throws IOException {
        List<String> failures = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%-52s %5s %5s %6s %6s %9s %9s%n", "capture", "tcp", "ours", "udp", "ours",
                "packets", "bytes"));
        long[] totals = new long[6];
        for (Corpus.Entry e : Corpus.manifest()) {
            Path tsv = e.file().resolveSibling(e.name() + ".tshark.tsv");
            Map<Long, Stream> tcp = streams(tsv, "tcp");
            Map<Long, Stream> udp = streams(tsv, "udp");
            Traced t = Traced.run(e.file(), new FlowOptions().udp(true));
            long[] agreed = new long[2];
            compare(e.name(), "TCP", tcp, t.of("TCP"), failures, agreed);
            compare(e.name(), "UDP", udp, t.of("UDP"), failures, agreed);
            totals[0] += tcp.size();
            totals[1] += t.of("TCP").size();
            totals[2] += udp.size();
            totals[3] += t.of("UDP").size();
            totals[4] += agreed[0];
            totals[5] += agreed[1];
            if (!tcp.isEmpty() || !udp.isEmpty() || !t.flows.isEmpty()) {
                table.append(String.format("%-52s %5d %5d %6d %6d %9d %9d%n", e.name(), tcp.size(), t.of("TCP").size(), udp.size(),
                        t.of("UDP").size(), agreed[0], agreed[1]));
            }
        }
        table.append(String.format("%-52s %5d %5d %6d %6d %9d %9d%n", "total", totals[0], totals[1], totals[2], totals[3], totals[4], totals[5]));
        // excused differences: the streams named, missing for the reason given
        List<String> unexcused = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (String f : failures) {
            Excuse x = EXCUSES.stream().filter(ex -> ex.streams().stream()
                    .anyMatch(id -> f.startsWith(ex.capture() + " " + ex.protocol() + " stream " + id + ": no flow of ours"))).findFirst().orElse(null);
            if (x == null) unexcused.add(f);
            else used.add(f.substring(0, f.indexOf(':')));
        }
        for (Excuse ex : EXCUSES) {
            for (Long id : ex.streams()) {
                if (!used.contains(ex.capture() + " " + ex.protocol() + " stream " + id)) unexcused.add("stale excuse: " + ex + " stream " + id);
            }
        }
        table.append(String.format("excused: %d streams; left out: %d tshark stream frames whose transport header an ICMP error quotes%n",
                used.size(), quotedLeftOut));
        System.out.println(table);
        failures = unexcused;
        failures.forEach(System.out::println);
        assertTrue(failures.isEmpty(), failures.size() + " differences:\n" + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
    }

    /**
     * The captures made here whose oracle has tshark's stream columns (the application captures,
     * and {@code flows_transports.pcap}: UDP-Lite's flows numbered with UDP's, IPv6, a UDP packet
     * in a UDP-Lite flow, TCP on a UDP flow's ports): the same streams, exactly.
     */
    @Test
    void craftedCapturesFlowsAreTsharksStreams() throws IOException {
        List<String> failures = new ArrayList<>();
        Path crafted = io.pcapkit.testing.Corpus.repoRoot().resolve("testdata/crafted");
        List<Path> captures;
        try (java.util.stream.Stream<Path> s = Files.list(crafted)) {
            captures = s.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
        }
        int compared = 0;
        long[] agreed = new long[2];
        for (Path file : captures) {
            Path tsv = file.resolveSibling(file.getFileName() + ".tshark.tsv");
            if (!Files.exists(tsv) || !Files.readAllLines(tsv, StandardCharsets.UTF_8).get(0).contains("\tudp.stream")) continue;
            String name = file.getFileName().toString();
            Traced t = Traced.run(file, new FlowOptions().udp(true));
            compare(name, "TCP", streams(tsv, "tcp"), t.of("TCP"), failures, agreed);
            compare(name, "UDP", streams(tsv, "udp"), t.of("UDP"), failures, agreed);
            compared++;
        }
        assertTrue(compared >= 6, "the crafted captures with stream oracles were found: " + compared);
        // the UDP-Lite flows themselves, so that a capture without them cannot pass unnoticed
        Traced t = Traced.run(crafted.resolve("flows_transports.pcap"), new FlowOptions().udp(true));
        assertTrue(t.of("UDP").stream().anyMatch(f -> f.protocol().equals("UDPLite") && f.packets() == 3), "a UDP-Lite flow took a UDP packet");
        System.out.printf("crafted captures: %d compared, %d packets and %d bytes agree%n", compared, agreed[0], agreed[1]);
        failures.forEach(System.out::println);
        assertTrue(failures.isEmpty(), failures.size() + " differences:\n" + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
    }

    private static void compare(String capture, String proto, Map<Long, Stream> theirs, List<Flow> ours, List<String> failures, long[] agreed) {
        Map<Long, Flow> byId = new HashMap<>();
        for (Flow f : ours) byId.put(f.id(), f);
        for (Map.Entry<Long, Stream> s : theirs.entrySet()) {
            Flow f = byId.remove(s.getKey());
            Stream st = s.getValue();
            String where = capture + " " + proto + " stream " + s.getKey();
            if (f == null) {
                failures.add(where + ": no flow of ours (frames " + st.frames + ")");
                continue;
            }
            long[] frames = st.frames.stream().mapToLong(Long::longValue).toArray();
            if (!Arrays.equals(frames, f.frames())) {
                failures.add(where + ": frames " + st.frames + " vs ours " + Arrays.toString(f.frames()));
                continue;
            }
            String a = f.endpoints().textA() + ":" + f.endpoints().portA();
            boolean known = !st.a.startsWith(UNKNOWN + ":");
            if (known && !a.equals(st.a)) failures.add(where + ": A " + st.a + " vs ours " + a);
            if (!known && (st.packets[0] + st.packets[1] != f.packets() || st.bytes[0] + st.bytes[1] != f.bytes())) {
                failures.add(where + ": " + (st.packets[0] + st.packets[1]) + " packets vs ours " + f.packets());
            }
            for (int d = 0; known && d < 2; d++) {
                if (st.packets[d] != f.packets(d) || st.bytes[d] != f.bytes(d)) {
                    failures.add(where + " direction " + d + ": " + st.packets[d] + " packets " + st.bytes[d] + " bytes vs ours " + f.packets(d)
                            + " " + f.bytes(d));
                }
            }
            agreed[0] += f.packets();
            agreed[1] += f.bytes();
        }
        for (Flow f : byId.values()) failures.add(capture + " " + proto + ": our flow " + f + " is no tshark stream");
    }

    /**
     * The source address of the IP layer the first {@code proto} header follows: tshark lists one
     * value per layer (IPv6 in AH tunnel mode, TCP in L2TP over UDP), in chain order.
     */
    static final String UNKNOWN = "?";

    static String sourceBefore(Map<String, String> row, String proto) {
        String[] chain = row.get("frame.protocols").split(":");
        int v4 = 0;
        int v6 = 0;
        String last = null;
        for (String t : chain) {
            if (t.equals(proto)) break;
            if (t.equals("ip")) {
                v4++;
                last = "ip";
            } else if (t.equals("ipv6")) {
                v6++;
                last = "ipv6";
            }
        }
        if (last == null) return "";
        String[] values = row.get(last.equals("ip") ? "ip.src" : "ipv6.src").split(",");
        int n = last.equals("ip") ? v4 : v6;
        // the corpus oracle keeps a field's first occurrence only: an inner layer's address is unknown
        return n <= values.length ? values[n - 1] : UNKNOWN;
    }

    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile(":icmp(v6)?:ip(v6)?:");
    /** tshark stream frames left out because their transport header is inside an ICMP error's quote */
    static long quotedLeftOut;

    /** tshark's streams of one protocol from the oracle's stream column, frame.len, and the first occurrence's addresses and ports. */
    static Map<Long, Stream> streams(Path tsv, String proto) throws IOException {
        Map<Long, Stream> out = new TreeMap<>();
        String[] header = null;
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isEmpty()) continue;
            String[] c = line.split("\t", -1);
            if (header == null) {
                header = c;
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) row.put(header[i], i < c.length ? c[i] : "");
            String id = row.get(proto + ".stream");
            if (id == null || id.isEmpty()) continue;
            if (QUOTED.matcher(":" + row.get("frame.protocols") + ":").find()) {
                // tshark gives the UDP header an ICMP error quotes a udp.stream (never the TCP
                // header: no tcp.stream); a quoted header describes another packet, so it is no
                // traffic of a flow to us (Chain.quoteStart)
                quotedLeftOut++;
                continue;
            }
            Stream s = out.computeIfAbsent(Long.parseLong(id), k -> new Stream());
            String src = sourceBefore(row, proto);
            String from = src + ":" + row.get(proto + ".srcport");
            if (s.a == null) s.a = from;
            int d = from.equals(s.a) ? 0 : 1;
            s.frames.add(Long.parseLong(row.get("frame.number")));
            s.packets[d]++;
            s.bytes[d] += Long.parseLong(row.get("frame.len"));
        }
        return out;
    }
}
