package io.pcapkit.conformance;

import io.pcapkit.dissect.Protocol;
import io.pcapkit.frame.Info;
import io.pcapkit.gen.Protocols;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The layers of one frame record in order (outermost first), found by following the nested layer
 * keys ({@code ethernet} -> {@code ipv4} -> {@code tcp}). {@link #first} mirrors tshark's
 * {@code occurrence=f}: the outermost instance of a protocol.
 */
final class Layers {
    /** JSON keys of every protocol the grammars define, plus the runtime's own leaves (raw, malformed, a quote's end). */
    static final Set<String> LAYER_KEYS = new HashSet<>();

    static {
        for (Protocol p : Protocols.all()) LAYER_KEYS.add(p.key);
        LAYER_KEYS.add("raw");
        LAYER_KEYS.add("malformed");
        LAYER_KEYS.add("truncated");
    }

    record Layer(String key, Info fields) {
    }

    final Info frame;
    final List<Layer> layers = new ArrayList<>();

    Layers(Info frame) {
        this.frame = frame;
        Info cur = frame;
        while (true) {
            Layer next = null;
            for (Map.Entry<String, Object> e : cur.entrySet()) {
                // a layer's child comes after its fields: the last layer-keyed map is the child
                if (LAYER_KEYS.contains(e.getKey()) && e.getValue() instanceof Info i) next = new Layer(e.getKey(), i);
            }
            if (next == null) break;
            layers.add(next);
            cur = next.fields();
        }
    }

    /**
     * Index of the first layer that holds a {@code malformed} node (the layer that failed), or -1.
     * A stream's messages go on after a malformed one, so it need not be the last.
     */
    int failingIndex() {
        if (frame.get("malformed") != null) return 0; // the first layer failed before it began
        for (int i = 0; i < layers.size(); i++) if (layers.get(i).fields().get("malformed") != null) return i;
        return -1;
    }

    /** The first {@code malformed} node (see {@link #failingIndex}), or null. */
    Info failure() {
        int i = failingIndex();
        if (i < 0) return null;
        Info holder = frame.get("malformed") != null ? frame : layers.get(i).fields();
        return (Info) holder.get("malformed");
    }

    /** The outermost layer with JSON key {@code key}, or null. */
    Info first(String key) {
        for (Layer l : layers) if (l.key().equals(key)) return l.fields();
        return null;
    }

    /** The outermost layer whose key is one of {@code keys}, or null. */
    Layer firstOf(String... keys) {
        for (Layer l : layers) for (String k : keys) if (l.key().equals(k)) return l;
        return null;
    }

    /** The chain tokens of the record ({@code protocols}, e.g. Ethernet, IPv4, TCP, Raw). */
    List<String> chain() {
        String s = frame.string("protocols");
        List<String> out = new ArrayList<>();
        if (s != null) for (String t : s.split(":")) if (!t.isEmpty()) out.add(t);
        return out;
    }
}
