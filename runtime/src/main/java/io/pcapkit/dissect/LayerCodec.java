package io.pcapkit.dissect;

import java.nio.ByteBuffer;

/**
 * A generated parser for one grammar, reused frame after frame (one instance per dissector and
 * thread). {@link #decode} reads the layer's header from {@code [start, limit)} of a buffer,
 * checking every length against the bytes present; {@link #emit} replays the fields into a sink.
 * Nothing here throws on bad input: a failure is recorded (field, offset, kind) and reported.
 */
public abstract class LayerCodec {
    /** Returned by {@link #decode} and the walkers when the layer is malformed. */
    public static final int ERROR = -1;

    protected int start;
    protected int limit;
    /** Absolute end of the header (where the payload starts). */
    protected int headerEnd;
    /** Payload length declared by the header, or -1 when the payload runs to the parent's bound. */
    protected long payloadLength = -1;
    /** True when the payload is a fragment that is not dissected before reassembly. */
    protected boolean fragment;
    /**
     * Set by {@link #next} when the payload it dispatched to is a quoted datagram (the start of
     * the datagram an ICMP error reports): it may end anywhere.
     */
    protected boolean nextQuoted;

    // the last failure
    protected Field errField;
    protected int errOffset;
    protected ErrorKind errKind;
    protected long errNeed;
    protected long errHave;
    protected String errExpected;

    /** The grammar's {@code meta/id}. */
    public abstract String grammar();

    /**
     * Reads {@code [start, end)}, emitting to {@code sink} when it is not null.
     *
     * @return the absolute header end, or {@link #ERROR}
     */
    protected abstract int walkTop(ByteBuffer b, int start, int end, FieldSink sink);

    /** Decodes the header without output. @return the header end, or {@link #ERROR} */
    public final int decode(ByteBuffer b, int start, int limit) {
        this.start = start;
        this.limit = limit;
        this.errField = null;
        return walkTop(b, start, limit, null);
    }

    /**
     * Decodes and emits in one pass (the streaming path): on a failure the sink has already seen
     * the fields before the bad one.
     */
    public final int walk(ByteBuffer b, int start, int limit, FieldSink sink) {
        this.start = start;
        this.limit = limit;
        this.errField = null;
        return walkTop(b, start, limit, sink);
    }

    /** Replays the fields of the last successful {@link #decode} into {@code sink}. */
    public final void emit(ByteBuffer b, FieldSink sink) {
        walkTop(b, start, limit, sink);
    }

    /** The protocol id the payload dispatches to, or -1 (the payload stays raw). */
    public int next(Dispatcher d) {
        return -1;
    }

    /**
     * Whether the payload the last {@link #next} chose is a quoted datagram (a {@code next} rule
     * with {@code quoted: true}): the layers in it may be cut short by the quote's end.
     */
    public final boolean nextQuoted() {
        return nextQuoted;
    }

    /** Generated {@code next} methods return through here for a quoted payload. */
    protected final int quoted(int protocol) {
        nextQuoted = true;
        return protocol;
    }

    public final int start() {
        return start;
    }

    public final int headerEnd() {
        return headerEnd;
    }

    public final long payloadLength() {
        return payloadLength;
    }

    public final boolean isFragment() {
        return fragment;
    }

    // ---- failures ----

    public final Field errorField() {
        return errField;
    }

    public final int errorOffset() {
        return errOffset;
    }

    public final ErrorKind errorKind() {
        return errKind;
    }

    /** A sentence for people: built only when a failure is reported, never on the hot path. */
    public final String errorReason() {
        if (errKind == null) return null;
        return switch (errKind) {
            case TRUNCATED -> "truncated: needs " + errNeed + " bytes, " + errHave + " available";
            case INVALID -> "invalid value " + errHave + ": " + errExpected;
            case LIMIT_EXCEEDED -> "limit exceeded: " + errExpected + " (" + errNeed + ")";
        };
    }

    protected final int truncated(Field f, int at, long need, long have) {
        errField = f;
        errOffset = at;
        errKind = ErrorKind.TRUNCATED;
        errNeed = need;
        errHave = have;
        return ERROR;
    }

    protected final int invalid(Field f, int at, long actual, String expected) {
        errField = f;
        errOffset = at;
        errKind = ErrorKind.INVALID;
        errHave = actual;
        errExpected = expected;
        return ERROR;
    }

    protected final int limitExceeded(Field f, int at, long limit, String what) {
        errField = f;
        errOffset = at;
        errKind = ErrorKind.LIMIT_EXCEEDED;
        errNeed = limit;
        errExpected = what;
        return ERROR;
    }

    /** Used by Kaitai-backed reference codecs, whose failures surface as exceptions. */
    protected final int failed(Field f, int at, ErrorKind kind, String what) {
        errField = f;
        errOffset = at;
        errKind = kind;
        errExpected = what;
        errNeed = 0;
        errHave = 0;
        return ERROR;
    }

    // ---- helpers for generated code ----

    /** Reads {@code n} (1..8) bytes big-endian as an unsigned integer; bit runs use it. */
    protected static long readBitsWord(ByteBuffer b, int p, int n) {
        switch (n) {
            case 1: return b.get(p) & 0xFFL;
            case 2: return b.getShort(p) & 0xFFFFL;
            case 4: return b.getInt(p) & 0xFFFFFFFFL;
            case 8: return b.getLong(p);
            default:
                long w = 0;
                for (int i = 0; i < n; i++) w = (w << 8) | (b.get(p + i) & 0xFFL);
                return w;
        }
    }
}
