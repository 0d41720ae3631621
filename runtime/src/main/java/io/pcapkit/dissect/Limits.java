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
     * Malformed layers count: a stream's messages go on after a malformed one, nested in it.
     */
    public static final int MAX_LAYERS = 256;

    /**
     * Nesting of user types inside one layer (options inside options). Grammars nest a few levels;
     * this only guards against recursion through a self-referencing type.
     */
    public static final int MAX_TYPE_DEPTH = 32;

    /**
     * Compression pointers followed in one DNS name. Each pointer lands on a suffix written earlier,
     * so an honest chain is as long as the name has labels that were compressed separately (a few);
     * a name has at most 127 labels. A longer chain is a loop or an attack: it is not followed, and
     * the name shows as Wireshark's loop note (tshark also gives up on pointer loops).
     */
    public static final int MAX_DNS_POINTER_HOPS = 32;

    /**
     * Flow directions whose decoder state (HPACK tables) is kept. A capture has as many as it has
     * connections; beyond this the least recently used is dropped, so memory stays bounded (a
     * dropped flow's next header block may name entries we no longer have: reported malformed).
     */
    public static final int MAX_FLOW_STATES = 4096;

    /**
     * Largest HPACK dynamic table we keep (RFC 7541 section 4.2). Peers start at 4,096 bytes and
     * rarely announce more than 64 KiB; a size update above this is reported rather than honoured,
     * so 4,096 flows cost at most 256 MiB in the worst case and a few MiB in practice.
     */
    public static final int MAX_HPACK_TABLE_SIZE = 65_536;

    /**
     * Bytes of one HTTP/2 header block kept while its CONTINUATION frames arrive. Servers limit
     * header lists to 8-64 KiB (SETTINGS_MAX_HEADER_LIST_SIZE); 64 KiB of compressed block is
     * more than any of them accepts.
     */
    public static final int MAX_HEADER_BLOCK = 65_536;

    /**
     * Bytes of a decoded header list. HPACK lets one byte name a table entry of up to 64 KiB, so a
     * small block could decode to gigabytes; 256 KiB is four times what servers accept.
     */
    public static final int MAX_DECODED_HEADERS = 262_144;
}
