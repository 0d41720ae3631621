package io.pcapkit.dump;

import io.pcapkit.capture.CaptureReader;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Dumpers of one format for many outputs written from one thread (a trace's per-flow files): each
 * buffers {@link DumpOptions#bufferBytes}, and the NDJSON ones share their encoded texts
 * ({@link NdjsonTexts}), so that a dumper holds little more than its buffer and a flow's file
 * starts with the texts earlier flows encoded. Made by {@link Dumpers#family}.
 */
public final class DumperFamily {
    private final String format;
    private final DumpOptions options;
    private final NdjsonTexts ndjson;

    DumperFamily(String format, DumpOptions options) {
        this.format = format;
        this.options = options.copy();
        this.ndjson = format.equals("ndjson") ? new NdjsonTexts() : null;
    }

    /**
     * Frames' records one at a time, written with the family's options (and, for NDJSON, texts;
     * from the family's thread): NDJSON lines, or JSON and plist entries when there is a capture to
     * take the header from ({@code reader}). Null for the other formats: the tree (its files have a
     * dumper each), pcap and pcapng (records copied as they are).
     */
    public FrameRecords records(CaptureReader reader) throws IOException {
        if (ndjson != null) return new NdjsonLines(options, ndjson, null);
        if (reader == null) return null; // a document's files open with the capture's header
        return switch (format) {
            case "json" -> new DocumentRecords(JsonDumper::new, options, reader);
            case "plist" -> new DocumentRecords(PlistDumper::new, options, reader);
            default -> null;
        };
    }

    /** A dumper writing to {@code out}; the family's dumpers must all be used from one thread. */
    public Dumper create(OutputStream out) throws IOException {
        if (ndjson != null) return new NdjsonDumper(out, options, ndjson);
        return Dumpers.create(format, out, options);
    }
}
