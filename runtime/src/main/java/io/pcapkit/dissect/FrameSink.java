package io.pcapkit.dissect;

import io.pcapkit.capture.PacketRecord;
import java.nio.ByteBuffer;

/**
 * Receives dissected frames: the frame's own fields, then each layer (its fields through the
 * {@link FieldSink} methods, nested under the layer before it), then what remains raw or the
 * failure that ended the chain. Dumpers implement it; so can a user's streaming visitor.
 */
public interface FrameSink extends FieldSink {
    void beginFrame(PacketRecord frame);

    /**
     * A layer starts; its fields follow. {@code offset} is from the start of the frame.
     */
    void beginLayer(Protocol protocol, int offset);

    /**
     * The chain goes on in reassembled data (a datagram completed by this frame, or application
     * data a stream completed): the layers that follow, nested in the current one, lie in
     * {@code data}'s bytes, and their offsets are relative to its start. Ignored by default.
     */
    default void reassembled(Continuation data) {
    }

    /** Bytes no grammar dissected ({@code off} is absolute in {@code buf}). */
    void raw(ByteBuffer buf, int off, int len);

    /**
     * The layer {@code protocol} could not be dissected: {@code field} at {@code offset} (from the
     * start of the frame) failed for {@code reason}. Nothing follows it in this frame.
     */
    void malformed(Protocol protocol, Field field, int offset, ErrorKind kind, String reason);

    /**
     * A quoted datagram (the start of the datagram an ICMP error reports) ends inside the layer
     * {@code protocol}: its fields before {@code field}, at {@code offset} from the start of the
     * frame, were shown and nothing follows. This is not an error: error messages quote only the
     * first bytes of a datagram (Wireshark shows such a layer as far as it goes, too).
     */
    default void truncated(Protocol protocol, Field field, int offset) {
    }

    /** The frame is complete; {@code chain} is valid until the next frame. */
    void endFrame(Chain chain);

    /**
     * Where codecs that can may write a layer's fields as JSON bytes instead of calling the
     * {@link FieldSink} methods (the NDJSON dumper's writer), or null: every field through the
     * sink (the default).
     */
    default JsonLayerOut jsonOut() {
        return null;
    }
}
