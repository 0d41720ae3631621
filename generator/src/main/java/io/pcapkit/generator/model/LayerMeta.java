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
    /** Where parents reach this grammar: table -> keys (each with an optional name variant). */
    public final List<DispatchKey> dispatch = new ArrayList<>();
    /** Expressions over the top-level fields. */
    public String headerLength;
    public String payloadLength;
    public String fragment;
    public final List<NextRule> next = new ArrayList<>();
    /** Key spaces this grammar's payload may dispatch on besides the ones in {@link #next} (documentation). */
    public String doc;

    /** One entry of {@code dispatch}: in {@code table}, {@code value} selects this grammar, shown as name/key. */
    public record DispatchKey(String table, long value, String name, String key) {
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
