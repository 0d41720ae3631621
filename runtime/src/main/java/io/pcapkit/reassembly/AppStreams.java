package io.pcapkit.reassembly;

import io.pcapkit.dissect.Continuation;
import io.pcapkit.dissect.ErrorKind;
import io.pcapkit.dissect.LayerCodec;
import io.pcapkit.dissect.Protocol;
import io.pcapkit.gen.Protocols;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Application messages over TCP streams: the mechanism application grammars (HTTP, FTP, ...) are
 * dissected through. A connection whose port dispatches to an application protocol gets, per
 * direction, a buffer of stream bytes not yet dissected; after each in-order arrival the protocol's
 * codec tries the buffer:
 * <ul>
 * <li>it decodes and its payload length is satisfied: the message is complete, handed to the
 *     dissector as a {@link Continuation} in the frame that completed it (its frames listed), and
 *     its bytes are consumed; the loop goes on with what follows (several messages may complete in
 *     one frame);</li>
 * <li>it reports {@link ErrorKind#TRUNCATED} at the end of the buffer, or its payload runs past
 *     the buffer: the message is incomplete, wait for more bytes (the frame's payload stays raw);</li>
 * <li>it fails otherwise: the bytes are handed over as they are, so the frame shows the
 *     application layer malformed, as Wireshark does. When the header said where the message ends
 *     before the failure (a DNS message's length over TCP), only the message is, and the next one
 *     follows it; otherwise all the bytes so far are.</li>
 * </ul>
 * A grammar whose payload runs "to the end" ({@code _rest}) cannot say where its message ends: the
 * bytes present are handed over at once. A message longer than
 * {@link StreamOptions#maxAppMessageBytes} is handed over as it stands. After a gap, a direction
 * whose grammar is found by content (HTTP/1.x, FTP: a heuristic tells a message start) waits for a
 * segment that starts a message, as tshark picks the dissection up again at such a segment; the
 * bytes before it stay raw. So does a guarded grammar's direction (HTTP/1.x) after bytes that are
 * no message start. Other grammars have no way to find the next message start (DNS over TCP), or
 * need the conversation so far (HTTP/2's header compression): their direction stays raw.
 */
public final class AppStreams implements StreamListener {
    private final StreamOptions options;
    private final LayerCodec[] codecs = new LayerCodec[Protocols.all().size()];
    private final io.pcapkit.dissect.DissectContext framing = io.pcapkit.dissect.DissectContext.framingOnly();
    private Continuation head;
    private long messages;
    private long abandoned;
    /** whether a frame is being applied (messages can be handed over only then) */
    private boolean inFrame;

    public AppStreams(StreamOptions options) {
        this.options = options.copy();
    }

    /** Application messages handed over so far. */
    public long messages() {
        return messages;
    }

    /** Incomplete application data dropped when its connection ended between frames. */
    public long abandoned() {
        return abandoned;
    }

    private static final Object NONE = new Object();

    /** Per connection: the application protocol and a buffer per direction. */
    private static final class State {
        final int protocol;
        final Side[] sides;
        /** per direction, the notes of the requests sent that way not yet answered, oldest in bit 0 */
        final long[] notes = new long[2];
        final int[] pending = new int[2];

        State(int protocol, long connection) {
            this.protocol = protocol;
            this.sides = new Side[] {new Side(new StreamKey(connection, 0)), new Side(new StreamKey(connection, 1))};
        }

        /** Whether the oldest request unanswered in direction {@code dir} left its note (a HEAD). */
        boolean noted(int dir) {
            return pending[dir] > 0 && (notes[dir] & 1) != 0;
        }

        /** A message completed in {@code dir}: a request queues its note, anything else answers the other way's oldest. */
        void exchanged(int dir, int note) {
            if (note >= 0) {
                if (pending[dir] == ReassemblyLimits.TCP_MAX_PENDING_EXCHANGES) {
                    notes[dir] >>>= 1;
                    pending[dir]--;
                }
                if (note == 1) notes[dir] |= 1L << pending[dir];
                pending[dir]++;
            } else if (pending[1 - dir] > 0) {
                notes[1 - dir] >>>= 1;
                pending[1 - dir]--;
            }
        }
    }

    /** A connection's direction: the key per-flow decoder state (HPACK) is kept under. */
    record StreamKey(long connection, int dir) {
    }

    private static final class Side {
        final StreamKey key;

        Side(StreamKey key) {
            this.key = key;
        }

        byte[] buf = new byte[0];
        int start;
        int end;
        /** stream byte ends (offsets in buf) and the frames that carried the bytes before them */
        int[] marks = new int[4];
        long[] frames = new long[4];
        int markCount;
        boolean off;
        /** after a gap: bytes stay raw until a segment starts a message (guarded grammars) */
        boolean resync;
        /** the message at start runs to the end of the direction */
        boolean toClose;
        /** the start the guard's heuristic last passed at (-1: none) */
        int checkedStart = -1;
        /** the message at start answers a request whose note was set (see State#noted) */
        boolean answering;
    }

    /** Whether the connection's application protocol was decided (attach was called). */
    public boolean decided(TcpConnection c) {
        return c.app != null;
    }

    /**
     * Decides the connection's application protocol on its first data: {@code chosen}, the
     * dissector's choice for those bytes alone; else, when the port names a guarded grammar and the
     * bytes are too few for its heuristic to tell ({@link #HEURISTIC_BYTES}), that grammar, whose
     * guard in the stream decides once more bytes arrive (a request line cut after "GE": tshark's
     * HTTP waits for the rest too).
     */
    public void attachFirst(TcpConnection c, int portProtocol, int chosen, int len) {
        if (chosen < 0 && portProtocol >= 0 && Protocols.get(portProtocol).guard && len < HEURISTIC_BYTES) chosen = portProtocol;
        attach(c, chosen);
    }

    /** Sets the connection's application protocol, or none ({@code protocol < 0}). */
    public void attach(TcpConnection c, int protocol) {
        c.app = protocol < 0 || Protocols.get(protocol).codec < 0 ? NONE : new State(protocol, c.id());
    }

    /** Whether the connection's streams are dissected as an application protocol. */
    public boolean active(TcpConnection c) {
        return c.app instanceof State;
    }

    /** A frame starts being applied to the connections. */
    public void beginFrame() {
        inFrame = true;
        head = null;
    }

    /**
     * The frame was applied: the messages it completed, as continuations (the first, with the
     * others chained after it), or null.
     */
    public Continuation endFrame() {
        inFrame = false;
        Continuation k = head;
        head = null;
        return k;
    }

    @Override
    public void data(TcpConnection c, int dir, ByteBuffer b, int off, int len, long frame) {
        if (!(c.app instanceof State st)) return;
        Side s = st.sides[dir];
        if (s.off) return;
        if (s.resync) {
            // only a segment that starts a message picks the dissection up again
            LayerCodec codec = codec(st.protocol);
            if (codec == null || !codec.heuristic(b, off, off + len)) return;
            s.resync = false;
        }
        if (s.end + len > s.buf.length) {
            int live = s.end - s.start;
            int n = Math.max(live + len, Math.min(2 * s.buf.length, live + len + 4096));
            byte[] nb = new byte[Math.max(n, 256)];
            System.arraycopy(s.buf, s.start, nb, 0, live);
            for (int i = 0; i < s.markCount; i++) s.marks[i] -= s.start;
            s.checkedStart = s.checkedStart == s.start ? 0 : -1;
            c.charge(nb.length - s.buf.length);
            s.buf = nb;
            s.end = live;
            s.start = 0;
        }
        b.get(off, s.buf, s.end, len);
        s.end += len;
        if (s.markCount > 0 && s.frames[s.markCount - 1] == frame) {
            s.marks[s.markCount - 1] = s.end;
        } else {
            if (s.markCount == s.marks.length) {
                s.marks = Arrays.copyOf(s.marks, s.markCount * 2);
                s.frames = Arrays.copyOf(s.frames, s.markCount * 2);
            }
            s.marks[s.markCount] = s.end;
            s.frames[s.markCount++] = frame;
        }
        parse(c, st, s);
    }

    private LayerCodec codec(int protocol) {
        LayerCodec codec = codecs[protocol];
        if (codec == null) {
            codec = codecs[protocol] = Protocols.newCodec(Protocols.get(protocol).codec);
            // decoded here only to find where messages end: processors (HPACK) run in the dissection
            if (codec != null) codec.bindContext(framing);
        }
        return codec;
    }

    /** The message is not complete yet: wait for more bytes. */
    private static final long WAIT = -1;
    /** The bytes do not decode: hand them over as they are (the frame shows the layer malformed). */
    private static final long BAD = -2;
    /** The message runs to the end of its direction (an HTTP response without a length): wait for the FIN. */
    private static final long TO_CLOSE = -3;
    /** The bytes do not decode, but the header said where the message ends ({@link #malformedEnd}): hand over that much. */
    private static final long MALFORMED = -4;
    /** where the last {@link #MALFORMED} message ends */
    private int malformedEnd;
    /** Layers one message may chain (HTTP/1.x then its chunked body). */
    private static final int MAX_CHAIN = 4;

    /**
     * Where the message starting at {@code start} ends. A layer with a payload length ends there;
     * a layer that dispatches to another grammar (HTTP/1.x to its chunked body) ends with that
     * layer; a layer followed by the same grammar (an FTP line, an HTTP/2 frame) ends with its
     * header, as does a layer that is all its message (DNS over TCP); a first layer whose payload
     * length is the grammar's {@code _rest} runs to the end of its direction.
     */
    private long messageEnd(int protocol, ByteBuffer bb, int start, int end) {
        int proto = protocol;
        int pos = start;
        for (int depth = 0; depth < MAX_CHAIN; depth++) {
            LayerCodec codec = codec(proto);
            if (codec == null) return depth == 0 ? BAD : pos;
            codec.bind(proto);
            int he = codec.decode(bb, pos, end);
            // only a truncation at the end of the bytes so far waits for more: one inside a bounded
            // stream (a DNS message shorter than its header) is a whole, malformed message
            if (he < 0) {
                if (codec.truncatedAt(end)) return WAIT;
                // a malformed message whose header said where it ends (DNS over TCP): the stream goes on after it
                int se = codec.sizedEnd();
                if (depth > 0 || se <= pos || se > end) return BAD;
                malformedEnd = se;
                return MALFORMED;
            }
            long pl = codec.payloadLength();
            if (pl >= 0) return he + pl > end ? WAIT : he + pl;
            int next = codec.next(Protocols::lookup);
            if (next == proto) return he;
            if (next < 0) return depth == 0 && codec.payloadToEnd() ? TO_CLOSE : he;
            proto = next;
            pos = he;
        }
        return BAD;
    }

    private void parse(TcpConnection c, State st, Side s) {
        ByteBuffer bb = ByteBuffer.wrap(s.buf);
        Protocol p = Protocols.get(st.protocol);
        while (s.end > s.start && !s.toClose) {
            if (p.guard && s.checkedStart != s.start) {
                // a guarded grammar's message starts the way its heuristic says, else these bytes
                // are not a message start (a body the capture did not show the start of): the
                // direction is no longer dissected, as after a gap
                LayerCodec codec = codec(st.protocol);
                if (codec == null || !codec.heuristic(bb, s.start, s.end)) {
                    if (s.end - s.start < HEURISTIC_BYTES) return; // too few bytes to tell
                    int next = nextMessageStart(s, codec, bb);
                    if (next < 0) {
                        drop(c, s);
                        return;
                    }
                    // a later segment starts a message (after a keep-alive byte, say): the bytes
                    // before it stay raw, as tshark dissects that segment as a message of its own
                    consume(s, next);
                    continue;
                }
                s.checkedStart = s.start;
            }
            // a response learns from the request it answers (the other direction's oldest): HEAD's has no body
            LayerCodec top = codec(st.protocol);
            boolean answering = st.noted(1 - s.key.dir());
            if (top != null) top.answersNote(answering);
            s.answering = answering;
            long m = messageEnd(st.protocol, bb, s.start, s.end);
            if (m == WAIT) {
                if (s.end - s.start <= options.maxAppMessageBytes) return;
                c.flag(Anomaly.TRUNCATED);
                handOver(st, s, s.end);
                return;
            }
            if (m == TO_CLOSE) {
                // handed over when the direction ends (its FIN, or the flow's end), or at the cap
                s.toClose = true;
                checkToClose(c, st, s);
                return;
            }
            if (m == BAD) {
                handOver(st, s, s.end);
                return;
            }
            if (m == MALFORMED) {
                // handed over alone (the frame shows it malformed), and what follows it is the next
                // message, as tshark dissects on after a malformed PDU
                handOver(st, s, malformedEnd);
                continue;
            }
            // the top codec's last decode was this message's (the ones after it are its payload's)
            int note = top == null ? -1 : top.exchangeNote();
            handOver(st, s, (int) Math.max(m, s.start + 1));
            st.exchanged(s.key.dir(), note);
        }
        if (s.toClose) checkToClose(c, st, s);
    }

    /** Where a buffered segment after the first starts a message (by the guard's heuristic), or -1. */
    private static int nextMessageStart(Side s, LayerCodec codec, ByteBuffer bb) {
        if (codec == null) return -1;
        for (int i = 0; i < s.markCount; i++) {
            int m = s.marks[i]; // the end of a frame's bytes: the next frame's start
            if (m > s.start && m < s.end && codec.heuristic(bb, m, s.end)) return m;
        }
        return -1;
    }

    /** Enough bytes for a heuristic to tell a message start (HTTP's longest method and a space). */
    private static final int HEURISTIC_BYTES = 16;

    /** A message that runs to the end of its direction: over the cap it is handed over as it stands, and the rest stays raw. */
    private void checkToClose(TcpConnection c, State st, Side s) {
        if (s.end - s.start > options.maxAppMessageBytes) {
            c.flag(Anomaly.TRUNCATED);
            handOver(st, s, s.end);
            s.off = true;
        }
    }

    /** Bytes that are no message start: they stay raw, until a segment starts a message. */
    private void drop(TcpConnection c, Side s) {
        s.start = s.end = 0;
        s.markCount = 0;
        s.resync = true;
    }

    /**
     * The segment just applied in direction {@code dir} was cut by the capture's snapshot length.
     * Like tshark, the frame dissects that segment alone: its bytes, and a message they would have
     * continued (which can never complete), leave the buffer. The direction then goes on as after
     * a gap: a later segment that starts a message is dissected again, so a header-only capture
     * shows every message's start.
     */
    public void cut(TcpConnection c, int dir) {
        if (!(c.app instanceof State st)) return;
        Side s = st.sides[dir];
        if (s.off) return;
        afterLoss(st, s);
    }

    @Override
    public void segment(TcpConnection c, int dir, long frame) {
        if (!(c.app instanceof State st)) return;
        Side s = st.sides[dir];
        // the FIN ends a message that runs to the end of its direction (tshark shows it in the FIN's frame)
        if (s.toClose && c.finished(dir) && s.end > s.start) {
            handOver(st, s, s.end);
            s.toClose = false;
            s.off = true;
        }
    }

    /** Hands {@code [start, to)} over as one message and consumes it. */
    private void handOver(State st, Side s, int to) {
        if (!inFrame) {
            abandoned++;
        } else {
            int n = 0;
            int first = -1;
            for (int i = 0; i < s.markCount; i++) {
                int from = i == 0 ? Integer.MIN_VALUE : s.marks[i - 1];
                if (s.marks[i] > s.start && from < to) {
                    if (first < 0) first = i;
                    n++;
                }
            }
            long[] frames = first < 0 ? new long[0] : Arrays.copyOfRange(s.frames, first, first + n);
            Continuation k = Continuation.of(Arrays.copyOfRange(s.buf, s.start, to), st.protocol, frames, "TCP stream").stream(s.key)
                    .answersNote(s.answering);
            if (head == null) head = k;
            else head.append(k);
            messages++;
        }
        consume(s, to);
    }

    /** Forgets the bytes before {@code to} and the frames whose bytes are all consumed. */
    private static void consume(Side s, int to) {
        s.start = to;
        // forget the frames whose bytes are all consumed
        int drop = 0;
        while (drop < s.markCount && s.marks[drop] <= s.start) drop++;
        if (drop == s.markCount && drop > 0) drop--; // keep the last frame: more of its bytes may follow
        if (drop > 0) {
            System.arraycopy(s.marks, drop, s.marks, 0, s.markCount - drop);
            System.arraycopy(s.frames, drop, s.frames, 0, s.markCount - drop);
            s.markCount -= drop;
        }
        if (s.start == s.end) {
            s.start = s.end = 0;
            s.markCount = 0;
        }
        s.checkedStart = -1;
    }

    @Override
    public void gap(TcpConnection c, int dir, long length, long frame) {
        if (!(c.app instanceof State st)) return;
        Side s = st.sides[dir];
        if (s.off || s.resync) return;
        if (s.end > s.start) handOver(st, s, s.end);
        afterLoss(st, s);
    }

    /**
     * Bytes of the direction are lost (a gap, or a segment the capture cut): a grammar found by
     * content can tell where a message starts again (HTTP/1.x, FTP); one whose messages depend on
     * the conversation so far (HTTP/2's HPACK state) or that has no heuristic (DNS over TCP)
     * stays raw.
     */
    private static void afterLoss(State st, Side s) {
        s.start = s.end = 0;
        s.markCount = 0;
        s.toClose = false;
        Protocol p = Protocols.get(st.protocol);
        if (p.guard || p.heuristic && !p.conversation) s.resync = true;
        else s.off = true;
    }

    @Override
    public void release(TcpConnection c) {
        if (!(c.app instanceof State st)) return;
        for (Side s : st.sides) {
            if (s.end > s.start) {
                c.flag(Anomaly.TRUNCATED);
                handOver(st, s, s.end);
            }
            c.charge(-s.buf.length);
            s.buf = new byte[0];
            s.start = s.end = 0;
            s.markCount = 0;
        }
    }

    /** Nothing of a connection is kept past its close: its state lives in the connection, messages carry copies. */
    @Override
    public boolean keepsConnections() {
        return false;
    }

    @Override
    public void closed(TcpConnection c) {
        if (!(c.app instanceof State st)) return;
        for (Side s : st.sides) {
            if (s.end > s.start) handOver(st, s, s.end);
            c.charge(-s.buf.length);
            s.buf = new byte[0];
        }
    }
}
