package io.pcapkit.flow;

import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Protocol;
import io.pcapkit.dissect.Role;
import io.pcapkit.gen.Protocols;
import io.pcapkit.reassembly.AddressWords;
import java.nio.ByteBuffer;

/**
 * A bidirectional 5-tuple in canonical form: the protocol and the two (address, port) ends, the
 * lower end first (addresses compared as unsigned numbers, then ports), so both directions of a
 * flow find the same key. Filled in place for lookups (no allocation); a {@link Flow} is its own
 * key (it extends this). {@link #forward} says whether the packet that filled it went from the
 * lower end.
 */
class FlowKey {
    /** Flow spaces (the key's protocol): byte streams (tcp.stream) and datagram flows (udp.stream). */
    static final int BYTE_STREAM = 1;
    static final int DATAGRAM = 2;
    /** the flow space, part of the key: {@link #BYTE_STREAM} or {@link #DATAGRAM} (see {@link io.pcapkit.dissect.Protocol#byteStream}) */
    int protocol;
    /** the protocol id of the transport that filled it (a flow's first packet's; not part of the key) */
    int transport;
    int version;
    long lo0;
    long lo1;
    int loPort;
    long hi0;
    long hi1;
    int hiPort;
    /** whether the packet's source is the lower end */
    boolean forward;
    int hash;

    /**
     * Fills the key from a packet of transport {@code transport} (a protocol id): its addresses
     * ({@code len} 4 or 16 bytes at {@code src} and {@code dst} of {@code b}) and ports.
     */
    FlowKey set(int transport, ByteBuffer b, int src, int dst, int len, int srcPort, int dstPort) {
        return set(Protocols.get(transport).byteStream() ? BYTE_STREAM : DATAGRAM, transport, b, src, dst, len, srcPort, dstPort);
    }

    /** As {@link #set(int, ByteBuffer, int, int, int, int, int)}, in flow space {@code space}, which the caller knows. */
    FlowKey set(int space, int transport, ByteBuffer b, int src, int dst, int len, int srcPort, int dstPort) {
        this.transport = transport;
        this.protocol = space;
        version = len == 4 ? 4 : 6;
        long s0 = AddressWords.high(b, src, len);
        long s1 = AddressWords.low(b, src, len);
        long d0 = AddressWords.high(b, dst, len);
        long d1 = AddressWords.low(b, dst, len);
        int c = Long.compareUnsigned(s0, d0);
        if (c == 0) c = Long.compareUnsigned(s1, d1);
        if (c == 0) c = Integer.compare(srcPort, dstPort);
        forward = c <= 0;
        if (forward) {
            lo0 = s0;
            lo1 = s1;
            loPort = srcPort;
            hi0 = d0;
            hi1 = d1;
            hiPort = dstPort;
        } else {
            lo0 = d0;
            lo1 = d1;
            loPort = dstPort;
            hi0 = s0;
            hi1 = s1;
            hiPort = srcPort;
        }
        long h = protocol * 31L + version;
        h = h * 0x9E3779B97F4A7C15L + lo0;
        h = h * 0x9E3779B97F4A7C15L + lo1;
        h = h * 0x9E3779B97F4A7C15L + hi0;
        h = h * 0x9E3779B97F4A7C15L + hi1;
        h = h * 0x9E3779B97F4A7C15L + ((long) loPort << 16 | hiPort);
        hash = (int) (h ^ (h >>> 32));
        return this;
    }

    /**
     * Fills the key, in flow space {@code space}, from transport layer {@code i} of {@code chain}
     * and the addresses of its network layer {@code ip}, where their grammars' roles say; false
     * (the key unchanged) when either header is too short to hold its roles.
     */
    boolean set(int space, Chain chain, int i, int ip) {
        Protocol tp = chain.protocol(i);
        Protocol np = chain.protocol(ip);
        if (chain.headerEnd(i) - chain.start(i) < tp.roleBytes || chain.headerEnd(ip) - chain.start(ip) < np.roleBytes) return false;
        ByteBuffer tb = chain.buffer(i);
        int ts = chain.sourceOffset(i) + chain.start(i);
        int is = chain.sourceOffset(ip) + chain.start(ip);
        set(space, tp.id, chain.buffer(ip), is + np.roleByte(Role.SRC_ADDRESS), is + np.roleByte(Role.DST_ADDRESS), np.roleSize(Role.SRC_ADDRESS),
                (int) tp.read(Role.SRC_PORT, tb, ts), (int) tp.read(Role.DST_PORT, tb, ts));
        return true;
    }

    /** Takes {@code k}'s fields. */
    void copyFrom(FlowKey k) {
        protocol = k.protocol;
        transport = k.transport;
        version = k.version;
        lo0 = k.lo0;
        lo1 = k.lo1;
        loPort = k.loPort;
        hi0 = k.hi0;
        hi1 = k.hi1;
        hiPort = k.hiPort;
        forward = k.forward;
        hash = k.hash;
    }

    /** Whether this is the same 5-tuple as {@code k}. */
    final boolean sameKey(FlowKey k) {
        return k.hash == hash && k.lo0 == lo0 && k.hi0 == hi0 && k.loPort == loPort && k.hiPort == hiPort && k.protocol == protocol && k.lo1 == lo1
                && k.hi1 == hi1 && k.version == version;
    }

    /** The transport's chain token: {@code TCP}, {@code UDP}. */
    final String transportName() {
        return Protocols.get(transport).name;
    }

    byte[] address(boolean low) {
        long a = low ? lo0 : hi0;
        long b = low ? lo1 : hi1;
        if (version == 4) return ByteBuffer.allocate(4).putInt((int) a).array();
        return ByteBuffer.allocate(16).putLong(a).putLong(b).array();
    }

}
