package io.pcapkit;

import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.dissect.LayerType;
import io.pcapkit.dump.DumpOptions;
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
