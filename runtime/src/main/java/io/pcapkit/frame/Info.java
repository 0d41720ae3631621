package io.pcapkit.frame;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable, ordered view of a frame or a layer: field name to value, where a value is a
 * {@link Long}, {@link Boolean}, {@link String} (addresses, text, hex bytes), {@link EnumValue},
 * a {@code List}, or a nested {@code Info}. Dotted paths reach into nested maps:
 * {@code info.get("ipv4.flags.df")}.
 */
public final class Info extends AbstractMap<String, Object> {
    private final Map<String, Object> map;

    Info(LinkedHashMap<String, Object> map) {
        this.map = Collections.unmodifiableMap(map);
    }

    /** An Info holding a copy of {@code map}; nested maps must already be Infos. */
    public static Info of(Map<String, ?> map) {
        return new Info(new LinkedHashMap<>(map));
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return map.entrySet();
    }

    @Override
    public Object get(Object key) {
        Object v = map.get(key);
        if (v != null || !(key instanceof String s) || s.indexOf('.') < 0) return v;
        return path(s);
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    private Object path(String path) {
        Object cur = this;
        int from = 0;
        while (from <= path.length()) {
            if (!(cur instanceof Info i)) return null;
            // keys may contain dots themselves (802.1q): try the longest key first
            Object next = null;
            int end = path.length();
            while (end > from) {
                next = i.map.get(path.substring(from, end));
                if (next != null) break;
                end = path.lastIndexOf('.', end - 1);
                if (end < from) end = from;
            }
            if (next == null) return null;
            cur = next;
            from = end + 1;
            if (end == path.length()) return cur;
        }
        return cur;
    }

    /** A nested map, or null. */
    public Info info(String key) {
        Object v = get(key);
        return v instanceof Info i ? i : null;
    }

    /** An integer (or an enumerated value's number), or null. */
    public Long number(String key) {
        Object v = get(key);
        if (v instanceof Long l) return l;
        if (v instanceof EnumValue e) return e.value();
        return null;
    }

    public String string(String key) {
        Object v = get(key);
        return v == null ? null : v.toString();
    }

    public Boolean bool(String key) {
        Object v = get(key);
        return v instanceof Boolean b ? b : null;
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String key) {
        Object v = get(key);
        return v instanceof List<?> l ? (List<Object>) l : null;
    }
}
