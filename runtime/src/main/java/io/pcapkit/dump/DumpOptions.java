package io.pcapkit.dump;

/** What dumpers add to each frame record beyond the fields. */
public final class DumpOptions {
    /** Raw frame bytes (frame-level {@code packet}) and the bytes of {@code raw} layers, as hex. */
    public boolean bytes;
    /** Per layer, {@code _offsets: {field: [offset from the frame start, length]}}. */
    public boolean offsets;
    /** Structured fields (option lists, nested types) as their bytes in hex: each layer's fixed header only. */
    public boolean shallow;
    /**
     * About how many bytes a dumper holds before it writes them to its stream (64 KiB by
     * default). Per-flow files, thousands of which may be open at once, take less.
     */
    public int bufferBytes = DEFAULT_BUFFER_BYTES;

    /** A dumper's usual buffer: large writes, and still within L2. */
    public static final int DEFAULT_BUFFER_BYTES = 64 * 1024;
    /** The least buffer a dumper takes: an NDJSON line, a pcap record header and more fit. */
    public static final int MIN_BUFFER_BYTES = 1024;

    public DumpOptions shallow(boolean s) {
        this.shallow = s;
        return this;
    }

    public DumpOptions bytes(boolean b) {
        this.bytes = b;
        return this;
    }

    public DumpOptions offsets(boolean o) {
        this.offsets = o;
        return this;
    }

    /** See {@link #bufferBytes}; at least {@link #MIN_BUFFER_BYTES}. */
    public DumpOptions bufferBytes(int n) {
        if (n < MIN_BUFFER_BYTES) throw new IllegalArgumentException("bufferBytes must be at least " + MIN_BUFFER_BYTES + ": " + n);
        this.bufferBytes = n;
        return this;
    }

    /** Whether a dumper with options {@code o} writes the same records (the buffer's size aside). */
    public boolean sameRecords(DumpOptions o) {
        return bytes == o.bytes && offsets == o.offsets && shallow == o.shallow;
    }

    /** An independent copy. */
    public DumpOptions copy() {
        DumpOptions o = new DumpOptions();
        o.bytes = bytes;
        o.offsets = offsets;
        o.shallow = shallow;
        o.bufferBytes = bufferBytes;
        return o;
    }
}
