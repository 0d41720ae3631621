package io.pcapkit.reassembly;

import java.nio.ByteBuffer;

/**
 * An IPv4 or IPv6 address read as two longs, as flow and fragment keys hold them (no array to
 * allocate or compare): an IPv4 address is the high word's low 32 bits, with a low word of 0.
 */
public final class AddressWords {
    private AddressWords() {
    }

    /** The first word of the address of {@code size} bytes (4 or 16) at {@code off}. */
    public static long high(ByteBuffer b, int off, int size) {
        return size == 4 ? b.getInt(off) & 0xFFFFFFFFL : b.getLong(off);
    }

    /** The second word of that address: its last 8 bytes, or 0 for a 4-byte one. */
    public static long low(ByteBuffer b, int off, int size) {
        return size == 4 ? 0 : b.getLong(off + 8);
    }
}
