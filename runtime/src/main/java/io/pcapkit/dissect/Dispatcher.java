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

    /**
     * The protocol to dissect {@code [pos, limit)} of {@code buf} with after layer {@code p}, whose
     * tables gave {@code proto} (-1 for none): a guarded grammar takes only payloads that look like
     * it (a port is a hint), and a transport's payload nothing claims may be recognised by content.
     */
    default int guardAndSniff(Protocol p, int proto, java.nio.ByteBuffer buf, int pos, int limit) {
        return proto;
    }
}
