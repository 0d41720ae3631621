package io.pcapkit.dump;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/** Placeholder until the dumpers land: the factory's contract, no formats yet. */
public final class Dumpers {
    private Dumpers() {
    }

    public static final List<String> FORMATS = List.of("json", "ndjson", "plist", "tree", "pcap", "pcapng");

    public static Dumper create(String format, OutputStream out, DumpOptions o) {
        throw new UnsupportedOperationException("output formats are not available yet");
    }

    public static Dumper createFiles(String format, Path dir, DumpOptions o) {
        throw new UnsupportedOperationException("output formats are not available yet");
    }

    public static String extension(String format) {
        return format.equals("tree") ? "txt" : format.equals("ndjson") ? "json" : format;
    }

    public static boolean isBinary(String format) {
        return format.equals("pcap") || format.equals("pcapng");
    }
}
