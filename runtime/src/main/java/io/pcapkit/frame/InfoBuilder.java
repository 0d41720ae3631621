package io.pcapkit.frame;

import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Continuation;
import io.pcapkit.dissect.ErrorKind;
import io.pcapkit.dissect.Field;
import io.pcapkit.dissect.FrameSink;
import io.pcapkit.dissect.Protocol;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Builds {@link Info} maps from sink calls: the frame record ({@link #frame()}) or a capture
 * header ({@link #fields()}). Meant for the materialised API and tests, not the hot path.
 */
public final class InfoBuilder implements FrameSink {
    /** Frame-level options of the record. */
    private final boolean withBytes;
    private final Deque<Object> stack = new ArrayDeque<>();
    private LinkedHashMap<String, Object> root;
    private LinkedHashMap<String, Object> layer;
    private Info result;

    public InfoBuilder() {
        this(false);
    }

    public InfoBuilder(boolean withBytes) {
        this.withBytes = withBytes;
        reset();
    }

    /** Starts a plain field map (no frame). */
    public InfoBuilder reset() {
        root = new LinkedHashMap<>();
        layer = root;
        stack.clear();
        stack.push(root);
        return this;
    }

    /** The fields collected since {@link #reset()}, as an Info. */
    public Info fields() {
        return freeze(root);
    }

    /** The last complete frame. */
    public Info frame() {
        return result;
    }

    @Override
    public void beginFrame(PacketRecord r) {
        reset();
        root.put("number", r.number);
        if (r.time.known) {
            root.put("time", r.time.isoString());
            root.put("time_epoch", r.time.epochString());
        }
        root.put("cap_len", (long) r.capLen);
        root.put("len", r.origLen);
        if (r.interfaceId >= 0) root.put("interface", (long) r.interfaceId);
        if (withBytes) {
            StringBuilder b = new StringBuilder();
            Formats.hex(b, r.buffer, r.offset, r.capLen);
            root.put("packet", b.toString());
        }
    }

    @Override
    public void beginLayer(Protocol p, int offset) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        layer.put(p.key, m);
        layer = m;
        stack.clear();
        stack.push(m);
    }

    @Override
    public void reassembled(Continuation k) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("kind", k.kind);
        List<Object> frames = new ArrayList<>(k.frameCount());
        for (int i = 0; i < k.frameCount(); i++) frames.add(k.frame(i));
        m.put("frames", frames);
        m.put("len", (long) k.length);
        layer.put("reassembled", m);
        stack.clear();
        stack.push(layer);
    }

    @Override
    public void raw(ByteBuffer buf, int off, int len) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("len", (long) len);
        if (withBytes) {
            StringBuilder b = new StringBuilder();
            Formats.hex(b, buf, off, len);
            m.put("data", b.toString());
        }
        layer.put("raw", m);
    }

    @Override
    public void malformed(Protocol p, Field f, int offset, ErrorKind kind, String reason) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", p.name);
        m.put("field", f == null ? null : f.path);
        m.put("offset", (long) offset);
        m.put("reason", reason);
        layer.put("malformed", m);
    }

    @Override
    public void truncated(Protocol p, Field f, int offset) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", p.name);
        m.put("field", f == null ? null : f.path);
        m.put("offset", (long) offset);
        layer.put("truncated", m);
    }

    @Override
    public void endFrame(Chain chain) {
        root.put("protocols", chain.toString());
        result = freeze(root);
    }

    /**
     * A group's or a list item's fields. One left with none (the empty line that ends HTTP's
     * headers, an item a malformed field cut before its first value) is left out, as the dumpers
     * leave it out.
     */
    private static final class Members extends LinkedHashMap<String, Object> {
        private static final long serialVersionUID = 1L;
    }

    @SuppressWarnings("unchecked")
    private static Info freeze(LinkedHashMap<String, Object> m) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        for (var e : m.entrySet()) {
            Object v = freezeValue(e.getValue());
            if (v != null || e.getValue() == null) out.put(e.getKey(), v);
        }
        return new Info(out);
    }

    /** The frozen value, or null for a group or item left with no member (the caller drops it). */
    @SuppressWarnings("unchecked")
    private static Object freezeValue(Object v) {
        if (v instanceof LinkedHashMap<?, ?> mm) {
            Info i = freeze((LinkedHashMap<String, Object>) mm);
            return i.isEmpty() && mm instanceof Members ? null : i;
        }
        if (v instanceof List<?> l) {
            List<Object> c = new ArrayList<>(l.size());
            for (Object o : l) {
                Object f = freezeValue(o);
                if (f != null) c.add(f);
            }
            return List.copyOf(c);
        }
        return v;
    }

    // ---- fields ----

    @SuppressWarnings("unchecked")
    private void put(Field f, Object value) {
        Object top = stack.peek();
        if (top instanceof List<?> l) {
            ((List<Object>) l).add(value);
        } else {
            ((LinkedHashMap<String, Object>) top).put(f.name, value);
        }
    }

    @Override
    public void number(Field f, long value, int off, int len) {
        if (Formats.numberIsText(f.format)) {
            StringBuilder b = new StringBuilder();
            Formats.number(b, f.format, value);
            put(f, b.toString());
        } else {
            put(f, value);
        }
    }

    @Override
    public void enumerated(Field f, long value, String name, int off, int len) {
        put(f, new EnumValue(value, name == null ? EnumValue.UNASSIGNED : name));
    }

    @Override
    public void bool(Field f, boolean value, int off, int len) {
        put(f, value);
    }

    @Override
    public void bytes(Field f, ByteBuffer buf, int off, int len) {
        StringBuilder b = new StringBuilder();
        Formats.bytes(b, f.format, buf, off, len);
        put(f, b.toString());
    }

    @Override
    public void text(Field f, String value) {
        put(f, value);
    }

    @Override
    public void beginGroup(Field f) {
        LinkedHashMap<String, Object> m = new Members();
        put(f, m);
        stack.push(m);
    }

    @Override
    public void endGroup(Field f) {
        stack.pop();
    }

    @Override
    public void beginList(Field f) {
        List<Object> l = new ArrayList<>();
        put(f, l);
        stack.push(l);
    }

    @Override
    public void endList(Field f) {
        stack.pop();
    }

    @Override
    public void beginItem(Field f) {
        LinkedHashMap<String, Object> m = new Members();
        put(f, m);
        stack.push(m);
    }

    @Override
    public void endItem(Field f) {
        stack.pop();
    }

}
