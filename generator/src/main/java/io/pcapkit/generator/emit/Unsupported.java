package io.pcapkit.generator.emit;

/** A grammar uses a feature the fast path does not compile; the Kaitai-backed codec is used instead. */
public final class Unsupported extends RuntimeException {
    public Unsupported(String where, String what) {
        super(where + ": " + what);
    }
}
