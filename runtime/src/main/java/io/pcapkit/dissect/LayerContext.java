package io.pcapkit.dissect;

import io.pcapkit.capture.PacketRecord;
import java.nio.ByteBuffer;

/**
 * What a {@link LayerHook} sees of the frame being dissected: the record, the layers so far (the
 * current one last) with their absolute positions, the current layer's codec (its accessors hold
 * the values just decoded) and the dispatch tables. One reused instance per dissector: valid only
 * during the call.
 */
public final class LayerContext {
    PacketRecord frame;
    Chain chain;
    LayerCodec codec;
    Dispatcher dispatcher;

    /** The frame (number, time, lengths). */
    public PacketRecord frame() {
        return frame;
    }

    public Chain chain() {
        return chain;
    }

    /** Index in the chain of the current layer. */
    public int index() {
        return chain.count - 1;
    }

    public Protocol protocol() {
        return chain.protocol(index());
    }

    /** The current layer's codec, holding its last decode. */
    public LayerCodec codec() {
        return codec;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /** The buffer holding layer {@code i} (the frame's, or reassembled data). */
    public ByteBuffer buffer(int i) {
        return chain.buffer(i);
    }

    /** Absolute position of layer {@code i}'s first byte in {@link #buffer(int)}. */
    public int start(int i) {
        return chain.sourceOffset(i) + chain.start(i);
    }

    /** Absolute end of layer {@code i}'s header (start of its payload). */
    public int headerEnd(int i) {
        return chain.sourceOffset(i) + chain.headerEnd(i);
    }

    /** Absolute end of layer {@code i}'s payload. */
    public int payloadEnd(int i) {
        return chain.sourceOffset(i) + chain.payloadEnd(i);
    }

    /** Absolute end of layer {@code i}'s payload by the lengths announced: past {@link #payloadEnd(int)} when the capture cut it. */
    public long reportedEnd(int i) {
        return (long) chain.sourceOffset(i) + chain.reportedEnd(i);
    }

    public ByteBuffer buffer() {
        return buffer(index());
    }

    public int start() {
        return start(index());
    }

    public int payloadStart() {
        return headerEnd(index());
    }

    public int payloadEnd() {
        return payloadEnd(index());
    }
}
