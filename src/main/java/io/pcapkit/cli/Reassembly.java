package io.pcapkit.cli;

import io.pcapkit.ExtractOptions;
import io.pcapkit.Extractor;
import io.pcapkit.ReassembleOptions;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.dissect.LayerType;
import io.pcapkit.dissect.Protocol;
import io.pcapkit.gen.Protocols;
import io.pcapkit.reassembly.DefragOptions;
import io.pcapkit.reassembly.DefragStats;
import io.pcapkit.reassembly.OverlapPolicy;
import io.pcapkit.reassembly.StreamOptions;
import io.pcapkit.reassembly.TcpStats;
import java.io.PrintStream;
import java.nio.file.Paths;

/** The reassembly and tracing options shared by the commands. */
final class Reassembly {
    private Reassembly() {
    }

    /**
     * Sets reassembly and tracing on {@code o}.
     *
     * @return a usage problem, or null
     */
    static String apply(ExtractOptions o, String what, String ipPolicy, String tcpPolicy, String trace, String traceFormat, boolean traceUdp,
            String layer, String protocol) {
        ReassembleOptions r = new ReassembleOptions();
        try {
            r.what(what == null ? "ip" : what);
            r.defrag(new DefragOptions().policy(OverlapPolicy.parse(ipPolicy == null ? "bsd" : ipPolicy)));
            r.streams(new StreamOptions().policy(OverlapPolicy.parse(tcpPolicy == null ? "first" : tcpPolicy)));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (traceFormat != null && trace == null) return "--trace-format needs --trace DIR";
        if (traceUdp && trace == null) return "--trace-udp needs --trace DIR";
        boolean needsTransport = r.tcp() || trace != null;
        if (needsTransport && layer != null) {
            LayerType l = LayerType.parse(layer);
            if (l.ordinal() < LayerType.TRANSPORT.ordinal()) return "TCP reassembly and tracing need the transport layer: drop --layer " + layer;
        }
        if (needsTransport && protocol != null) {
            // a protocol threshold below the transport layer would hide it; at or above it is harmless
            for (Protocol p : Protocols.all()) {
                if (!p.transparent && DissectOptions.matches(p, protocol) && p.layer.ordinal() < LayerType.TRANSPORT.ordinal()) {
                    return "TCP reassembly and tracing need the transport layer: drop --protocol " + protocol;
                }
            }
        }
        o.reassemble(r);
        if (trace != null) {
            o.trace(Paths.get(trace)).traceUdp(traceUdp);
            try {
                if (traceFormat != null) o.traceFormat(traceFormat);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        return null;
    }

    /** One line per reassembler on what it did (with -v). */
    static void report(Extractor ex, PrintStream err) {
        DefragStats v4 = ex.ipv4Stats();
        DefragStats v6 = ex.ipv6Stats();
        TcpStats tcp = ex.tcpStats();
        if (v4 != null) err.println("pcapkit: IPv4 reassembly: " + v4);
        if (v6 != null) err.println("pcapkit: IPv6 reassembly: " + v6);
        if (tcp != null) err.println("pcapkit: TCP reassembly: " + tcp);
        long[] flows = ex.flowCounts();
        if (flows[0] + flows[1] > 0) err.println("pcapkit: flows: " + flows[0] + " TCP, " + flows[1] + " UDP");
    }
}
