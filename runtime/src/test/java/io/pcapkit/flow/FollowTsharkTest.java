package io.pcapkit.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pcapkit.reassembly.StreamListener;
import io.pcapkit.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Our follow-stream output against {@code tshark -q -z follow,tcp,ascii,N} (and udp, and raw) on
 * corpus captures, character for character; skipped when tshark is not installed. Where a
 * stream has a hole tshark 4.0 stops at it: there our output must equal tshark's up to the gap
 * marker (and go on after it).
 */
class FollowTsharkTest {
    static boolean tsharkAvailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "tshark"))) return true;
        }
        return false;
    }

    /** Captures with TCP streams in ordinary, out-of-order, retransmitted, lost-segment, IPv6 and fragmented shapes. */
    static final List<String> CAPTURES = List.of("dpkt_http.pcap", "ppp_three_http_streams.pcap", "ppp_one_tcp_stream.pcap",
            "pkts_out_of_order.pcap", "ppp_four_ipv6_http_streams.pcap", "ppp_frag_http_req.pcap", "gopacket_test_loopback.pcap",
            "ppp_unidirectional_tcp_stream_with_missing_packet.pcap", "ppp_tls.pcap", "pcapfileex_http2_sample.pcap",
            "pkts_base_usage_3_streams.pcap", "zeek_http-non-default-port.pcap");

    @Test
    void tcpStreamsFollowAsTsharkFollowsThem() throws Exception {
        assumeTrue(tsharkAvailable(), "tshark not installed: follow cross-check skipped");
        int streams = 0;
        int exact = 0;
        int upToGap = 0;
        List<String> failures = new ArrayList<>();
        for (String name : CAPTURES) {
            Path file = Corpus.require().resolve(name);
            int n = FlowCorpusTest.streams(file.resolveSibling(name + ".tshark.tsv"), "tcp").size();
            for (FollowText.Mode mode : FollowText.Mode.values()) {
                List<String> ours = ours(file, "TCP", n, mode);
                List<String> theirs = tshark(file, "tcp", n, mode);
                for (int id = 0; id < n; id++) {
                    streams++;
                    String o = ours.get(id);
                    String t = theirs.get(id);
                    if (o.equals(t)) {
                        exact++;
                        continue;
                    }
                    int gap = o.indexOf(" bytes missing in capture file]");
                    String rule = "=".repeat(67);
                    if (gap >= 0) {
                        String before = o.substring(0, o.lastIndexOf('\n', gap) + 1);
                        if (t.equals(before + rule + "\n")) {
                            upToGap++;
                            continue;
                        }
                    }
                    failures.add(name + " tcp stream " + id + " " + mode + ":\n--- tshark\n" + t + "--- ours\n" + o);
                }
            }
        }
        System.out.printf("follow: %d streams x modes, %d identical to tshark, %d identical up to a gap tshark stops at%n", streams, exact,
                upToGap);
        assertTrue(failures.isEmpty(), failures.size() + " differ:\n" + String.join("\n", failures.subList(0, Math.min(3, failures.size()))));
        assertTrue(upToGap > 0, "the lost-segment capture has a gap");
    }

    @Test
    void udpFlowsFollowAsTsharkFollowsThem() throws Exception {
        assumeTrue(tsharkAvailable(), "tshark not installed: follow cross-check skipped");
        for (String name : List.of("gopacket_test_dns.pcap", "ppp_ip4_fragments.pcap")) {
            Path file = Corpus.require().resolve(name);
            int n = FlowCorpusTest.streams(file.resolveSibling(name + ".tshark.tsv"), "udp").size();
            List<String> ours = ours(file, "UDP", n, FollowText.Mode.RAW);
            List<String> theirs = tshark(file, "udp", n, FollowText.Mode.RAW);
            for (int id = 0; id < n; id++) assertEquals(theirs.get(id), ours.get(id), name + " udp stream " + id);
        }
    }

    /** Our follow text of streams 0..n-1, from one pass over the capture. */
    static List<String> ours(Path file, String protocol, int n, FollowText.Mode mode) throws IOException {
        List<StringBuilder> texts = new ArrayList<>();
        List<Follow> follows = new ArrayList<>();
        for (int id = 0; id < n; id++) {
            StringBuilder b = new StringBuilder();
            FollowText t = new FollowText(b, mode);
            texts.add(b);
            follows.add(Follow.byId(protocol, id, t::chunk));
        }
        Traced tr = new Traced(new FlowOptions().udp(protocol.equals("UDP")), follows.toArray(new StreamListener[0]));
        for (Follow f : follows) tr.hook.listen(f);
        try (var r = io.pcapkit.capture.CaptureInput.open(file)) {
            io.pcapkit.capture.PacketRecord rec = new io.pcapkit.capture.PacketRecord();
            while (r.next(rec)) tr.dissector.dissect(rec, null);
        }
        tr.hook.finish();
        List<String> out = new ArrayList<>();
        for (int id = 0; id < n; id++) {
            StringBuilder whole = new StringBuilder();
            FollowText t = new FollowText(whole, mode);
            Flow f = follows.get(id).flow();
            t.begin(protocol, id, f == null ? null : f.endpoints());
            whole.append(texts.get(id));
            t.end();
            out.add(whole.toString());
        }
        return out;
    }

    /** tshark's follow output of streams 0..n-1 (one tshark run), split per stream. */
    static List<String> tshark(Path file, String proto, int n, FollowText.Mode mode) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(), "-q"));
        String m = mode.name().toLowerCase();
        for (int id = 0; id < n; id++) {
            cmd.add("-z");
            cmd.add("follow," + proto + "," + m + "," + id);
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        if (!p.waitFor(120, TimeUnit.SECONDS)) p.destroyForcibly();
        // tshark prints the streams in reverse order of the -z options: find each by its filter line
        String[] blocks = new String[n];
        String rule = "=".repeat(67);
        int pos = 0;
        while (true) {
            int start = all.indexOf("\n" + rule + "\nFollow: ", pos);
            if (start < 0) break;
            int end = all.indexOf("\n" + rule + "\n", start + rule.length() + 2);
            String block = all.substring(start, end + rule.length() + 2);
            String f = "Filter: " + proto + ".stream eq ";
            int fi = block.indexOf(f);
            int id = Integer.parseInt(block.substring(fi + f.length(), block.indexOf('\n', fi)));
            blocks[id] = block;
            pos = end + rule.length() + 2;
        }
        List<String> out = new ArrayList<>(List.of(blocks));
        return out;
    }
}
