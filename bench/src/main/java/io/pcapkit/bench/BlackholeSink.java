package io.pcapkit.bench;

import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.ErrorKind;
import io.pcapkit.dissect.Field;
import io.pcapkit.dissect.FrameSink;
import io.pcapkit.dissect.Protocol;
import java.nio.ByteBuffer;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A visitor that folds every value it is given into an accumulator and hands the Blackhole one
 * value per frame: the JIT cannot skip reading a field, and the measurement does not pay a
 * Blackhole call per field.
 */
final class BlackholeSink implements FrameSink {
    private final Blackhole bh;
    /** whether options and other nested structures arrive field by field, or as their bytes */
    private final boolean expand;
    private long acc;
    /** Sum of every frame's accumulator when there is no Blackhole. */
    long total;

    BlackholeSink(Blackhole bh) {
        this(bh, true);
    }

    BlackholeSink(Blackhole bh, boolean expand) {
        this.bh = bh;
        this.expand = expand;
    }

    @Override
    public boolean expand(Field f) {
        return expand;
    }

    @Override
    public void beginFrame(PacketRecord frame) {
        acc = acc * 31 + frame.capLen;
    }

    @Override
    public void beginLayer(Protocol protocol, int offset) {
        acc = acc * 31 + (protocol == null ? 0 : 1);
    }

    @Override
    public void raw(ByteBuffer buf, int off, int len) {
        acc = acc * 31 + len;
    }

    @Override
    public void malformed(Protocol protocol, Field field, int offset, ErrorKind kind, String reason) {
        acc += System.identityHashCode(reason);
    }

    @Override
    public void endFrame(Chain chain) {
        if (bh != null) bh.consume(acc + chain.size());
        else total += acc + chain.size(); // without JMH (CpuTiming): kept, so nothing is dead code
        acc = 0;
    }

    @Override
    public void number(Field f, long value, int off, int len) {
        acc = acc * 31 + value;
    }

    @Override
    public void enumerated(Field f, long value, String name, int off, int len) {
        acc = acc * 31 + value;
        acc = acc * 31 + (name == null ? 0 : 1);
    }

    @Override
    public void bool(Field f, boolean value, int off, int len) {
        acc = acc * 31 + (value ? 1 : 0);
    }

    @Override
    public void bytes(Field f, ByteBuffer buf, int off, int len) {
        // read the bytes the way a consumer would look at an address: its first and last byte
        acc = acc * 31 + (len > 0 ? buf.get(off) + buf.get(off + len - 1) : 0) + len;
    }

    @Override
    public void text(Field f, String value) {
        acc = acc * 31 + value.length();
    }

    @Override
    public void beginGroup(Field f) {
        acc = acc * 31 + (f == null ? 0 : 1);
    }

    @Override
    public void endGroup(Field f) {
    }

    @Override
    public void beginList(Field f) {
        acc = acc * 31 + (f == null ? 0 : 1);
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
