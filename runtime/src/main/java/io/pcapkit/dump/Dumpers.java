package io.pcapkit.dump;

import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Dissector;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The output formats: {@code json} (one object: "Global Header", "Frame 1", ...), {@code ndjson}
 * (one frame per line), {@code plist} (Apple XML property list), {@code tree} (text for people),
 * {@code pcap} and {@code pcapng} (the frames written back as a capture).
 *
 * <pre>{@code
 * try (CaptureReader in = CaptureInput.open(path);
 *      Dumper out = Dumpers.create("ndjson", Files.newOutputStream(target), new DumpOptions())) {
 *     Dumpers.dump(in, new Dissector(), out);
 * }
 * }</pre>
 */
public final class Dumpers {
    private Dumpers() {
    }

    /** Every format name, in the order the CLI lists them. */
    public static final List<String> FORMATS = List.of("json", "ndjson", "plist", "tree", "pcap", "pcapng");

    private static String check(String format) {
        String f = format == null ? "" : format.toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(f)) {
            throw new IllegalArgumentException("unknown output format '" + format + "' (formats: " + String.join(", ", FORMATS) + ")");
        }
        return f;
    }

    /**
     * A dumper writing one document to {@code out}, which it closes when it is closed.
     *
     * @throws IllegalArgumentException for a format not in {@link #FORMATS}
     */
    public static Dumper create(String format, OutputStream out, DumpOptions options) throws IOException {
        DumpOptions o = options == null ? new DumpOptions() : options;
        return switch (check(format)) {
            case "json" -> new JsonDumper(out, o);
            case "ndjson" -> new NdjsonDumper(out, o);
            case "plist" -> new PlistDumper(out, o);
            case "tree" -> new TreeDumper(out, o);
            case "pcap" -> new PcapDumper(out, o.bufferBytes);
            case "pcapng" -> new PcapngDumper(out, o.bufferBytes);
            default -> throw new AssertionError(format);
        };
    }

    /**
     * An NDJSON output to {@code out} that also holds each frame's line for other writers (a
     * trace's per-flow NDJSON files): {@link NdjsonLines#dumper} writes what {@code create("ndjson",
     * out, options)} writes, a line at a time into a buffer of {@link DumpOptions#bufferBytes}.
     */
    public static NdjsonLines ndjsonLines(OutputStream out, DumpOptions options) {
        DumpOptions o = options == null ? new DumpOptions() : options;
        // lines are written one at a time: to a stream that buffers them already, or through a buffer
        OutputStream lines = out instanceof java.io.BufferedOutputStream ? out : new java.io.BufferedOutputStream(out, o.bufferBytes);
        return new NdjsonLines(o, new NdjsonTexts(), lines);
    }

    /**
     * Dumpers of {@code format} for many outputs written from one thread, such as a trace's
     * per-flow files, thousands of which may be open at once: see {@link DumperFamily}.
     */
    public static DumperFamily family(String format, DumpOptions options) {
        return new DumperFamily(check(format), options == null ? new DumpOptions() : options);
    }

    /**
     * Files mode: a dumper writing {@code Global Header.<ext>} and {@code Frame <n>.<ext>} into
     * {@code dir} (created if needed), each a complete document.
     *
     * @throws IllegalArgumentException for a format not in {@link #FORMATS}
     */
    public static Dumper createFiles(String format, Path dir, DumpOptions options) throws IOException {
        return new FilesDumper(check(format), dir, options == null ? new DumpOptions() : options);
    }

    /** File extension of a format: json, json, plist, txt, pcap, pcapng. */
    public static String extension(String format) {
        return switch (check(format)) {
            case "json", "ndjson" -> "json";
            case "plist" -> "plist";
            case "tree" -> "txt";
            case "pcap" -> "pcap";
            default -> "pcapng";
        };
    }

    /** Whether the format is binary (a capture file), which a terminal should not receive. */
    public static boolean isBinary(String format) {
        String f = check(format);
        return f.equals("pcap") || f.equals("pcapng");
    }

    /**
     * Writes every record of {@code reader} to {@code dumper}, in the order the {@link Dumper}
     * contract asks for: the header once, after the first record is read (a pcapng file's
     * interfaces are known by then) or at the end of an empty file, then each frame, dissected only
     * when the format shows layers. The dumper is not closed.
     *
     * @return the number of frames written
     * @throws IOException when the input or the output fails
     */
    public static long dump(CaptureReader reader, Dissector dissector, Dumper dumper) throws IOException {
        PacketRecord r = new PacketRecord();
        boolean layers = dumper.wantsLayers();
        Chain none = new Chain();
        boolean header = false;
        long n = 0;
        try {
            while (reader.next(r)) {
                if (!header) {
                    dumper.header(reader);
                    header = true;
                }
                if (layers) {
                    dissector.dissect(r, dumper);
                } else {
                    dumper.beginFrame(r);
                    dumper.endFrame(none);
                }
                n++;
            }
            if (!header) dumper.header(reader);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return n;
    }
}
