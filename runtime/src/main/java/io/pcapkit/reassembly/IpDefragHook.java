package io.pcapkit.reassembly;

import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Continuation;
import io.pcapkit.dissect.LayerContext;
import io.pcapkit.dissect.LayerHook;
import io.pcapkit.dissect.Protocol;
import io.pcapkit.dissect.Role;
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
        Chain chain = ctx.chain();
        int i = ctx.index();
        Protocol fp = ctx.protocol();
        if (!fp.has(Role.FRAGMENT_ID)) return null;
        // the datagram's addresses: this header's, or the nearest header before it with them
        int ip = i;
        while (ip >= 0 && !chain.protocol(ip).has(Role.SRC_ADDRESS)) ip--;
        if (ip < 0) return null;
        Protocol ipp = chain.protocol(ip);
        boolean v4 = ipp.roleSize(Role.SRC_ADDRESS) == 4;
        Defragmenter d = v4 ? this.v4 : this.v6;
        if (d == null) return null;
        ByteBuffer b = ctx.buffer();
        long nanos = CaptureClock.nanos(frame.time);
        Datagram done;
        if (ip == i) {
            // Wireshark's IPv4 reassembly keeps fragments of different VLANs apart; its IPv6 one does not
            done = d.offer(fp, b, ctx.start(), ctx.payloadStart(), ctx.payloadEnd(), v4 ? vlanId(ctx) : 0, frame.number, nanos);
        } else {
            if (ctx.buffer(ip) != b) return null;
            done = d.offer(ipp, fp, b, ctx.start(ip), ctx.headerEnd(ip), ctx.start(), ctx.payloadStart(), ctx.payloadEnd(), frame.number, nanos);
        }
        if (done == null || !done.completed()) return null;
        // the payload's protocol: the key's (IPv4) dispatches as the header did; a Fragment header's
        // next header is the first fragment's (RFC 8200 section 4.5)
        int first = ip == i || done.protocol() < 0 ? -1 : ctx.dispatcher().lookup(Protocols.T_IP_PROTO, done.protocol());
        return Continuation.of(done.payloadArray(), first, done.frames(), (v4 ? "IPv4" : "IPv6") + " datagram");
    }

    /** The id of the innermost VLAN tag before this layer (Wireshark's {@code pinfo->vlan_id}), or 0. */
    private static int vlanId(LayerContext ctx) {
        Chain chain = ctx.chain();
        // counted upwards, the last tag found wins: C2 compiled the downward scan this replaced
        // with a loop-limit predicate that failed on its first run, and compiled the hook twice
        int v = -1;
        for (int k = 0, n = ctx.index(); k < n; k++) if (chain.protocol(k).has(Role.VLAN_ID)) v = k;
        if (v < 0) return 0;
        Protocol p = chain.protocol(v);
        if (ctx.headerEnd(v) - ctx.start(v) < p.roleBytes) return 0;
        return (int) p.read(Role.VLAN_ID, ctx.buffer(v), ctx.start(v));
    }

    /** The input ended: datagrams still open end incomplete. @return those delivered (with includeIncomplete) */
    public List<Datagram> finish() {
        List<Datagram> out = new java.util.ArrayList<>();
        if (v4 != null) out.addAll(v4.finish());
        if (v6 != null) out.addAll(v6.finish());
        return out;
    }
}
