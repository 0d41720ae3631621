package io.pcapkit.dissect;

/** Looks a key up in one of the generated dispatch tables (or a user's decode-as override). */
@FunctionalInterface
public interface Dispatcher {
    /** @return the protocol id, or -1 when the table has no entry for the key */
    int lookup(int table, long key);
}
