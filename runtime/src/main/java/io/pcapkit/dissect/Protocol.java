package io.pcapkit.dissect;

import java.util.List;

/**
 * A protocol as it appears in a frame: a grammar reached through a dispatch table, under a chain
 * token ({@link #name}) and a JSON key ({@link #key}). One grammar may appear under several names
 * (802.1Q and 802.1ad, ARP and RARP).
 */
public final class Protocol {
    public final int id;
    public final String name;
    public final String key;
    public final LayerType layer;
    public final List<String> groups;
    /** Index of the grammar's codec in the generated codec table. */
    public final int codec;
    public final String grammar;
    /** Transparent layers (pseudo headers) are dissected but not shown. */
    public final boolean transparent;
    /** Whether the next layer is dispatched even when no payload is left (it then reports the truncation). */
    public final boolean nextWhenEmpty;
    /** Whether the grammar has a {@code heuristic}: it can be found by content. */
    public final boolean heuristic;
    /** Whether a table's choice of it must also pass its heuristic (else the payload stays raw). */
    public final boolean guard;
    /** Whether, once recognised by content, the rest of its connection is this protocol too. */
    public final boolean conversation;
    /**
     * The header field whose failed check means the bytes are not this protocol (the grammar's
     * {@code declines}, as Wireshark's dissector rejects them): they stay raw, no malformed layer.
     * Null when every failure is malformed.
     */
    public final Field declines;
    /**
     * Fewer bytes than this are not this protocol either (the grammar's {@code declines} with
     * {@code short: true}: the bytes up to its declining field); 0 when short bytes are a
     * truncated layer as usual.
     */
    public final int declinesBytes;
    /**
     * Whether an empty payload is dispatched when the capture cut it (the grammar's
     * {@code next-when-empty: cut}; {@link #nextWhenEmpty} is then false): the next layer shows cut.
     */
    public final boolean nextWhenCut;
    /**
     * The field whose failed {@code valid} check hands the bytes over (the grammar's
     * {@code hand-over}): when {@link #handOverTable} has an entry for its value, this layer ends
     * there and the same bytes are dissected as that entry (IPv4 of version 6 is IPv6, as in
     * Wireshark). Null when there is none.
     */
    public final Field handOver;
    /** The table the handing-over field's value is looked up in; -1 without {@link #handOver}. */
    public final int handOverTable;
    /** Where the handing-over field lies from the layer's start, in bits, and its width (big-endian). */
    public final int handOverBitOffset;
    public final int handOverBits;

    public Protocol(int id, String name, String key, LayerType layer, List<String> groups, int codec, String grammar,
            boolean transparent, boolean nextWhenEmpty) {
        this(id, name, key, layer, groups, codec, grammar, transparent, nextWhenEmpty, false, false, false, null, 0, false, null, -1, 0, 0);
    }

    public Protocol(int id, String name, String key, LayerType layer, List<String> groups, int codec, String grammar,
            boolean transparent, boolean nextWhenEmpty, boolean heuristic, boolean guard, boolean conversation, Field declines, int declinesBytes,
            boolean nextWhenCut, Field handOver, int handOverTable, int handOverBitOffset, int handOverBits) {
        this.handOver = handOver;
        this.handOverTable = handOverTable;
        this.handOverBitOffset = handOverBitOffset;
        this.handOverBits = handOverBits;
        this.nextWhenCut = nextWhenCut;
        this.declines = declines;
        this.declinesBytes = declinesBytes;
        this.heuristic = heuristic;
        this.guard = guard;
        this.conversation = conversation;
        this.id = id;
        this.name = name;
        this.key = key;
        this.layer = layer;
        this.groups = groups;
        this.codec = codec;
        this.grammar = grammar;
        this.transparent = transparent;
        this.nextWhenEmpty = nextWhenEmpty;
    }

    @Override
    public String toString() {
        return name;
    }
}
