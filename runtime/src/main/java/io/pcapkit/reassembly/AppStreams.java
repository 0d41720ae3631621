package io.pcapkit.reassembly;

import io.pcapkit.dissect.Continuation;
import io.pcapkit.dissect.ErrorKind;
import io.pcapkit.dissect.LayerCodec;
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
 * <li>it reports {@link ErrorKind#TRUNCATED}, or its payload runs past the buffer: the message is
 *     incomplete, wait for more bytes (the frame's payload stays raw);</li>
 * <li>it fails otherwise: the bytes are handed over as they are, so the frame shows the
 *     application layer malformed, as Wireshark does.</li>
 * </ul>
 * A grammar whose payload runs "to the end" ({@code _rest}) cannot say where its message ends: the
 * bytes present are handed over at once. A message longer than
 * {@link StreamOptions#maxAppMessageBytes} is handed over as it stands. After a gap a direction is
 * no longer dissected (its bytes stay raw): the grammars have no way yet to find the next message
 * start.
 */
public final class AppStreams implements StreamListener {
    private final StreamOptions options;
    private final LayerCodec[] codecs = new LayerCodec[Protocols.all().size()];
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
        final Side[] sides = {new Side(), new Side()};

        State(int protocol) {
            this.protocol = protocol;
        }
    }

    private static final class Side {
        byte[] buf = new byte[0];
        int start;
        int end;
        /** stream byte ends (offsets in buf) and the frames that carried the bytes before them */
        int[] marks = new int[4];
        long[] frames = new long[4];
        int markCount;
        boolean off;
    }

    /** Whether the connection's application protocol was decided (attach was called). */
    public boolean decided(TcpConnection c) {
        return c.app != null;
    }

    /** Sets the connection's application protocol, or none ({@code protocol < 0}). */
    public void attach(TcpConnection c, int protocol) {
        c.app = protocol < 0 || Protocols.get(protocol).codec < 0 ? NONE : new State(protocol);
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
        if (s.end + len > s.buf.length) {
            int live = s.end - s.start;
            int n = Math.max(live + len, Math.min(2 * s.buf.length, live + len + 4096));
            byte[] nb = new byte[Math.max(n, 256)];
            System.arraycopy(s.buf, s.start, nb, 0, live);
            for (int i = 0; i < s.markCount; i++) s.marks[i] -= s.start;
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

    private void parse(TcpConnection c, State st, Side s) {
        LayerCodec codec = codecs[st.protocol];
        if (codec == null) codec = codecs[st.protocol] = Protocols.newCodec(Protocols.get(st.protocol).codec);
        ByteBuffer bb = ByteBuffer.wrap(s.buf);
        while (s.end > s.start) {
            int he = codec.decode(bb, s.start, s.end);
            if (he < 0) {
                if (codec.errorKind() == ErrorKind.TRUNCATED && s.end - s.start <= options.maxAppMessageBytes) return;
                if (codec.errorKind() == ErrorKind.TRUNCATED) c.flag(Anomaly.TRUNCATED);
                handOver(st, s, s.end);
                return;
            }
            long pl = codec.payloadLength();
            long messageEnd = pl < 0 ? s.end : he + pl;
            if (messageEnd > s.end) {
                if (messageEnd - s.start <= options.maxAppMessageBytes) return;
                c.flag(Anomaly.TRUNCATED);
                handOver(st, s, s.end);
                return;
            }
            handOver(st, s, (int) Math.max(messageEnd, s.start + 1));
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
            Continuation k = Continuation.of(Arrays.copyOfRange(s.buf, s.start, to), st.protocol, frames, "TCP stream");
            if (head == null) head = k;
            else head.append(k);
            messages++;
        }
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
    }

    @Override
    public void gap(TcpConnection c, int dir, long length, long frame) {
        if (!(c.app instanceof State st)) return;
        Side s = st.sides[dir];
        if (s.off) return;
        if (s.end > s.start) handOver(st, s, s.end);
        s.off = true;
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
