package io.pcapkit.flow;

import io.pcapkit.capture.Timestamp;

/**
 * What the flow hook takes from one transport layer of a frame: the flow's key, TCP's numbers and
 * control bits, the payload, and the frame's number, length on the wire and time. The dissecting
 * thread fills it; the hook's work on it ({@link FlowHook#process}) runs there or on
 * {@link FlowThread}.
 */
final class FlowPacket {
    final FlowKey key = new FlowKey();
    boolean isTcp;
    /** TCP's control bits, in {@link io.pcapkit.reassembly.TcpConnection}'s encoding */
    int flags;
    long seq;
    long ack;
    /**
     * the payload: {@code payloadLength} bytes at {@code payloadStart} of the frame's buffer, or of
     * the batch's when the packet went to {@link FlowThread} (no reference here: a reference
     * written into a long-lived packet per frame would cost the collector a card each time)
     */
    int payloadStart;
    int payloadLength;
    /** the payload's length as the frame's and IP's lengths announce it: more than {@link #payloadLength} when the capture cut the segment */
    long announced;
    long frame;
    long origLen;
    long nanos;
    final Timestamp time = new Timestamp();

    /** Takes {@code p}'s fields (its payload's place too). */
    void copyFrom(FlowPacket p) {
        key.copyFrom(p.key);
        isTcp = p.isTcp;
        flags = p.flags;
        seq = p.seq;
        ack = p.ack;
        payloadStart = p.payloadStart;
        payloadLength = p.payloadLength;
        announced = p.announced;
        frame = p.frame;
        origLen = p.origLen;
        nanos = p.nanos;
        time.set(p.time);
    }
}
