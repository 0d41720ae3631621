package io.pcapkit.bench;

import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.ErrorKind;
import io.pcapkit.dissect.Field;
import io.pcapkit.dissect.FrameSink;
import io.pcapkit.dissect.Protocol;
import java.nio.ByteBuffer;
import org.openjdk.jmh.infra.Blackhole;

/** A visitor that consumes every value into a Blackhole, so the JIT cannot skip reading fields. */
final class BlackholeSink implements FrameSink {
    private final Blackhole bh;

    BlackholeSink(Blackhole bh) {
        this.bh = bh;
    }

    @Override
    public void beginFrame(PacketRecord frame) {
        bh.consume(frame.capLen);
    }

    @Override
    public void beginLayer(Protocol protocol, int offset) {
        bh.consume(protocol);
    }

    @Override
    public void raw(ByteBuffer buf, int off, int len) {
        bh.consume(len);
    }

    @Override
    public void malformed(Protocol protocol, Field field, int offset, ErrorKind kind, String reason) {
        bh.consume(reason);
    }

    @Override
    public void endFrame(Chain chain) {
        bh.consume(chain.size());
    }

    @Override
    public void number(Field f, long value, int off, int len) {
        bh.consume(value);
    }

    @Override
    public void enumerated(Field f, long value, String name, int off, int len) {
        bh.consume(value);
        bh.consume(name);
    }

    @Override
    public void bool(Field f, boolean value, int off, int len) {
        bh.consume(value);
    }

    @Override
    public void bytes(Field f, ByteBuffer buf, int off, int len) {
        bh.consume(off);
        bh.consume(len);
    }

    @Override
    public void text(Field f, String value) {
        bh.consume(value);
    }

    @Override
    public void beginGroup(Field f) {
        bh.consume(f);
    }

    @Override
    public void endGroup(Field f) {
    }

    @Override
    public void beginList(Field f) {
        bh.consume(f);
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
