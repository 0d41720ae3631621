package io.pcapkit.dissect;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A protocol as it appears in a frame: a grammar reached through a dispatch table, under a chain
 * token ({@link #name}) and a JSON key ({@link #key}). One grammar may appear under several names
 * (802.1Q and 802.1ad, ARP and RARP).
 */
public final class Protocol {
    public final int id;
    public final String name;
    public final String key;
    public final LayerType layer;
    public final List<String> groups;
    /** Index of the grammar's codec in the generated codec table. */
    public final int codec;
    public final String grammar;
    /** Transparent layers (pseudo headers) are dissected but not shown. */
    public final boolean transparent;
    /** Whether the next layer is dispatched even when no payload is left (it then reports the truncation). */
    public final boolean nextWhenEmpty;
    /** Whether the grammar has a {@code heuristic}: it can be found by content. */
    public final boolean heuristic;
    /** Whether a table's choice of it must also pass its heuristic (else the payload stays raw). */
    public final boolean guard;
    /** Whether, once recognised by content, the rest of its connection is this protocol too. */
    public final boolean conversation;
    /**
     * The header field whose failed check means the bytes are not this protocol (the grammar's
     * {@code declines}, as Wireshark's dissector rejects them): they stay raw, no malformed layer.
     * Null when every failure is malformed.
     */
    public final Field declines;
    /**
     * Fewer bytes than this are not this protocol either (the grammar's {@code declines} with
     * {@code short: true}: the bytes up to its declining field); 0 when short bytes are a
     * truncated layer as usual.
     */
    public final int declinesBytes;
    /**
     * Whether an empty payload is dispatched when the capture cut it (the grammar's
     * {@code next-when-empty: cut}; {@link #nextWhenEmpty} is then false): the next layer shows cut.
     */
    public final boolean nextWhenCut;
    /**
     * The field whose failed {@code valid} check hands the bytes over (the grammar's
     * {@code hand-over}): when {@link #handOverTable} has an entry for its value, this layer ends
     * there and the same bytes are dissected as that entry (IPv4 of version 6 is IPv6, as in
     * Wireshark). Null when there is none.
     */
    public final Field handOver;
    /** The table the handing-over field's value is looked up in; -1 without {@link #handOver}. */
    public final int handOverTable;
    /** Where the handing-over field lies from the layer's start, in bits, and its width (big-endian). */
    public final int handOverBitOffset;
    public final int handOverBits;
    /** By {@link Role} ordinal: where the role's field lies from the layer's start in bits, -1 without it; and its width. */
    private final int[] roleOffset;
    private final int[] roleWidth;
    /** The header bytes, from the layer's start, that hold every role's field (0 without roles). */
    public final int roleBytes;

    public Protocol(int id, String name, String key, LayerType layer, List<String> groups, int codec, String grammar,
            boolean transparent, boolean nextWhenEmpty) {
        this(id, name, key, layer, groups, codec, grammar, transparent, nextWhenEmpty, false, false, false, null, 0, false, null, -1, 0, 0, Map.of());
    }

    /** @param roles the grammar's {@code roles}: role name -> {offset from the layer's start in bits, width in bits} */
    public Protocol(int id, String name, String key, LayerType layer, List<String> groups, int codec, String grammar,
            boolean transparent, boolean nextWhenEmpty, boolean heuristic, boolean guard, boolean conversation, Field declines, int declinesBytes,
            boolean nextWhenCut, Field handOver, int handOverTable, int handOverBitOffset, int handOverBits, Map<String, int[]> roles) {
        this.roleOffset = new int[Role.values().length];
        this.roleWidth = new int[roleOffset.length];
        Arrays.fill(roleOffset, -1);
        int bytes = 0;
        for (Map.Entry<String, int[]> r : roles.entrySet()) {
            int o = Role.named(r.getKey()).ordinal();
            roleOffset[o] = r.getValue()[0];
            roleWidth[o] = r.getValue()[1];
            bytes = Math.max(bytes, (roleOffset[o] + roleWidth[o] + 7) / 8);
        }
        this.roleBytes = bytes;
        this.handOver = handOver;
        this.handOverTable = handOverTable;
        this.handOverBitOffset = handOverBitOffset;
        this.handOverBits = handOverBits;
        this.nextWhenCut = nextWhenCut;
        this.declines = declines;
        this.declinesBytes = declinesBytes;
        this.heuristic = heuristic;
        this.guard = guard;
        this.conversation = conversation;
        this.id = id;
        this.name = name;
        this.key = key;
        this.layer = layer;
        this.groups = groups;
        this.codec = codec;
        this.grammar = grammar;
        this.transparent = transparent;
        this.nextWhenEmpty = nextWhenEmpty;
    }

    /** Whether the grammar gives a field role {@code r}. */
    public boolean has(Role r) {
        return roleOffset[r.ordinal()] >= 0;
    }

    /**
     * Whether the transport is a byte stream (its grammar gives a {@link Role#SEQUENCE}, as TCP's).
     * Flows of byte streams and of datagrams are keyed and numbered apart, as tshark's tcp.stream and
     * udp.stream; the datagram transports share one space (UDP-Lite's flows are in udp.stream, and
     * a UDP packet between the same ends and ports belongs to the same flow).
     */
    public boolean byteStream() {
        return has(Role.SEQUENCE);
    }

    /** Where role {@code r}'s field starts, in bytes from the layer's start (an address's: roles of bytes start on a byte). */
    public int roleByte(Role r) {
        return roleOffset[r.ordinal()] >>> 3;
    }

    /** Role {@code r}'s field size in whole bytes (an address's: 4 or 16). */
    public int roleSize(Role r) {
        return roleWidth[r.ordinal()] >>> 3;
    }

    /**
     * Whether role {@code r}'s 1-bit field is set in the layer at {@code start} of {@code b} (a
     * control bit: one byte read, no shifting); the caller knows the layer's {@link #roleBytes} are there.
     */
    public boolean flag(Role r, ByteBuffer b, int start) {
        int off = roleOffset[r.ordinal()];
        return (b.get(start + (off >>> 3)) & (0x80 >>> (off & 7))) != 0;
    }

    /**
     * The unsigned value of role {@code r}'s field (at most 32 bits) in the layer at {@code start}
     * of {@code b}; the caller knows the layer's {@link #roleBytes} are there.
     */
    public long read(Role r, ByteBuffer b, int start) {
        int off = roleOffset[r.ordinal()];
        int bits = roleWidth[r.ordinal()];
        if ((off & 7) == 0) {
            switch (bits) {
                case 8: return b.get(start + (off >>> 3)) & 0xFFL;
                case 16: return b.getShort(start + (off >>> 3)) & 0xFFFFL;
                case 32: return b.getInt(start + (off >>> 3)) & 0xFFFFFFFFL;
                default: break;
            }
        }
        return LayerCodec.bitsAt(b, start, off, bits);
    }

    @Override
    public String toString() {
        return name;
    }
}
