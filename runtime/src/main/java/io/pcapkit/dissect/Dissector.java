package io.pcapkit.dissect;

import io.pcapkit.capture.PacketRecord;
import io.pcapkit.gen.Protocols;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dissects frames into chains of layers. It starts from the link type, lets each layer's codec
 * read its header, bounds the payload by the header's length fields (clamped to the bytes
 * captured), and follows the dispatch tables to the next layer until nothing is left, a table has
 * no entry (the rest is raw), a threshold is reached, or a layer is malformed. One instance per
 * thread; it allocates nothing per frame. With a {@link LayerHook} (reassembly), a fragment or a
 * watched layer may hand back reassembled bytes, and the chain goes on in them.
 */
public final class Dissector implements Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dissector.class);
    /** No decode yet in this step: a decode returns the header's end, or {@link LayerCodec#ERROR}. */
    private static final int NOT_DECODED = Integer.MIN_VALUE;

    private final LayerCodec[] codecs;
    /** by codec: whether a layer can reach a sink in one pass (its shown name does not wait for its decode) */
    private final boolean[] streamable;
    /** by codec: whether its {@code bind} sets parameters */
    private final boolean[] binds;
    /** by codec: whether it writes a decoded layer's JSON itself ({@link LayerCodec#writesJson}) */
    private final boolean[] writesJson;
    private final DissectOptions options;
    private final Chain chain = new Chain();
    /** flows and per-flow decoder state */
    private final DissectContext context = new DissectContext();
    /** what the hook sees of the frame */
    private final LayerContext hookContext = new LayerContext();
    private LayerHook hook;
    /** by protocol id: whether the hook watches it (null when nothing is watched) */
    private boolean[] watched;
    private long hookFailures;
    /** Whether application layers are also found by content (see {@link DissectOptions#sniffs()}). */
    private final boolean sniff;
    /** the protocols the ip_version table names for 4 and 6: a layer after one sees its {@code _ip_version} */
    private final int ipv4Protocol;
    private final int ipv6Protocol;

    public Dissector() {
        this(new DissectOptions());
    }

    public Dissector(DissectOptions options) {
        this.options = options;
        int n = Protocols.GRAMMARS.size();
        codecs = new LayerCodec[n];
        for (int i = 0; i < n; i++) {
            codecs[i] = options.reference ? Protocols.newReferenceCodec(i) : Protocols.newCodec(i);
            if (codecs[i] != null) codecs[i].bindContext(context);
        }
        // what each codec does per layer, asked once: per layer they were calls to a different
        // class each time, which the JIT cannot inline
        streamable = new boolean[n];
        binds = new boolean[n];
        writesJson = new boolean[n];
        for (int i = 0; i < n; i++) {
            streamable[i] = codecs[i] != null && !codecs[i].hasVariants();
            binds[i] = codecs[i] != null && codecs[i].binds();
            writesJson[i] = codecs[i] != null && codecs[i].writesJson();
        }
        sniff = options.sniffs();
        ipv4Protocol = Protocols.lookup(Protocols.T_IP_VERSION, 4);
        ipv6Protocol = Protocols.lookup(Protocols.T_IP_VERSION, 6);
    }

    /** Flows and per-flow decoder state (for the TCP reassembly hook: {@link DissectContext#bindStream}). */
    public DissectContext context() {
        return context;
    }

    public DissectOptions options() {
        return options;
    }

    /**
     * Sets the hook consulted for fragments and watched layers (null for none): IP reassembly,
     * TCP streams, flow tracing. A hook keeps state across frames: feed this dissector the frames
     * of one capture in order.
     */
    public Dissector hook(LayerHook h) {
        this.hook = h;
        boolean[] w = null;
        if (h != null) {
            List<Protocol> all = Protocols.all();
            for (Protocol p : all) {
                if (h.watches(p)) {
                    if (w == null) w = new boolean[all.size()];
                    w[p.id] = true;
                }
            }
        }
        this.watched = w;
        return this;
    }

    public LayerHook hook() {
        return hook;
    }

    /** Calls into the hook that threw (each is treated as the hook having nothing to add); 0 unless a hook has a bug. */
    public long hookFailures() {
        return hookFailures;
    }

    @Override
    public int lookup(int table, long key) {
        if (!options.decodeAs.isEmpty()) {
            Map<Long, Integer> o = options.decodeAs.get(table);
            if (o != null) {
                Integer p = o.get(key);
                if (p != null) return p;
            }
        }
        return Protocols.lookup(table, key);
    }

    /** Dissects a record's bytes. */
    public Chain dissect(PacketRecord r, FrameSink sink) {
        return dissect(r.buffer, r.offset, r.capLen, r.linkType, r, sink, false);
    }

    /**
     * Dissects {@code [off, off + capLen)} of {@code buf} as a frame of {@code linkType}.
     *
     * @param streaming one pass for every layer, fields reaching the sink as they are read (the
     *                  fastest path), even where a layer's shown name (its variant, such as
     *                  HTTP/1.0) is known only after its decode: the sink then gets the grammar's
     *                  default name; otherwise such a layer is decoded first and then replayed, and
     *                  every other layer still takes one pass. Either way a malformed layer shows
     *                  the fields before the bad one.
     * @return the chain, reused by the next call
     */
    public Chain dissect(ByteBuffer buf, int off, int capLen, long linkType, PacketRecord frame, FrameSink sink, boolean streaming) {
        return run(buf, off, capLen, lookup(Protocols.T_LINKTYPE, linkType), frame, sink, streaming);
    }

    /**
     * Dissects {@code [off, off + len)} as an application payload found by content (PyPCAPKit's
     * {@code analyse}): the first grammar whose heuristic matches decodes it; none leaves it raw.
     * Stateful decoders key this payload's state as a flow without addresses.
     */
    public Chain analyse(ByteBuffer buf, int off, int len, PacketRecord frame, FrameSink sink) {
        return run(buf, off, len, sniffAt(buf, off, off + len), frame, sink, false);
    }

    /** The first protocol whose heuristic matches {@code [pos, limit)}, or -1. */
    private int sniffAt(ByteBuffer buf, int pos, int limit) {
        if (pos >= limit) return -1;
        for (int id : Protocols.heuristics()) {
            LayerCodec h = codecs[Protocols.get(id).codec];
            if (h != null && h.heuristic(buf, pos, limit)) return id;
        }
        return -1;
    }

    private Chain run(ByteBuffer buf, int off, int capLen, int first, PacketRecord frame, FrameSink sink, boolean streaming) {
        Chain c = chain;
        c.reset(buf, off);
        context.beginFrame(buf, off, c);
        if (sink != null) sink.beginFrame(frame);
        JsonLayerOut json = sink == null ? null : sink.jsonOut();
        int pos = off;
        int limit = off + capLen;
        // where the bytes end by the lengths announced (the frame's original length, then each
        // layer's length fields): past limit when the capture cut them
        long reported = frame != null && frame.origLen > capLen ? (long) off + frame.origLen : limit;
        // start of the bytes the current layers lie in (the frame, or a continuation): offsets
        // given to sinks and kept in the chain are relative to it
        int srcBase = off;
        Continuation more = null;
        int proto = first;
        boolean answering = false;
        // the version of the innermost IP layer so far (0 before any): the grammars' _ip_version
        int ipVersion = 0;
        String stopProtocol = options.protocol;
        LayerType stopLayer = options.layer;
        // inside a quoted datagram (an ICMP error's): the bytes may end in any header, and they
        // describe another packet, so no hook sees them (no reassembly, no flow)
        boolean quote = false;
        while (true) {
            while (proto >= 0) {
                Protocol p = Protocols.get(proto);
                if (stopLayer != null && beyond(proto, stopLayer)) break;
                LayerCodec codec = codecs[p.codec];
                if (codec == null) break;
                // malformed layers count too: a stream's messages go on after them, and each nests
                if (c.count + c.failures >= Limits.MAX_LAYERS) {
                    fail(c, sink, p, null, pos - srcBase, ErrorKind.LIMIT_EXCEEDED, "more than " + Limits.MAX_LAYERS + " layers in a frame");
                    return finish(c, sink, frame);
                }
                boolean show = sink != null && !p.transparent;
                if (binds[p.codec]) codec.bind(proto);
                // only a continuation's first layer may answer a noted request (a response to HEAD)
                codec.answersNote(answering);
                answering = false;
                codec.ipVersion(ipVersion);
                codec.reportedSize(reported - pos);
                // not this protocol at all (a version it does not know): the bytes stay raw. The
                // decode that tells is kept (NOT_DECODED otherwise) where a decode comes next anyway
                int decoded = NOT_DECODED;
                if (limit - pos < p.declinesBytes) break; // too few bytes to be it (0 for most)
                if (p.declines != null) {
                    decoded = codec.decode(buf, pos, limit);
                    if (decoded < 0 && codec.errorKind() == ErrorKind.INVALID && codec.errorField() == p.declines) break;
                }
                int he;
                // one pass where the layer's name is known before its decode: the sink sees the same
                // calls as from decode-then-emit, at half the reading
                boolean stream = streaming || streamable[p.codec];
                if (show && stream) {
                    sink.beginLayer(p, pos - srcBase);
                    if (json != null && writesJson[p.codec]) {
                        // decoded, then written from the stored values: no sink call per field
                        he = decoded != NOT_DECODED ? decoded : codec.decode(buf, pos, limit);
                        if (he >= 0) codec.writeJson(json, sink);
                        else codec.emit(buf, sink);
                    } else {
                        he = codec.walk(buf, pos, limit, sink);
                    }
                } else {
                    he = decoded != NOT_DECODED ? decoded : codec.decode(buf, pos, limit);
                }
                if (he < 0) {
                    int to = handOver(p, codec, buf, pos, limit);
                    if (to >= 0) {
                        // not this protocol's version: the layer ends at the field that says so, and
                        // the same bytes are the protocol that value names (IPv4 of version 6 is IPv6)
                        if (show && !stream) {
                            sink.beginLayer(p, pos - srcBase);
                            codec.emit(buf, sink);
                        }
                        c.add(proto, pos, pos, limit, reported);
                        proto = to;
                        continue;
                    }
                    if (quote && codec.errorKind() == ErrorKind.TRUNCATED) {
                        // the quote ends here: show the layer as far as it goes, as Wireshark does
                        if (show && !stream) {
                            sink.beginLayer(p, pos - srcBase);
                            codec.emit(buf, sink);
                        }
                        c.add(proto, pos, limit, limit, reported);
                        c.truncated(proto, codec.errorField(), codec.errorOffset() - srcBase);
                        if (show) sink.truncated(p, codec.errorField(), codec.errorOffset() - srcBase);
                        return finish(c, sink, frame);
                    }
                    if (show && !stream) {
                        // like Wireshark, show the fields read before the bad one: the walk stops where
                        // the decode failed (it may leave a group or list open; sinks close it at the
                        // malformed node)
                        sink.beginLayer(p, pos - srcBase);
                        codec.emit(buf, sink);
                    }
                    fail(c, sink, p, codec.errorField(), codec.errorOffset() - srcBase, codec.errorKind(), codec.errorReason());
                    if (more == null || more.protocol < 0) return finish(c, sink, frame);
                    // more messages of a stream completed in this frame: they follow the malformed
                    // one, as tshark dissects on after a malformed PDU
                    pos = limit;
                    break;
                }
                int v = streamable[p.codec] ? -1 : codec.variant(proto);
                if (v >= 0) {
                    proto = v;
                    p = Protocols.get(v);
                }
                long pl = codec.payloadLength();
                int payloadEnd = pl < 0 ? limit : (int) Math.min(limit, he + pl);
                if (pl >= 0) reported = Math.min(reported, he + pl);
                c.add(proto, pos, he, payloadEnd, reported);
                if (proto == ipv4Protocol) ipVersion = 4;
                else if (proto == ipv6Protocol) ipVersion = 6;
                if (show && !stream) {
                    sink.beginLayer(p, pos - srcBase);
                    codec.emit(buf, sink);
                }
                pos = he;
                limit = payloadEnd;
                boolean stopHere = stopProtocol != null && !p.transparent && DissectOptions.matches(p, stopProtocol);
                Continuation k = null;
                if (codec.isFragment()) {
                    if (hook == null || quote) break;
                    k = callHook(codec, frame, true);
                    if (k == null) break;
                    if (k == Continuation.RAW) {
                        c.hookRawAt = c.count - 1;
                        break;
                    }
                } else if (watched != null && watched[proto] && !quote) {
                    k = callHook(codec, frame, false);
                    if (k == Continuation.RAW) {
                        c.hookRawAt = c.count - 1;
                        break;
                    }
                }
                if (k != null) {
                    int next = k.protocol >= 0 ? k.protocol : codec.next(this);
                    // a threshold that ends the chain here leaves this layer's own payload raw
                    if (stopHere || next >= 0 && stopLayer != null && beyond(next, stopLayer)) break;
                    enter(c, k, sink);
                    answering = k.answersNote();
                    buf = k.buffer;
                    pos = srcBase = k.offset;
                    limit = k.offset + k.length;
                    reported = limit;
                    more = k.next();
                    proto = next;
                    if (k.protocol < 0) proto = guardAndSniff(p, proto, buf, pos, limit);
                    continue;
                }
                if (pl == 0) break;
                // nothing left: the next layer only when the grammar asks for it (or when the capture cut
                // the payload, for a grammar that says next-when-empty: cut)
                if (pos >= limit && !p.nextWhenEmpty && !(p.nextWhenCut && reported > limit)) break;
                if (stopHere) break;
                proto = codec.next(this);
                if (codec.nextQuoted() && !quote) {
                    quote = true;
                    c.quoteStart = c.count;
                }
                // a quote that ends with a header carries nothing more: not a truncated next layer,
                // unless the capture cut it (more was announced): then the next layer shows cut, as
                // in tshark
                if (quote && pos >= limit && reported <= limit) break;
                // past the requested layer: no guard or sniff worth running (the loop would stop anyway)
                if (stopLayer != null && stopLayer.ordinal() < LayerType.APPLICATION.ordinal()
                        && (proto < 0 ? p.layer == LayerType.TRANSPORT : beyond(proto, stopLayer))) break;
                proto = guardAndSniff(p, proto, buf, pos, limit);
            }
            if (pos < limit) {
                c.rawStart = pos - srcBase;
                c.rawLength = limit - pos;
                c.rawSource = c.contCount - 1;
                if (sink != null) sink.raw(buf, pos, limit - pos);
            }
            // further application data completed in the same frame goes on after this
            if (more == null || more.protocol < 0) break;
            Continuation k = more;
            more = k.next();
            c.rawStart = -1;
            c.rawLength = 0;
            enter(c, k, sink);
            answering = k.answersNote();
            buf = k.buffer;
            pos = srcBase = k.offset;
            limit = k.offset + k.length;
            reported = limit;
            proto = k.protocol;
        }
        return finish(c, sink, frame);
    }

    /**
     * Where a layer that failed goes on, or -1: when it failed the check of its grammar's
     * {@code hand-over} field, the protocol the hand-over table names for that field's value, read
     * from the bytes (a failed decode keeps no value to ask for; the field was read, so its bytes
     * are there).
     */
    private int handOver(Protocol p, LayerCodec codec, ByteBuffer buf, int pos, int limit) {
        if (p.handOver == null || codec.errorKind() != ErrorKind.INVALID || codec.errorField() != p.handOver) return -1;
        if (limit - pos < (p.handOverBitOffset + p.handOverBits + 7) / 8) return -1;
        return lookup(p.handOverTable, LayerCodec.bitsAt(buf, pos, p.handOverBitOffset, p.handOverBits));
    }

    /** The chain goes on in reassembled data: per-flow state follows the data's stream when it names one. */
    private void enter(Chain c, Continuation k, FrameSink sink) {
        c.enter(k);
        context.enterSource(c.contCount, k.stream());
        if (sink != null) sink.reassembled(k);
    }

    @Override
    public int guardAndSniff(Protocol p, int proto, ByteBuffer buf, int pos, int limit) {
        if (proto >= 0 && pos < limit) {
            Protocol np = Protocols.get(proto);
            if (np.guard && codecs[np.codec] != null && !codecs[np.codec].heuristic(buf, pos, limit)) proto = sibling(np, buf, pos, limit);
        }
        if (proto < 0 && sniff && p.layer == LayerType.TRANSPORT && pos < limit) {
            proto = context.conversation();
            if (proto < 0) {
                proto = sniffAt(buf, pos, limit);
                if (proto >= 0 && Protocols.get(proto).conversation) context.rememberConversation(proto);
            }
        }
        return proto;
    }

    /**
     * A guarded grammar declined a payload its port named it for: a member of its group may claim
     * it by content, or the connection was recognised as one before (port 80 carries HTTP, and
     * HTTP/2 with prior knowledge announces itself by its preface, which Wireshark's HTTP
     * dissector hands on too). Else -1: the payload stays raw.
     */
    private int sibling(Protocol declined, ByteBuffer buf, int pos, int limit) {
        if (declined.groups.isEmpty()) return -1;
        int known = context.knownConversation();
        if (known >= 0) return sharesGroup(Protocols.get(known), declined) ? known : -1;
        for (int id : Protocols.heuristics()) {
            Protocol q = Protocols.get(id);
            if (id == declined.id || !sharesGroup(q, declined)) continue;
            LayerCodec h = codecs[q.codec];
            if (h != null && h.heuristic(buf, pos, limit)) {
                if (q.conversation) context.rememberConversation(id);
                return id;
            }
        }
        return -1;
    }

    private static boolean sharesGroup(Protocol a, Protocol b) {
        for (String g : a.groups) if (b.groups.contains(g)) return true;
        return false;
    }

    private static boolean beyond(int proto, LayerType stopLayer) {
        Protocol p = Protocols.get(proto);
        return !p.transparent && p.layer.ordinal() > stopLayer.ordinal();
    }

    /** Asks the hook; a hook that fails is counted and treated as having nothing to add. */
    private Continuation callHook(LayerCodec codec, PacketRecord frame, boolean fragment) {
        LayerContext x = hookContext;
        x.frame = frame;
        x.chain = chain;
        x.codec = codec;
        x.dispatcher = this;
        try {
            return fragment ? hook.fragment(x) : hook.layer(x);
        } catch (RuntimeException e) {
            hookFailures++;
            if (LOG.isDebugEnabled()) LOG.debug("layer hook failed in frame {}", frame == null ? -1 : frame.number, e);
            return null;
        } finally {
            x.codec = null;
        }
    }

    private static void fail(Chain c, FrameSink sink, Protocol p, Field f, int offset, ErrorKind kind, String reason) {
        c.failed(p.id, f, offset, kind, reason);
        if (sink != null) sink.malformed(p, f, offset, kind, reason);
    }

    private Chain finish(Chain c, FrameSink sink, PacketRecord frame) {
        if (sink != null) sink.endFrame(c);
        if (hook != null) {
            try {
                hook.endFrame(frame, c);
            } catch (RuntimeException e) {
                hookFailures++;
                if (LOG.isDebugEnabled()) LOG.debug("layer hook failed at the end of frame {}", frame == null ? -1 : frame.number, e);
            }
        }
        return c;
    }
}
