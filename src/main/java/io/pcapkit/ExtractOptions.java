package io.pcapkit;

import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.dissect.LayerType;
import io.pcapkit.dump.DumpOptions;
import io.pcapkit.flow.Flow;
import io.pcapkit.flow.FlowOptions;
import io.pcapkit.flow.Follow;
import io.pcapkit.reassembly.Datagram;
import io.pcapkit.reassembly.Message;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What {@link Pcapkit#extract} reads, how deep it dissects and where it writes, with fluent
 * setters. Finish with {@link #open()} (lazy: iterate the frames) or {@link #run()} (read to the
 * end, writing the output).
 */
public final class ExtractOptions {
    Path input;
    InputStream inputStream;
    String inputName;
    Path output;
    OutputStream outputStream;
    String format;
    boolean files;
    boolean store;
    Consumer<String> verbose;
    final DissectOptions dissect = new DissectOptions();
    final DumpOptions dump = new DumpOptions();
    final ReassembleOptions reassemble = new ReassembleOptions();
    FlowOptions trace;
    Consumer<Flow> onFlow;
    Follow follow;

    ExtractOptions(Path input) {
        this.input = Objects.requireNonNull(input, "input");
    }

    ExtractOptions(InputStream in, String name) {
        this.inputStream = Objects.requireNonNull(in, "input");
        this.inputName = name;
    }

    /** Write the frames to a file (or, in files mode, a folder). The format defaults from its extension. */
    public ExtractOptions output(Path out) {
        this.output = out;
        this.outputStream = null;
        return this;
    }

    /** Write the frames to a stream (not closed by the extractor). */
    public ExtractOptions output(OutputStream out) {
        this.outputStream = out;
        this.output = null;
        return this;
    }

    /** {@code json}, {@code ndjson}, {@code plist}, {@code tree}, {@code pcap} or {@code pcapng}. */
    public ExtractOptions format(String f) {
        this.format = f == null ? null : f.toLowerCase(Locale.ROOT);
        return this;
    }

    /** One output file per frame, in the output folder. */
    public ExtractOptions files(boolean f) {
        this.files = f;
        return this;
    }

    /** Keep every frame in memory ({@link Extractor#frames()}); off by default so memory stays flat. */
    public ExtractOptions store(boolean s) {
        this.store = s;
        return this;
    }

    /** Stop after this layer: the layers above it stay raw. */
    public ExtractOptions layer(LayerType l) {
        dissect.layer(l);
        return this;
    }

    /** Stop after the first layer matching this protocol name, key or group (e.g. {@code IPv4}, {@code IP}). */
    public ExtractOptions protocol(String p) {
        dissect.protocol(p);
        return this;
    }

    /** Add the raw frame bytes (and raw layers' bytes) to the output. */
    public ExtractOptions bytes(boolean b) {
        dump.bytes(b);
        return this;
    }

    /** Write structured fields (option lists, nested types) as their bytes: each layer's fixed header only. */
    public ExtractOptions shallow(boolean s) {
        dump.shallow(s);
        return this;
    }

    /** Add per-layer field offsets to the output. */
    public ExtractOptions offsets(boolean o) {
        dump.offsets(o);
        return this;
    }

    /** Report each frame as {@code " - Frame 12: Ethernet:IPv4:TCP"}. */
    public ExtractOptions verbose(Consumer<String> sink) {
        this.verbose = sink;
        return this;
    }

    /**
     * Hands matching frames to a protocol, in tshark's {@code -d} syntax: {@code tcp.port==8097,http2}.
     *
     * @throws IllegalArgumentException naming what is wrong with the rule
     */
    public ExtractOptions decodeAs(String rule) {
        io.pcapkit.dissect.DecodeAs.add(dissect, rule);
        return this;
    }

    /** Dissect with the Kaitai-backed reference codecs (slow; for cross-checking the fast path). */
    public ExtractOptions reference(boolean r) {
        dissect.reference(r);
        return this;
    }

    /**
     * What is reassembled, as a comma-separated list: {@code ip} (IPv4 and IPv6, the default, as
     * in Wireshark), {@code ipv4}, {@code ipv6}, {@code tcp}, or {@code none}. The frame that
     * completes an IP datagram shows its transport layer; with {@code tcp}, application messages
     * are dissected over the streams and TCP messages are produced ({@link #onMessage}).
     */
    public ExtractOptions reassemble(String spec) {
        reassemble.what(spec);
        return this;
    }

    /** The reassembly options (policies, limits, callbacks). */
    public ExtractOptions reassemble(ReassembleOptions o) {
        ReassembleOptions c = o.copy();
        reassemble.ipv4 = c.ipv4;
        reassemble.ipv6 = c.ipv6;
        reassemble.tcp = c.tcp;
        reassemble.defrag = c.defrag;
        reassemble.streams = c.streams;
        reassemble.onDatagram = c.onDatagram;
        reassemble.onMessage = c.onMessage;
        return this;
    }

    /** Receives each reassembled IP datagram in the frame that completes it. */
    public ExtractOptions onDatagram(Consumer<Datagram> c) {
        reassemble.onDatagram(c);
        return this;
    }

    /** Receives each TCP message (needs {@code reassemble("...,tcp")}). */
    public ExtractOptions onMessage(Consumer<Message> c) {
        reassemble.onMessage(c);
        return this;
    }

    /**
     * Traces flows into {@code dir}: {@code index.json} and, with {@link #traceFormat}, one file per
     * flow. Tracing needs dissection to the transport layer.
     */
    public ExtractOptions trace(Path dir) {
        if (trace == null) trace = new FlowOptions();
        trace.output(dir);
        return this;
    }

    /** The per-flow file format (json, ndjson, plist, tree, pcap, pcapng); none by default (the index alone). */
    public ExtractOptions traceFormat(String format) {
        if (trace == null) trace = new FlowOptions();
        trace.format(format);
        return this;
    }

    /** Trace UDP flows too. */
    public ExtractOptions traceUdp(boolean udp) {
        if (trace == null) trace = new FlowOptions();
        trace.udp(udp);
        return this;
    }

    /** All the flow options (limits, UDP, output). */
    public ExtractOptions flows(FlowOptions o) {
        trace = o.copy();
        return this;
    }

    /** Receives each flow as it ends (flows are tracked when this, a trace or TCP reassembly is on). */
    public ExtractOptions onFlow(Consumer<Flow> c) {
        onFlow = c;
        return this;
    }

    /** Follows one flow during the run ({@link Follow} receives its payload chunk by chunk). */
    public ExtractOptions follow(Follow f) {
        follow = f;
        return this;
    }

    /** Opens the input for lazy iteration. */
    public Extractor open() throws java.io.IOException {
        return Extractor.open(this);
    }

    /** Reads the whole input, writing the output, and returns the finished (closed) extractor. */
    public Extractor run() throws java.io.IOException {
        Extractor e = Extractor.open(this);
        try (e) {
            e.drain();
        }
        return e;
    }
}
