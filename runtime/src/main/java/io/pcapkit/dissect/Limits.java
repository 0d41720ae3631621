package io.pcapkit.dissect;

/** Every bound the dissector enforces, in one place, each with the reason for its value. */
public final class Limits {
    private Limits() {
    }

    /**
     * Items in one repeated field (options, records, list entries). The largest honest lists are
     * bounded by a 65,535-byte datagram with 1-byte items; anything longer is a loop on garbage.
     */
    public static final int MAX_LIST_ITEMS = 65_536;

    /**
     * Layers in one frame. Real stacks stay under 20, but IPv6 allows extension-header chains as
     * long as the payload, and libpcap's own test capture chains 101 of them (tshark dissects them
     * all). 256 covers that and still stops a dispatch loop long before the output suffers.
     */
    public static final int MAX_LAYERS = 256;

    /**
     * Nesting of user types inside one layer (options inside options). Grammars nest a few levels;
     * this only guards against recursion through a self-referencing type.
     */
    public static final int MAX_TYPE_DEPTH = 32;
}
