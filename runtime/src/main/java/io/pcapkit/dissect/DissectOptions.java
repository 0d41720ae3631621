package io.pcapkit.dissect;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How deep the dissector goes and how it dispatches: the layer and protocol thresholds of
 * {@code extract}, decode-as overrides, and the choice of codec (fast or Kaitai reference).
 */
public final class DissectOptions {
    /** Stop after this layer (the next layer up stays raw); null goes as deep as the grammars reach. */
    public LayerType layer;
    /** Stop after the first layer whose name or group matches (case-insensitive); null for none. */
    public String protocol;
    /** Use the Kaitai-backed reference codecs (slow; for differential tests). */
    public boolean reference;
    /** table id -> key -> protocol id, consulted before the generated tables. */
    public final Map<Integer, Map<Long, Integer>> decodeAs = new HashMap<>();
    /**
     * Whether application layers are also found by content when no table names them (grammars'
     * {@code heuristic}); null derives it from the thresholds, see {@link #sniffs()}.
     */
    public Boolean sniff;

    /** Finds application layers by content (true) or only through the tables (false). */
    public DissectOptions sniff(boolean s) {
        this.sniff = s;
        return this;
    }

    /**
     * Whether payloads no table names are tried against the grammars' heuristics. As in
     * PyPCAPKit, content is looked at only when the user asks for application layers: the
     * application threshold, or a protocol threshold naming an application protocol (or a group
     * of them, such as HTTP).
     */
    public boolean sniffs() {
        if (sniff != null) return sniff;
        if (layer == LayerType.APPLICATION) return true;
        if (protocol != null) {
            for (Protocol p : io.pcapkit.gen.Protocols.all()) if (p.layer == LayerType.APPLICATION && matches(p, protocol)) return true;
        }
        return false;
    }

    /**
     * Whether a frame may be dissected up to an application layer: no layer threshold below it.
     * Below it, application work over reassembled streams (finding the protocol, parsing messages
     * that span segments) would be thrown away, so it is not done.
     */
    public boolean reachesApplication() {
        return layer == null || layer == LayerType.APPLICATION;
    }

    public DissectOptions layer(LayerType l) {
        this.layer = l;
        return this;
    }

    public DissectOptions protocol(String p) {
        this.protocol = p;
        return this;
    }

    public DissectOptions reference(boolean r) {
        this.reference = r;
        return this;
    }

    /** True when {@code p} matches {@code name} by chain token, JSON key, grammar id or group. */
    public static boolean matches(Protocol p, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (p.name.toLowerCase(Locale.ROOT).equals(n) || p.key.toLowerCase(Locale.ROOT).equals(n) || p.grammar.equals(n)) {
            return true;
        }
        List<String> groups = p.groups;
        for (String g : groups) if (g.toLowerCase(Locale.ROOT).equals(n)) return true;
        return false;
    }
}
