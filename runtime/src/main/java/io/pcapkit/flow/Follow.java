package io.pcapkit.flow;

import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Protocol;
import io.pcapkit.dissect.Role;
import io.pcapkit.reassembly.Endpoints;
import io.pcapkit.reassembly.StreamListener;
import io.pcapkit.reassembly.TcpConnection;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Follows one flow, as {@code tshark -z follow}: its payload in order, chunk by chunk as it
 * arrives (a TCP segment's new bytes, a UDP datagram's payload), each with its direction; where
 * TCP bytes were never captured, a gap chunk says how many (tshark 4.0 stops at such a hole).
 * The flow is chosen by protocol and id (tshark's tcp.stream / udp.stream) or by its endpoints
 * (the first flow between them, either way round). Listen to the {@link FlowHook} and, for TCP,
 * to its {@code TcpStreams}.
 */
public final class Follow implements FlowListener, StreamListener {
    /** Bytes of one direction (0: from A, the flow's first sender), or a gap of {@code missing} bytes when {@code data} is null. */
    public record Chunk(int direction, byte[] data, long missing, long frame) {
        public boolean isGap() {
            return data == null;
        }

        @Override
        public String toString() {
            return direction + ":" + (data == null ? "[" + missing + " missing]" : data.length + " bytes") + "@" + frame;
        }
    }

    /** Whether the flow is a byte stream's (numbered as tshark's tcp.stream), else a datagram flow (udp.stream). */
    private final boolean tcp;
    private final long wanted;
    private final Endpoints between;
    private final Consumer<Chunk> out;
    private Flow chosen;
    private final FlowKey probe = new FlowKey();

    /**
     * Follows flow {@code id} of {@code protocol}: "TCP" for the byte streams' numbering (tshark's
     * tcp.stream), "UDP" for the datagram flows' (udp.stream, which UDP-Lite shares).
     */
    public static Follow byId(String protocol, long id, Consumer<Chunk> out) {
        return new Follow(protocol, id, null, out);
    }

    /** Follows the first flow of {@code protocol} between these endpoints, in either direction. */
    public static Follow byEndpoints(String protocol, Endpoints e, Consumer<Chunk> out) {
        return new Follow(protocol, -1, Objects.requireNonNull(e), out);
    }

    private Follow(String protocol, long id, Endpoints between, Consumer<Chunk> out) {
        this.tcp = protocol.equalsIgnoreCase("TCP");
        if (!tcp && !protocol.equalsIgnoreCase("UDP")) throw new IllegalArgumentException("follow TCP or UDP, not " + protocol);
        this.wanted = id;
        this.between = between;
        this.out = out;
    }

    /** The flow followed, once its first packet was seen (else null). */
    public Flow flow() {
        return chosen;
    }

    @Override
    public void started(Flow f) {
        if (chosen != null || f.isTcp() != tcp) return;
        if (between == null ? f.id() == wanted : matches(f.endpoints(), between)) chosen = f;
    }

    private static boolean matches(Endpoints f, Endpoints e) {
        return Arrays.equals(f.addressA(), e.addressA()) && f.portA() == e.portA() && Arrays.equals(f.addressB(), e.addressB())
                && f.portB() == e.portB()
                || Arrays.equals(f.addressA(), e.addressB()) && f.portA() == e.portB() && Arrays.equals(f.addressB(), e.addressA())
                        && f.portB() == e.portA();
    }

    @Override
    public void packet(Flow f, int dir, PacketRecord r, Chain chain) {
        if (tcp || f != chosen) return;
        // the flow's own datagram layer: in a tunnel (VXLAN, L2TP over UDP) a frame carries more
        // than one, each a packet of its own flow
        for (int i = chain.size() - 1; i >= 0; i--) {
            Protocol p = chain.protocol(i);
            if (!p.has(Role.SRC_PORT) || p.byteStream()) continue;
            int ip = i - 1;
            while (ip >= 0 && !chain.protocol(ip).has(Role.SRC_ADDRESS)) ip--;
            if (ip < 0 || !probe.set(FlowKey.DATAGRAM, chain, i, ip) || !probe.sameKey(f)) continue;
            ByteBuffer b = chain.buffer(i);
            int from = chain.sourceOffset(i) + chain.headerEnd(i);
            int to = chain.sourceOffset(i) + chain.payloadEnd(i);
            if (to > from) {
                byte[] d = new byte[to - from];
                b.get(from, d);
                out.accept(new Chunk(dir, d, 0, r.number));
            }
            return;
        }
    }

    @Override
    public void data(TcpConnection c, int dir, ByteBuffer buf, int off, int len, long frame) {
        if (!tcp || chosen == null || c != chosen.tcp()) return;
        byte[] d = new byte[len];
        buf.get(off, d);
        out.accept(new Chunk(dir, d, 0, frame));
    }

    @Override
    public void gap(TcpConnection c, int dir, long length, long frame) {
        if (!tcp || chosen == null || c != chosen.tcp()) return;
        out.accept(new Chunk(dir, null, length, frame));
    }
}
