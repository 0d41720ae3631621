package io.pcapkit.reassembly;

import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Continuation;
import io.pcapkit.dissect.LayerContext;
import io.pcapkit.dissect.LayerHook;
import io.pcapkit.gen.Protocols;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;

/**
 * IP defragmentation as a {@link LayerHook}: an IPv4 layer, or an IPv6 Fragment header, whose
 * payload is a fragment goes to the defragmenter of its version; the fragment that completes a
 * datagram hands its payload back to the dissector, so that frame shows the transport layer (and
 * what follows), as Wireshark's "reassembled in" frame does. IPv6 atomic fragments (offset 0, M
 * clear) are no fragments to the grammar and are dissected in place (RFC 6946).
 */
public final class IpDefragHook implements LayerHook {
    private final Defragmenter v4;
    private final Defragmenter v6;

    /**
     * @param ipv4, ipv6 which versions to reassemble (a fragment of the other version stays raw)
     * @param listener   receives the datagrams as they end (see {@link Defragmenter}); may be null
     */
    public IpDefragHook(DefragOptions options, boolean ipv4, boolean ipv6, Consumer<Datagram> listener) {
        this.v4 = ipv4 ? new Defragmenter(options, listener) : null;
        this.v6 = ipv6 ? new Defragmenter(options, listener) : null;
    }

    /** The IPv4 defragmenter, or null. */
    public Defragmenter ipv4() {
        return v4;
    }

    public Defragmenter ipv6() {
        return v6;
    }

    @Override
    public Continuation fragment(LayerContext ctx) {
        PacketRecord frame = ctx.frame();
        String g = ctx.protocol().grammar;
        Datagram d;
        if (g.equals("ipv4")) {
            if (v4 == null) return null;
            d = v4.offer4(ctx.buffer(), ctx.start(), ctx.payloadStart(), ctx.payloadEnd(), frame.number, CaptureClock.nanos(frame.time));
            if (d == null || !d.completed()) return null;
            return Continuation.of(d.payloadArray(), -1, d.frames(), "IPv4 datagram");
        }
        if (g.equals("ipv6_frag")) {
            if (v6 == null) return null;
            int ip = ctx.previous("ipv6");
            ByteBuffer b = ctx.buffer();
            if (ip < 0 || ctx.buffer(ip) != b) return null;
            d = v6.offer6(b, ctx.start(ip), ctx.start(), ctx.payloadStart(), ctx.payloadEnd(), frame.number, CaptureClock.nanos(frame.time));
            if (d == null || !d.completed()) return null;
            // the first fragment's next header says what the payload is (RFC 8200 section 4.5)
            int first = d.protocol() < 0 ? -1 : ctx.dispatcher().lookup(Protocols.T_IP_PROTO, d.protocol());
            return Continuation.of(d.payloadArray(), first, d.frames(), "IPv6 datagram");
        }
        return null;
    }

    /** The input ended: datagrams still open end incomplete. @return those delivered (with includeIncomplete) */
    public List<Datagram> finish() {
        List<Datagram> out = new java.util.ArrayList<>();
        if (v4 != null) out.addAll(v4.finish());
        if (v6 != null) out.addAll(v6.finish());
        return out;
    }
}
