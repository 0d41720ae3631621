package io.pcapkit.dissect;

import io.pcapkit.dissect.proc.Output;
import io.pcapkit.dissect.proc.Processor;
import io.pcapkit.gen.Protocols;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a {@link Dissector} knows beyond one layer: the frame being dissected, the flow it belongs
 * to, and state that decoders keep per flow direction (HPACK's dynamic table). One per dissector
 * (and so per thread); codecs reach it through {@link LayerCodec#context()}, Kaitai-generated
 * parsers through {@link #current()} while a reference codec parses.
 *
 * <h2>Flows</h2>
 * A flow direction is derived from the frame itself: the addresses of the IP layer and the ports
 * of the TCP or UDP layer after it, in the frame's order (so the two directions of a connection
 * are two flows). The TCP reassembly hook knows connections better: it calls
 * {@link #bindStream(Object)} before dissecting a reassembled payload, and its key is used instead.
 *
 * <h2>Bounds</h2>
 * State is kept for at most {@link Limits#MAX_FLOW_STATES} flow directions; the one used least
 * recently is dropped first. Every decoder bounds its own state (see {@link Limits}).
 *
 * <h2>Frames decoded twice</h2>
 * A dissector decodes a layer, then replays it into the sink: a processor's result is cached per
 * frame, layer and call, so the replay sees the same output and the state changes once. Stateful
 * decoding assumes each frame is dissected once, in capture order.
 */
public final class DissectContext {
    private static final ThreadLocal<DissectContext> CURRENT = new ThreadLocal<>();

    // ---- the frame ----
    private long serial;
    private ByteBuffer buf;
    private int base;
    private Chain chain;
    private Object boundStream;
    /** 0 for the frame's bytes, else the index (from 1) of the reassembled data being dissected */
    private int source;

    // ---- flow state ----
    private final FlowKey probe = new FlowKey();
    private long keyedSerial = -1;
    private final LinkedHashMap<Object, Object[]> flows = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Object[]> eldest) {
            return size() > Limits.MAX_FLOW_STATES;
        }
    };

    // ---- processor results of this frame ----
    private final Output arena = new Output(4096);
    private long arenaSerial = -1;
    private int layerStart;
    private int ordinal;
    private int[] cacheLayer = new int[8];
    private int[] cacheSource = new int[8];
    private int[] cacheOrdinal = new int[8];
    private int[] cacheOff = new int[8];
    private int[] cacheLen = new int[8];
    private int cacheCount;
    private int resultOff;
    private int resultLen;
    private String failure;

    /** whether processors are skipped (see {@link #framingOnly()}) */
    private boolean framingOnly;

    /**
     * A context for decoding only to find where messages end (the TCP stream hook): processors
     * are not run (their output is empty and no per-flow state changes), so decoding a message
     * there leaves the dissector's state (HPACK tables) to the one dissection that shows it.
     */
    public static DissectContext framingOnly() {
        DissectContext c = new DissectContext();
        c.framingOnly = true;
        return c;
    }

    /** A frame starts: {@code chain} fills as its layers are dissected. */
    void beginFrame(ByteBuffer buf, int base, Chain chain) {
        this.serial++;
        this.buf = buf;
        this.base = base;
        this.chain = chain;
        this.boundStream = null;
        this.source = 0;
    }

    /**
     * The dissector goes on in reassembled data (its {@code source}-th of this frame), which
     * belongs to {@code stream} (null: the flow is found from the layers, as for a frame).
     */
    void enterSource(int source, Object stream) {
        this.source = source;
        this.boundStream = stream;
        this.keyedSerial = -1;
    }

    /**
     * Names the stream of the payload being dissected (for the TCP reassembly hook): state is then
     * kept under {@code stream} (a connection id and direction, with equals and hashCode) for the
     * rest of this frame instead of under the addresses and ports found in it.
     */
    public void bindStream(Object stream) {
        this.boundStream = stream;
    }

    /** The context of the reference codec parsing on this thread (for Kaitai adapters). */
    public static DissectContext current() {
        DissectContext c = CURRENT.get();
        if (c == null) throw new IllegalStateException("no dissector context on this thread");
        return c;
    }

    /** A reference codec starts parsing the layer at {@code start}. */
    public void enter(int start) {
        beginLayer(start);
        CURRENT.set(this);
    }

    public void exit() {
        CURRENT.remove();
    }

    /** A codec starts (or replays) the layer at {@code start}: processor calls count from here. */
    public void beginLayer(int start) {
        this.layerStart = start;
        this.ordinal = 0;
    }

    // ---- state per flow direction ----

    /** Kinds of per-flow state the runtime can hold (one per stateful processor: a constant each). */
    private static final int MAX_KINDS = 8;

    /** One kind of per-flow state, created on first use. Declare each as a constant. */
    public static final class StateKind<T> {
        private static int kinds;
        final int id;
        final Supplier<T> create;

        public StateKind(Supplier<T> create) {
            synchronized (StateKind.class) {
                if (kinds >= MAX_KINDS) throw new IllegalStateException("more than " + MAX_KINDS + " kinds of per-flow state");
                this.id = kinds++;
            }
            this.create = create;
        }
    }

    /** This frame's flow direction's state of {@code kind}. */
    @SuppressWarnings("unchecked")
    public <T> T state(StateKind<T> kind) {
        Object[] s = slots(true);
        if (s[kind.id] == null) s[kind.id] = kind.create.get();
        return (T) s[kind.id];
    }

    /** This frame's flow direction's state slots (kept under the bound stream, else the addresses and ports); made when {@code create}, else null if none. */
    private Object[] slots(boolean create) {
        if (boundStream == null && keyedSerial != serial) {
            deriveKey();
            keyedSerial = serial;
        }
        Object[] s = flows.get(boundStream != null ? boundStream : probe);
        if (s == null && create) flows.put(boundStream != null ? boundStream : probe.copy(), s = new Object[MAX_KINDS]);
        return s;
    }

    private static final StateKind<int[]> CONVERSATION = new StateKind<>(() -> new int[] {-1});
    /** Whether any connection was recognised by content in this run (else {@link #knownConversation} needs no look-up). */
    private boolean anyConversation;

    /**
     * The protocol recognised by content earlier in this frame's connection (either direction),
     * or -1: a grammar with {@code heuristic: {conversation: true}} (HTTP/2, whose preface only
     * the client's first segment carries).
     */
    public int conversation() {
        return state(CONVERSATION)[0];
    }

    /**
     * As {@link #conversation()}, without making state for a connection that has none: for a
     * question asked of every segment a port's grammar declines.
     */
    public int knownConversation() {
        if (!anyConversation) return -1; // the usual case: nothing recognised by content yet, no look-up
        Object[] s = slots(false);
        int[] c = s == null ? null : (int[]) s[CONVERSATION.id];
        return c == null ? -1 : c[0];
    }

    /** This frame's connection, in both directions, is {@code protocolId} from now on. */
    public void rememberConversation(int protocolId) {
        anyConversation = true;
        state(CONVERSATION)[0] = protocolId;
        if (boundStream != null || probe.family == 0) return;
        FlowKey reverse = probe.copy();
        System.arraycopy(probe.dst, 0, reverse.src, 0, 16);
        System.arraycopy(probe.src, 0, reverse.dst, 0, 16);
        reverse.sport = probe.dport;
        reverse.dport = probe.sport;
        Object[] s = flows.get(reverse);
        if (s == null) flows.put(reverse, s = new Object[MAX_KINDS]);
        s[CONVERSATION.id] = new int[] {protocolId};
    }

    /** Number of flow directions with state (for tests). */
    public int flowCount() {
        return flows.size();
    }

    /**
     * The innermost transport with ports (by the grammars' {@code roles}) in the chain so far,
     * and the network layer with addresses nearest before it.
     */
    private void deriveKey() {
        probe.clear();
        if (chain == null) return;
        int t = chain.count - 1;
        while (t >= 0 && !Protocols.get(chain.protocols[t]).has(Role.SRC_PORT)) t--;
        if (t < 0) return;
        Protocol tp = Protocols.get(chain.protocols[t]);
        ByteBuffer tb = chain.buffer(t);
        int tp0 = chain.sourceOffset(t) + chain.starts[t];
        if (chain.headerEnds[t] - chain.starts[t] < tp.roleBytes) return;
        probe.byteStream = tp.byteStream(); // byte streams and datagram flows apart, as flows are keyed
        probe.sport = (int) tp.read(Role.SRC_PORT, tb, tp0);
        probe.dport = (int) tp.read(Role.DST_PORT, tb, tp0);
        for (int i = t - 1; i >= 0; i--) {
            Protocol np = Protocols.get(chain.protocols[i]);
            if (!np.has(Role.SRC_ADDRESS)) continue;
            ByteBuffer buf = chain.buffer(i);
            int ip = chain.sourceOffset(i) + chain.starts[i];
            if (chain.headerEnds[i] - chain.starts[i] < np.roleBytes) break;
            int size = np.roleSize(Role.SRC_ADDRESS);
            buf.get(ip + np.roleByte(Role.SRC_ADDRESS), probe.src, 0, size);
            buf.get(ip + np.roleByte(Role.DST_ADDRESS), probe.dst, 0, size);
            probe.family = size;
            break;
        }
    }

    /** Addresses and ports of one direction: a map key. */
    private static final class FlowKey {
        /** bytes in each address (4, 16), 0 without a network layer */
        int family;
        /** a byte stream's (TCP) rather than a datagram flow's (UDP, UDP-Lite) */
        boolean byteStream;
        final byte[] src = new byte[16];
        final byte[] dst = new byte[16];
        int sport;
        int dport;

        void clear() {
            family = 0;
            byteStream = false;
            Arrays.fill(src, (byte) 0);
            Arrays.fill(dst, (byte) 0);
            sport = 0;
            dport = 0;
        }

        FlowKey copy() {
            FlowKey k = new FlowKey();
            k.family = family;
            k.byteStream = byteStream;
            System.arraycopy(src, 0, k.src, 0, 16);
            System.arraycopy(dst, 0, k.dst, 0, 16);
            k.sport = sport;
            k.dport = dport;
            return k;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FlowKey k && k.family == family && k.byteStream == byteStream && k.sport == sport && k.dport == dport
                    && Arrays.equals(k.src, src) && Arrays.equals(k.dst, dst);
        }

        @Override
        public int hashCode() {
            return ((Arrays.hashCode(src) * 31 + Arrays.hashCode(dst)) * 31 + sport * 65537 + dport) * 31 + (byteStream ? 1 : 0) + family;
        }
    }

    // ---- processors ----

    /**
     * Runs {@code p} over {@code [off, off + len)} of {@code src} once per frame, layer and call:
     * a replay returns the cached result. The result is {@link #resultBuffer()} from
     * {@link #resultOffset()} for the returned length.
     *
     * @return the decoded length, or a negative {@link Processor} code (reason in {@link #failure()})
     */
    public int process(Processor p, ByteBuffer src, int off, int len, long arg) {
        if (framingOnly) {
            resultOff = 0;
            resultLen = 0;
            return 0;
        }
        if (arenaSerial != serial) {
            arena.clear();
            cacheCount = 0;
            arenaSerial = serial;
        }
        int ord = ordinal++;
        for (int i = 0; i < cacheCount; i++) {
            if (cacheLayer[i] == layerStart && cacheOrdinal[i] == ord && cacheSource[i] == source) {
                resultOff = cacheOff[i];
                resultLen = cacheLen[i];
                return resultLen;
            }
        }
        int at = arena.size();
        failure = null;
        int r = p.process(this, src, off, len, arg, arena);
        int n = r < 0 ? r : arena.size() - at;
        if (r < 0) arena.truncate(at);
        if (cacheCount == cacheLayer.length) {
            int m = cacheCount * 2;
            cacheLayer = Arrays.copyOf(cacheLayer, m);
            cacheSource = Arrays.copyOf(cacheSource, m);
            cacheOrdinal = Arrays.copyOf(cacheOrdinal, m);
            cacheOff = Arrays.copyOf(cacheOff, m);
            cacheLen = Arrays.copyOf(cacheLen, m);
        }
        cacheLayer[cacheCount] = layerStart;
        cacheSource[cacheCount] = source;
        cacheOrdinal[cacheCount] = ord;
        cacheOff[cacheCount] = at;
        cacheLen[cacheCount] = n;
        cacheCount++;
        resultOff = at;
        resultLen = n;
        if (r < 0 && failure == null) failure = p.name() + " failed";
        return n;
    }

    /** The buffer holding the last result (valid until the next frame). */
    public ByteBuffer resultBuffer() {
        return arena.buffer();
    }

    public int resultOffset() {
        return resultOff;
    }

    /** Why the last processor call failed. */
    public String failure() {
        return failure;
    }

    /** Processors set the reason of a failure here. */
    public void fail(String why) {
        this.failure = why;
    }
}
