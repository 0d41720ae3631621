package io.pcapkit.dissect;

import java.nio.ByteBuffer;

/**
 * Bytes a {@link LayerHook} hands back to the {@link Dissector} to dissect on with: a reassembled
 * IP datagram's payload, or application data that a stream transport (TCP) completed in this
 * frame. The frame's chain goes on in these bytes, as Wireshark goes on in its "reassembled"
 * data source; fields and offsets of the layers that follow are relative to {@link #offset}.
 *
 * <p>Immutable once handed over (the buffer is never written again), so a kept {@link Chain}
 * can replay it.
 */
public final class Continuation {
    /** Returned by {@link LayerHook#layer} when the hook took the layer's payload and nothing is complete yet. */
    public static final Continuation RAW = new Continuation(null, 0, 0, -1, new long[0], null);

    /** What the bytes are, for people and sinks: {@code "IPv4 datagram"}, {@code "IPv6 datagram"}, {@code "TCP stream"}. */
    public final String kind;
    public final ByteBuffer buffer;
    public final int offset;
    public final int length;
    /** Protocol id to dissect first, or -1 to let the current layer dispatch as usual (its next-layer rule). */
    public final int protocol;
    /** Numbers of the frames whose bytes make up this data, in the order they arrived. */
    private final long[] frames;
    /**
     * The stream the bytes belong to (a TCP connection's direction, with equals and hashCode), or
     * null: per-flow decoder state (HPACK) is kept under it while these bytes are dissected.
     */
    private Object stream;
    /** Further data completed in the same frame (more application messages), or null. */
    private Continuation next;

    public Continuation(ByteBuffer buffer, int offset, int length, int protocol, long[] frames, String kind) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.protocol = protocol;
        this.frames = frames;
        this.kind = kind;
    }

    /** A continuation over a whole array. */
    public static Continuation of(byte[] data, int protocol, long[] frames, String kind) {
        return new Continuation(ByteBuffer.wrap(data), 0, data.length, protocol, frames, kind);
    }

    /** Names the stream these bytes belong to (see {@link DissectContext#bindStream}); returns this. */
    private boolean answersNote;

    /** The message answers a request whose exchange note was set (see {@link LayerCodec#exchangeNote}). */
    public Continuation answersNote(boolean v) {
        this.answersNote = v;
        return this;
    }

    public boolean answersNote() {
        return answersNote;
    }

    public Continuation stream(Object key) {
        if (this == RAW) throw new IllegalArgumentException("RAW has no stream");
        this.stream = key;
        return this;
    }

    public Object stream() {
        return stream;
    }

    public int frameCount() {
        return frames.length;
    }

    public long frame(int i) {
        return frames[i];
    }

    /** A copy of the frame numbers. */
    public long[] frames() {
        return frames.clone();
    }

    public Continuation next() {
        return next;
    }

    /** Appends {@code k} at the end of this list of continuations; returns this. */
    public Continuation append(Continuation k) {
        if (this == RAW || k == RAW) throw new IllegalArgumentException("RAW does not chain");
        Continuation c = this;
        while (c.next != null) c = c.next;
        c.next = k;
        return this;
    }

    @Override
    public String toString() {
        return kind + " (" + length + " bytes from " + frames.length + " frames)";
    }
}
