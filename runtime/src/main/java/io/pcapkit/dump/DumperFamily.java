package io.pcapkit.dump;

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
     * NDJSON lines one frame at a time, encoded with the family's texts and options (from the
     * family's thread); null for the other formats, whose records are not lines.
     */
    public NdjsonLines lines() {
        return ndjson == null ? null : new NdjsonLines(options, ndjson, null);
    }

    /** A dumper writing to {@code out}; the family's dumpers must all be used from one thread. */
    public Dumper create(OutputStream out) throws IOException {
        if (ndjson != null) return new NdjsonDumper(out, options, ndjson);
        return Dumpers.create(format, out, options);
    }
}
