package io.pcapkit.dissect;

import io.pcapkit.capture.PacketRecord;
import java.nio.ByteBuffer;

/**
 * Two sinks fed by one dissection, so that a frame whose dissection has side effects (a
 * {@link LayerHook} keeping reassembly state) is dissected once for a visitor and an output alike.
 */
public final class TeeSink implements FrameSink {
    private final FrameSink a;
    private final FrameSink b;

    public TeeSink(FrameSink a, FrameSink b) {
        this.a = a;
        this.b = b;
    }

    @Override
    public void beginFrame(PacketRecord frame) {
        a.beginFrame(frame);
        b.beginFrame(frame);
    }

    @Override
    public void beginLayer(Protocol protocol, int offset) {
        a.beginLayer(protocol, offset);
        b.beginLayer(protocol, offset);
    }

    @Override
    public void reassembled(Continuation data) {
        a.reassembled(data);
        b.reassembled(data);
    }

    @Override
    public void raw(ByteBuffer buf, int off, int len) {
        a.raw(buf, off, len);
        b.raw(buf, off, len);
    }

    @Override
    public void malformed(Protocol protocol, Field field, int offset, ErrorKind kind, String reason) {
        a.malformed(protocol, field, offset, kind, reason);
        b.malformed(protocol, field, offset, kind, reason);
    }

    @Override
    public void endFrame(Chain chain) {
        a.endFrame(chain);
        b.endFrame(chain);
    }

    @Override
    public void number(Field f, long value, int off, int len) {
        a.number(f, value, off, len);
        b.number(f, value, off, len);
    }

    @Override
    public void enumerated(Field f, long value, String name, int off, int len) {
        a.enumerated(f, value, name, off, len);
        b.enumerated(f, value, name, off, len);
    }

    @Override
    public void bool(Field f, boolean value, int off, int len) {
        a.bool(f, value, off, len);
        b.bool(f, value, off, len);
    }

    @Override
    public void bytes(Field f, ByteBuffer buf, int off, int len) {
        a.bytes(f, buf, off, len);
        b.bytes(f, buf, off, len);
    }

    @Override
    public void text(Field f, String value) {
        a.text(f, value);
        b.text(f, value);
    }

    @Override
    public void beginGroup(Field f) {
        a.beginGroup(f);
        b.beginGroup(f);
    }

    @Override
    public void endGroup(Field f) {
        a.endGroup(f);
        b.endGroup(f);
    }

    @Override
    public void beginList(Field f) {
        a.beginList(f);
        b.beginList(f);
    }

    @Override
    public void endList(Field f) {
        a.endList(f);
        b.endList(f);
    }

    @Override
    public void beginItem(Field f) {
        a.beginItem(f);
        b.beginItem(f);
    }

    @Override
    public void endItem(Field f) {
        a.endItem(f);
        b.endItem(f);
    }
}
