package io.pcapkit.generator.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The grammar's {@code meta/-pcapkit} block: how the layer appears in a frame record and how the
 * runtime chains it to the layers around it.
 */
public final class LayerMeta {
    /** Chain token, e.g. {@code IPv4}; null for a structure that is not a protocol layer (capture formats). */
    public String name;
    /** JSON key, e.g. {@code ipv4}. */
    public String key;
    /** link | internet | transport | application */
    public String layer;
    /** ProtoChain group aliases, e.g. IP for IPv4 and IPv6. */
    public final List<String> groups = new ArrayList<>();
    /** Shown in the chain? Transparent layers (raw-IP pseudo headers) are not. */
    public boolean transparent;
    /**
     * Whether the next layer is dispatched when no payload bytes are left. True for headers that
     * name what follows (an EtherType, a next-header number): nothing after them is a truncated
     * packet, reported by the next layer. False where the choice is a guess from ports.
     */
    public boolean nextWhenEmpty = true;
    /**
     * {@code next-when-empty: cut}: an empty payload is dispatched only when the capture cut it (its
     * announced length reaches past the bytes captured), as tshark's IPv4 hands on nothing when
     * its payload is empty, or when its total length lies beyond the frame.
     */
    public boolean nextWhenCut;
    /** Where parents reach this grammar: table -> keys (each with an optional name variant). */
    public final List<DispatchKey> dispatch = new ArrayList<>();
    /** Expressions over the top-level fields. */
    public String headerLength;
    public String payloadLength;
    public String fragment;
    public final List<NextRule> next = new ArrayList<>();
    /** Key spaces this grammar's payload may dispatch on besides the ones in {@link #next} (documentation). */
    public String doc;
    /** The payload {@code payload-length} declares must all be present, or the layer is truncated. */
    public boolean payloadRequired;
    /**
     * {@code declines}: a top-level seq field whose failed {@code valid} check means the bytes are
     * not this protocol at all (Wireshark's dissector rejects them and shows data): they stay Raw
     * instead of ending in a malformed layer. Null when every failure is malformed.
     */
    public String declines;
    /**
     * With {@code declines: {field: F, short: true}}: bytes too few to hold the fields up to F are
     * not this protocol either (L2TP's dissector wants the two bytes of its version); this many
     * bytes, 0 when they are malformed as usual (IPv6).
     */
    public int declinesBytes;
    /** Whether {@code short: true} was given (the byte count is worked out once the seq is loaded). */
    public boolean declinesShort;
    /**
     * {@code hand-over: {field: F, table: T}}: when top-level field F fails its {@code valid}
     * check and table T has an entry for F's value, the layer ends at F (showing the fields read up
     * to it) and the same bytes are dissected as that entry's protocol; without an entry the layer is
     * malformed as usual. Wireshark's IPv4 dissector hands a datagram of version 6 to IPv6 so.
     */
    public String handOver;
    public String handOverTable;
    /** Where F lies from the layer's start, in bits, and its width: the runtime reads F's value there. */
    public int handOverBitOffset;
    public int handOverBits;
    /**
     * {@code roles}: the top-level fields that the runtime's flow tracking and stream reassembly
     * read, by role name ({@code src-address}, {@code src-port}, {@code sequence}, ...), so that
     * no runtime code knows where a protocol keeps them. Filled in declaration order.
     */
    public final java.util.Map<String, String> roles = new java.util.LinkedHashMap<>();
    /** Where each role's field lies from the layer's start, in bits, and its width: role -> {offset, bits}. */
    public final java.util.Map<String, int[]> roleBits = new java.util.LinkedHashMap<>();
    /** How the layer is recognised by content; null when it is not. */
    public Heuristic heuristic;
    /** Request/response pairing: which messages are requests, and the note a request leaves for its response. */
    public Exchange exchange;
    /** Chain tokens chosen by content after a successful decode, first match wins. */
    public final List<Variant> variants = new ArrayList<>();
    /** Values found in a list for the layer-level expressions, by name, in declaration order. */
    public final java.util.Map<String, Lookup> lookups = new java.util.LinkedHashMap<>();

    /**
     * One entry of {@code dispatch}: in {@code table}, {@code value} selects this grammar, shown as
     * name/key, with the grammar's parameters set to {@code params} (empty: their defaults).
     */
    public record DispatchKey(String table, long value, String name, String key, java.util.Map<String, Object> params) {
        public DispatchKey(String table, long value, String name, String key) {
            this(table, value, name, key, java.util.Map.of());
        }
    }

    /**
     * {@code heuristic}: the payload looks like this layer when the regular expression
     * {@code match} matches at its start, over its first {@code window} bytes read as ISO-8859-1.
     * With {@code guard}, a dispatch table's choice of this grammar must match too. With
     * {@code conversation}, once recognised the rest of the connection (both directions) is this
     * protocol, where no table names another (HTTP/2 after its preface).
     */
    /** {@code exchange: {request: EXPR, note: EXPR}}: responses answer requests in order, per connection. */
    public record Exchange(String request, String note, String where) {
    }

    public record Heuristic(String match, int window, boolean guard, boolean conversation) {
    }

    /** {@code variants}: when {@code condition} holds after a decode, the layer is shown as {@code name}. */
    public record Variant(String condition, String name, String where) {
    }

    /**
     * {@code lookups}: {@code name} is {@code value} of the first element of the list field
     * {@code in} for which {@code condition} holds, else {@code dflt}; both are expressions over
     * the element's fields.
     */
    public record Lookup(String name, String in, String condition, String value, String dflt, String where) {
    }

    /**
     * One alternative of {@code next}: when {@code condition} holds (or is null), look each key up in
     * {@code table}; or go straight to {@code protocol}. A {@code quoted} payload is the start of
     * another datagram that this layer quotes (an ICMP error's): it may end anywhere, so a layer in
     * it that runs out of bytes ends the frame without being malformed.
     */
    public record NextRule(String condition, String table, List<String> keys, String protocol, boolean quoted, String where) {
    }
}
