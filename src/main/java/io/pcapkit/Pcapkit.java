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

    /** The library's version. */
    public static String version() {
        String v = Pcapkit.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
