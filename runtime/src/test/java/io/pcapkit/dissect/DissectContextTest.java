package io.pcapkit.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.pcapkit.gen.Protocols;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Per-flow state: one object per flow direction (addresses of the IP layer, ports of the TCP/UDP
 * layer), the two directions apart, at most {@link Limits#MAX_FLOW_STATES} of them with the least
 * recently used dropped, and the reassembly hook's stream key taking over when it binds one.
 */
class DissectContextTest {
    private static final DissectContext.StateKind<Object> KIND = new DissectContext.StateKind<>(Object::new);

    /** A frame with an IPv4 header at 0 and a TCP header at 20, the given addresses and ports. */
    private static void frame(DissectContext ctx, int src, int dst, int sport, int dport) {
        ByteBuffer b = ByteBuffer.allocate(40);
        b.put(0, (byte) 0x45);
        b.putInt(12, src);
        b.putInt(16, dst);
        b.putShort(20, (short) sport);
        b.putShort(22, (short) dport);
        Chain c = new Chain();
        c.reset(b, 0);
        c.add(Protocols.lookup(Protocols.T_ETHERTYPE, 0x0800), 0, 20, 40, 40);
        c.add(Protocols.lookup(Protocols.T_IP_PROTO, 6), 20, 40, 40, 40);
        ctx.beginFrame(b, 0, c);
    }

    @Test
    void oneStatePerFlowDirection() {
        DissectContext ctx = new DissectContext();
        frame(ctx, 0x0a000001, 0x0a000002, 40000, 8097);
        Object a = ctx.state(KIND);
        frame(ctx, 0x0a000001, 0x0a000002, 40000, 8097);
        assertSame(a, ctx.state(KIND), "the same direction of the same connection");
        frame(ctx, 0x0a000002, 0x0a000001, 8097, 40000);
        assertNotSame(a, ctx.state(KIND), "the other direction has its own");
        frame(ctx, 0x0a000001, 0x0a000002, 40001, 8097);
        assertNotSame(a, ctx.state(KIND), "another connection");
        assertEquals(3, ctx.flowCount());
    }

    @Test
    void theLeastRecentlyUsedFlowIsDroppedAtTheLimit() {
        DissectContext ctx = new DissectContext();
        frame(ctx, 1, 2, 1, 2);
        Object first = ctx.state(KIND);
        for (int i = 0; i < Limits.MAX_FLOW_STATES; i++) {
            frame(ctx, 1, 2, 1000 + i, 2);
            ctx.state(KIND);
        }
        assertEquals(Limits.MAX_FLOW_STATES, ctx.flowCount());
        frame(ctx, 1, 2, 1, 2);
        assertNotSame(first, ctx.state(KIND), "dropped, then made anew");
    }

    @Test
    void aBoundStreamKeyTakesOver() {
        DissectContext ctx = new DissectContext();
        frame(ctx, 1, 2, 3, 4);
        Object byAddress = ctx.state(KIND);
        frame(ctx, 1, 2, 3, 4);
        ctx.bindStream("connection 7, client to server");
        Object byStream = ctx.state(KIND);
        assertNotSame(byAddress, byStream);
        frame(ctx, 9, 9, 9, 9);
        ctx.bindStream("connection 7, client to server");
        assertSame(byStream, ctx.state(KIND), "the reassembler's key, whatever the frame's addresses");
    }
}
