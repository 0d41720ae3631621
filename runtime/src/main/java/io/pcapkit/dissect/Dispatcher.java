package io.pcapkit.dissect;

/** Looks a key up in one of the generated dispatch tables (or a user's decode-as override). */
@FunctionalInterface
public interface Dispatcher {
    /**
     * Finds nothing: a codec asked for its next protocol with it evaluates every dispatch key (the
     * Kaitai-backed codecs do, so that a key that fails to parse fails the layer, not the caller).
     */
    Dispatcher NONE = (table, key) -> -1;

    /** @return the protocol id, or -1 when the table has no entry for the key */
    int lookup(int table, long key);
}
