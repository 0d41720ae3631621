package io.pcapkit.reassembly;

import java.nio.ByteBuffer;

/**
 * Receives the byte streams of TCP connections as they become continuous: in order, once per
 * byte, with explicit gaps where bytes were never captured. Direction 0 is from the connection's
 * first sender (A) to B, direction 1 back.
 */
public interface StreamListener {
    /**
     * The next {@code len} bytes of direction {@code dir}, in {@code [off, off + len)} of
     * {@code buf} (valid only during the call), carried by frame {@code frame}.
     */
    void data(TcpConnection c, int dir, ByteBuffer buf, int off, int len, long frame);

    /** {@code length} bytes of direction {@code dir} were never seen; noticed in frame {@code frame}. */
    void gap(TcpConnection c, int dir, long length, long frame);

    /** Frame {@code frame}, sent in direction {@code dir}, has been applied (after its data, if any). */
    default void segment(TcpConnection c, int dir, long frame) {
    }

    /**
     * The connection's buffers are over a cap: hand on what is held (an early message, say) so the
     * memory can be released.
     */
    default void release(TcpConnection c) {
    }

    /** The connection ended (FIN both ways, RST, idle timeout, eviction, end of input); nothing follows. */
    default void closed(TcpConnection c) {
    }

    /**
     * Whether this listener may hold on to a {@link TcpConnection} after {@link #closed} returns.
     * When no listener does, closed connections are reused for later ones (see
     * {@link io.pcapkit.flow.FlowListener#keepsFlows}). The default, true, is right for any listener.
     */
    default boolean keepsConnections() {
        return true;
    }
}
