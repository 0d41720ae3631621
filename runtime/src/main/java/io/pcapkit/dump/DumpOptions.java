package io.pcapkit.dump;

/** What dumpers add to each frame record beyond the fields. */
public final class DumpOptions {
    /** Raw frame bytes (frame-level {@code packet}) and the bytes of {@code raw} layers, as hex. */
    public boolean bytes;
    /** Per layer, {@code _offsets: {field: [offset from the frame start, length]}}. */
    public boolean offsets;
    /** Structured fields (option lists, nested types) as their bytes in hex: each layer's fixed header only. */
    public boolean shallow;

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
}
