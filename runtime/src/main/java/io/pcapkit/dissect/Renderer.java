package io.pcapkit.dissect;

import java.nio.ByteBuffer;

/**
 * Renders the value of a runtime primitive type (a compressed domain name) as text. The value is
 * {@code [off, off + len)} of {@code buf}; what it refers to (a compression pointer's target) lies
 * in the stream {@code [base, end)} it was read from. Sinks call it only when they write the value,
 * so a visitor that skips the field pays nothing.
 */
@FunctionalInterface
public interface Renderer {
    void render(StringBuilder out, ByteBuffer buf, int base, int end, int off, int len);
}
