package io.pcapkit.dissect;

import java.nio.ByteBuffer;

/** A {@link FieldSink} that ignores everything; extend it to pick out a few fields. */
public class FieldSinkAdapter implements FieldSink {
    /** Ignores everything (a walk whose output nobody wants). */
    public static final FieldSink NOWHERE = new FieldSinkAdapter();

    @Override
    public void number(Field f, long value, int off, int len) {
    }

    @Override
    public void enumerated(Field f, long value, String name, int off, int len) {
        number(f, value, off, len);
    }

    @Override
    public void bool(Field f, boolean value, int off, int len) {
    }

    @Override
    public void bytes(Field f, ByteBuffer buf, int off, int len) {
    }

    @Override
    public void text(Field f, String value) {
    }

    @Override
    public void rendered(Field f, Renderer r, ByteBuffer buf, int base, int end, int off, int len) {
    }

    @Override
    public void beginGroup(Field f) {
    }

    @Override
    public void endGroup(Field f) {
    }

    @Override
    public void beginList(Field f) {
    }

    @Override
    public void endList(Field f) {
    }

    @Override
    public void beginItem(Field f) {
    }

    @Override
    public void endItem(Field f) {
    }
}
