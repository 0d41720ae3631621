package io.pcapkit.conformance;

import io.pcapkit.frame.Info;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Finds where two frame records differ, for messages. */
final class Compare {
    private Compare() {
    }

    /** The first path at which {@code a} and {@code b} differ, with both values, or null when equal. */
    static String firstDifference(String path, Object a, Object b) {
        if (a instanceof Info x && b instanceof Info y) {
            if (!x.keySet().equals(y.keySet())) {
                TreeSet<String> onlyA = new TreeSet<>(x.keySet());
                onlyA.removeAll(y.keySet());
                TreeSet<String> onlyB = new TreeSet<>(y.keySet());
                onlyB.removeAll(x.keySet());
                return path + ": keys only in fast " + onlyA + ", only in reference " + onlyB;
            }
            for (Map.Entry<String, Object> e : x.entrySet()) {
                String d = firstDifference(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), y.get(e.getKey()));
                if (d != null) return d;
            }
            if (!List.copyOf(x.keySet()).equals(List.copyOf(y.keySet()))) return path + ": key order differs";
            return null;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) return path + ": " + x.size() + " items in fast, " + y.size() + " in reference";
            for (int i = 0; i < x.size(); i++) {
                String d = firstDifference(path + "[" + i + "]", x.get(i), y.get(i));
                if (d != null) return d;
            }
            return null;
        }
        return Objects.equals(a, b) ? null : path + ": fast " + a + ", reference " + b;
    }

    /**
     * Both records of a malformed frame must fail in the same protocol at the same place, with the
     * same layers before it and after it (a stream's later messages in the same frame). The
     * failing layer itself is not compared: the fast codec shows the fields read before the bad
     * one and names its exact field and offset, while Kaitai's parse is all or nothing, so its
     * malformed node is compared by protocol only.
     */
    static void sameFailure(String where, Info fast, Info ref, List<String> diffs) {
        Layers a = new Layers(fast);
        Layers b = new Layers(ref);
        if (!Objects.equals(fast.get("protocols"), ref.get("protocols"))) {
            diffs.add(where + ": chain " + fast.get("protocols") + " (fast) vs " + ref.get("protocols") + " (reference)");
            return;
        }
        int fa = a.failingIndex();
        int fb = b.failingIndex();
        if (fa < 0 || fb < 0) {
            diffs.add(where + ": malformed only in " + (fa < 0 ? "reference" : "fast"));
            return;
        }
        Object pa = a.failure().get("protocol");
        Object pb = b.failure().get("protocol");
        if (!Objects.equals(pa, pb)) {
            diffs.add(where + ": malformed in " + pa + " (fast) vs " + pb + " (reference)");
            return;
        }
        if (fa != fb || a.layers.size() != b.layers.size()) {
            diffs.add(where + ": the failure after " + fa + " layers of " + a.layers.size() + " (fast) vs " + fb + " of " + b.layers.size() + " (reference)");
            return;
        }
        // the layers around the failing one are the same: before it, and (a stream's later
        // messages) after it; the failing layer itself is shown as far as it went by the fast
        // codec and without fields by Kaitai's all-or-nothing parse
        for (int i = 0; i < a.layers.size(); i++) {
            if (i == fa || a.layers.get(i).key().equals("malformed")) continue;
            String d = firstDifference(a.layers.get(i).key(), strip(a.layers.get(i).fields()), strip(b.layers.get(i).fields()));
            if (d != null) {
                diffs.add(where + (i < fa ? " (before the failure): " : " (after the failure): ") + d);
                return;
            }
        }
    }

    /**
     * The same for a quoted datagram (an ICMP error's) that ends inside a layer: the layer is
     * shown as far as it goes by the fast codec, and without fields by Kaitai's all-or-nothing
     * parse, so both records must end in the same protocol after the same complete layers.
     */
    static void sameTruncation(String where, Info fast, Info ref, List<String> diffs) {
        sameEnding(where, fast, ref, "truncated", diffs);
    }

    private static void sameEnding(String where, Info fast, Info ref, String node, List<String> diffs) {
        Layers a = new Layers(fast);
        Layers b = new Layers(ref);
        if (!Objects.equals(fast.get("protocols"), ref.get("protocols"))) {
            diffs.add(where + ": chain " + fast.get("protocols") + " (fast) vs " + ref.get("protocols") + " (reference)");
            return;
        }
        Layers.Layer ma = a.firstOf(node);
        Layers.Layer mb = b.firstOf(node);
        if (ma == null || mb == null) {
            diffs.add(where + ": " + node + " only in " + (ma == null ? "reference" : "fast"));
            return;
        }
        if (!Objects.equals(ma.fields().get("protocol"), mb.fields().get("protocol"))) {
            diffs.add(where + ": " + node + " in " + ma.fields().get("protocol") + " (fast) vs " + mb.fields().get("protocol") + " (reference)");
            return;
        }
        // the layers that decoded before the failure are the same
        int complete = Math.min(completeLayers(a, ma), completeLayers(b, mb));
        if (completeLayers(a, ma) != completeLayers(b, mb)) {
            diffs.add(where + ": " + completeLayers(a, ma) + " complete layers (fast) vs " + completeLayers(b, mb) + " (reference)");
            return;
        }
        for (int i = 0; i < complete; i++) {
            String d = firstDifference(a.layers.get(i).key(), strip(a.layers.get(i).fields()), strip(b.layers.get(i).fields()));
            if (d != null) {
                diffs.add(where + " (before the failure): " + d);
                return;
            }
        }
    }

    /**
     * Layers before the failure: the chain names them and then the failing protocol (transparent
     * layers are in neither the chain nor the record).
     */
    private static int completeLayers(Layers l, Layers.Layer malformed) {
        return Math.max(0, l.chain().size() - 1);
    }

    /** A layer's own fields, without the layers nested in it. */
    private static Info strip(Info layer) {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Object> e : layer.entrySet()) if (!Layers.LAYER_KEYS.contains(e.getKey())) m.put(e.getKey(), e.getValue());
        return Info.of(m);
    }
}
