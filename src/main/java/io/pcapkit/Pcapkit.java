package io.pcapkit;

import io.pcapkit.dissect.LayerType;
import io.pcapkit.flow.Flow;
import io.pcapkit.flow.FlowOptions;
import io.pcapkit.flow.Follow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Entry points of the library.
 *
 * <pre>{@code
 * try (Extractor ex = Pcapkit.extract(Path.of("in.pcap")).layer(LayerType.TRANSPORT).open()) {
 *     for (Frame f : ex) System.out.println(f.number() + " " + f.protocols());
 * }
 * Pcapkit.extract(Path.of("in.pcapng")).output(Path.of("out.json")).run();
 * }</pre>
 */
public final class Pcapkit {
    private Pcapkit() {
    }

    /** Extraction of a capture file (pcap or pcapng, optionally gzip/xz/zstd-compressed). */
    public static ExtractOptions extract(Path input) {
        return new ExtractOptions(input);
    }

    /** Extraction of a capture read from a stream (e.g. standard input); {@code name} is used in messages. */
    public static ExtractOptions extract(InputStream input, String name) {
        return new ExtractOptions(input, name);
    }

    /**
     * Reassembly fed frames: {@code "ipv4"}, {@code "ipv6"}, {@code "ip"} (datagrams) or
     * {@code "tcp"} (streams and messages, over reassembled IP).
     */
    public static Reassembler reassemble(String kind, ReassembleOptions options) {
        return new Reassembler(kind, options);
    }

    /** Flow tracing fed frames: index and per-flow files when {@code options} names an output folder. */
    public static Tracer trace(FlowOptions options) {
        return new Tracer(options, null, null);
    }

    /** Flow tracing fed frames, each flow handed to {@code onFlow} as it ends. */
    public static Tracer trace(FlowOptions options, Consumer<Flow> onFlow) {
        return new Tracer(options, onFlow, null);
    }

    /**
     * Follows one flow of a capture as {@code tshark -z follow} does: every chunk of its payload,
     * in order, with gaps, to the {@link Follow}'s consumer. IP reassembly is on; so are UDP flows.
     *
     * @return the flow followed, or null when the capture has no such flow
     */
    public static Flow follow(Path capture, Follow follow) throws IOException {
        Pcapkit.extract(capture).layer(LayerType.TRANSPORT).follow(follow).run();
        return follow.flow();
    }

    /**
     * Recognises an application payload by content and decodes it (PyPCAPKit's {@code analyse}):
     * a TCP stream's bytes, a message. The grammars' heuristics are tried in turn (FTP, HTTP/1.x,
     * HTTP/2 by its connection preface); nothing recognised gives protocol {@code Raw}.
     */
    public static Analysis analyse(byte[] payload) {
        return Analysis.of(payload);
    }

    /** The library's version. */
    public static String version() {
        String v = Pcapkit.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
