package io.pcapkit.dissect;

import io.pcapkit.capture.PacketRecord;

/**
 * Where a frame's layers depend on other frames: the {@link Dissector} asks its hook when a
 * layer's payload is a fragment (the grammar's {@code fragment:} rule holds) and after each layer
 * of a protocol the hook {@link #watches} (a stream transport such as TCP). The hook may hand back
 * bytes to dissect on with (a {@link Continuation}): a reassembled datagram's payload, or the
 * application data a stream completed in this frame. That is how the frame completing a
 * datagram shows its transport and application layers, as Wireshark's "reassembled in" does.
 *
 * <p>A hook keeps state across frames, so one hook serves one dissector, frames in capture order.
 * It must not throw: its limits are its own, and what it drops it counts.
 */
public interface LayerHook {
    /** Whether {@link #layer} is called for layers of {@code p}; asked once per protocol. */
    default boolean watches(Protocol p) {
        return false;
    }

    /**
     * The layer {@code ctx.index()} carries a fragment in {@code [ctx.payloadStart(), ctx.payloadEnd())}.
     *
     * @return the reassembled data to dissect on with when this fragment completes it, else null
     *         (the fragment stays raw)
     */
    Continuation fragment(LayerContext ctx);

    /**
     * A watched layer was decoded (and emitted).
     *
     * @return null to dispatch its payload as usual; {@link Continuation#RAW} when the hook took
     *         the payload and nothing is complete (it stays raw); or the data to dissect on with
     *         instead of the payload
     */
    default Continuation layer(LayerContext ctx) {
        return null;
    }

    /** The frame is complete: {@code chain} holds all its layers (valid until the next frame). */
    default void endFrame(PacketRecord frame, Chain chain) {
    }
}
