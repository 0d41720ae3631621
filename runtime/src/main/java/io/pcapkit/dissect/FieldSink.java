package io.pcapkit.dissect;

import java.nio.ByteBuffer;

/**
 * Receives a layer's fields in wire order. Generated walkers call it without allocating; positions
 * ({@code off}, {@code len}) are absolute in the buffer being dissected, so a sink can report
 * offsets from the start of the frame.
 *
 * <p>Inside a list ({@link #beginList}), scalar elements arrive as calls with the list's own field,
 * and object elements between {@link #beginItem} and {@link #endItem}.
 */
public interface FieldSink {
    void number(Field f, long value, int off, int len);

    /** An enumerated value; {@code name} is null when the number has no assigned name. */
    void enumerated(Field f, long value, String name, int off, int len);

    void bool(Field f, boolean value, int off, int len);

    /** Bytes shown according to {@link Field#format} (hex, MAC, address, text). */
    void bytes(Field f, ByteBuffer buf, int off, int len);

    /** A text value produced by a Kaitai-backed reference walker. */
    void text(Field f, String value);

    /**
     * The value of a runtime primitive type (a compressed domain name), rendered by {@code r} from
     * {@code [off, off + len)} of {@code buf} and the stream {@code [base, end)} it refers into. A
     * sink that writes text itself can render without allocating; by default it becomes
     * {@link #text}.
     */
    default void rendered(Field f, Renderer r, ByteBuffer buf, int base, int end, int off, int len) {
        StringBuilder b = new StringBuilder();
        r.render(b, buf, base, end, off, len);
        text(f, b.toString());
    }

    void beginGroup(Field f);

    void endGroup(Field f);

    void beginList(Field f);

    void endList(Field f);

    void beginItem(Field f);

    void endItem(Field f);

    /**
     * Whether a structured field (a list, or a nested type such as a header's options) should be
     * walked field by field. When false, the field arrives once through {@link #bytes} with its
     * whole byte range: the shallow output, and the cheapest.
     */
    default boolean expand(Field f) {
        return true;
    }
}
