package io.pcapkit;

import java.io.InputStream;
import java.nio.file.Path;

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
