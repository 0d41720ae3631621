package io.pcapkit.flow;

import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;

/** Hears flows start, receive frames and end, in capture order. */
public interface FlowListener {
    /** A flow's first packet was seen (its frame follows through {@link #packet}). */
    default void started(Flow f) {
    }

    /**
     * Frame {@code r}, dissected into {@code chain} (both valid only during the call), belongs to
     * {@code f}, sent in direction {@code dir} (0: A to B).
     */
    default void packet(Flow f, int dir, PacketRecord r, Chain chain) {
    }

    /** The flow ended ({@link Flow#end()} says why); nothing follows for it. */
    default void ended(Flow f) {
    }

    /**
     * Whether this listener may hold on to a {@link Flow} (or its {@link Flow#tcp() connection})
     * after {@link #ended} returns. When no listener does, the flow's objects are reused for a later
     * flow, so that a flood of short flows makes no garbage. The default, true, is right for any
     * listener; say false only if nothing of the flow is kept past {@code ended}.
     */
    default boolean keepsFlows() {
        return true;
    }

    /**
     * Whether this listener may hear of flows' starts and ends on a thread of the flow hook's own,
     * in capture order but not on the dissecting thread, and wants no {@link #packet} calls. The
     * hook moves its work to that thread only when every listener says so
     * ({@link FlowHook#offThread}). The default, false, is right for any listener.
     */
    default boolean offThread() {
        return false;
    }

    /** The run is over: every flow has ended. */
    default void finished() {
    }
}
