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
    /** whether the grammar's payload-length chose {@code _rest}: the payload runs to the parent's bound */
    protected boolean payloadToEnd;
    /** True when the payload is a fragment that is not dissected before reassembly. */
    protected boolean fragment;
    /**
     * Set by {@link #next} when the payload it dispatched to is a quoted datagram (the start of
     * the datagram an ICMP error reports): it may end anywhere.
     */
    protected boolean nextQuoted;
    /** The buffer of the last decode (layer-level expressions read text fields from it). */
    protected ByteBuffer buf;
    /** The dissector's context: flows and per-flow state (made on first use when no dissector bound one). */
    private DissectContext ctx;

    // the last failure
    protected Field errField;
    protected int errOffset;
    protected ErrorKind errKind;
    protected long errNeed;
    protected long errHave;
    protected String errExpected;
    /** The failure is a sentence of its own (a primitive's or processor's), not a value and bound. */
    protected boolean errPlain;
    /** Where the stream a truncation ran out of ends (absolute): the layer's end, or a bounded field's inside it. */
    protected int errStreamEnd;
    /**
     * Where the layer's message ends by a size read before its content (absolute), or -1: set when
     * the grammar's last top-level field is sized and the layer has no payload length (a DNS message
     * after its length over TCP). Known even when the content then fails to decode.
     */
    protected int sizedEnd = -1;

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
        this.buf = b;
        this.errField = null;
        this.sizedEnd = -1;
        return walkTop(b, start, limit, null);
    }

    /**
     * Decodes and emits in one pass (the streaming path): on a failure the sink has already seen
     * the fields before the bad one.
     */
    public final int walk(ByteBuffer b, int start, int limit, FieldSink sink) {
        this.start = start;
        this.limit = limit;
        this.buf = b;
        this.errField = null;
        this.sizedEnd = -1;
        return walkTop(b, start, limit, sink);
    }

    /** Replays the fields of the last successful {@link #decode} into {@code sink}. */
    public final void emit(ByteBuffer b, FieldSink sink) {
        walkTop(b, start, limit, sink);
    }

    /**
     * Whether {@link #writeJson} writes fields itself (generated for grammars whose top-level
     * fields all have a stored value: numbers, flags, addresses, groups, nested types by offset).
     */
    public boolean writesJson() {
        return false;
    }

    /**
     * After a successful {@link #decode}, writes the layer's fields as the sink calls of a walk
     * would have made the NDJSON dumper write them: the scalars straight to {@code out}, the rest
     * (lists, nested types) through {@code sink} from their stored offsets. This default walks again.
     */
    public void writeJson(JsonLayerOut out, FieldSink sink) {
        emit(buf, sink);
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

    /** Uses {@code ctx} (the dissector's) for per-flow state. */
    public final void bindContext(DissectContext ctx) {
        this.ctx = ctx;
    }

    public final DissectContext context() {
        if (ctx == null) ctx = new DissectContext();
        return ctx;
    }

    /**
     * Sets the grammar's parameters for protocol entry {@code protocolId} (a dispatch key may carry
     * parameter values: DNS over TCP is DNS with its length prefix). Called before each decode.
     */
    public void bind(int protocolId) {
    }

    /** Whether {@link #bind} sets anything (the grammar has parameters a dispatch key may carry). */
    public boolean binds() {
        return false;
    }

    /**
     * After a successful decode of entry {@code protocolId}: the entry to show instead (a grammar's
     * {@code variants}, e.g. HTTP/1.0 for a message of that version), or -1 to keep it.
     */
    public int variant(int protocolId) {
        return -1;
    }

    /**
     * Whether {@link #variant} may name another entry: the layer's name is known only after its
     * decode, so it cannot be shown while it is read.
     */
    public boolean hasVariants() {
        return false;
    }

    /**
     * Whether {@code [start, end)} of {@code b} looks like this grammar's layer (its
     * {@code heuristic}); false for grammars that declare none.
     */
    public boolean heuristic(ByteBuffer b, int start, int end) {
        return false;
    }

    /**
     * Whether the message being decoded answers a request whose {@code exchange} note was set (a
     * response to HEAD): the grammars' {@code _answers_note}. Set before each decode by whoever
     * knows the exchange (the TCP stream), false otherwise.
     */
    protected boolean answersNote;

    public final void answersNote(boolean v) {
        answersNote = v;
    }

    /**
     * The version of the innermost IP layer before this one (4 or 6; 0 when there is none): the
     * grammars' {@code _ip_version} (UDP: a length of 0 is a jumbogram only over IPv6). Set
     * before each decode by the dissector.
     */
    protected int ipVersion;

    public final void ipVersion(int v) {
        ipVersion = v;
    }

    /**
     * The bytes from this layer's start by the lengths announced before it (the frame's original
     * length, the enclosing layers' length fields), which a cut capture may not hold: the grammars'
     * {@code _reported_size}.
     */
    protected long reportedSize;

    public final void reportedSize(long v) {
        reportedSize = v;
    }

    /**
     * After a decode: -1 when the message is no request of an {@code exchange}, else 1 when its
     * note holds (a HEAD request), 0 when not.
     */
    public int exchangeNote() {
        return -1;
    }

    private java.util.regex.Matcher matcher;
    private final Latin1View view = new Latin1View();

    /**
     * Whether {@code pattern} matches at the start of the first {@code window} bytes of
     * {@code [start, end)}, read as ISO-8859-1 text. The matcher and the text view are reused.
     */
    protected final boolean matchHeuristic(java.util.regex.Pattern pattern, int window, ByteBuffer b, int start, int end) {
        view.set(b, start, Math.min(end, start + window));
        if (matcher == null || matcher.pattern() != pattern) matcher = pattern.matcher(view);
        else matcher.reset(view);
        return matcher.lookingAt();
    }

    /** Bytes of a buffer as ISO-8859-1 characters, without copying. */
    private static final class Latin1View implements CharSequence {
        private ByteBuffer b;
        private int off;
        private int len;

        void set(ByteBuffer b, int from, int to) {
            this.b = b;
            this.off = from;
            this.len = Math.max(0, to - from);
        }

        @Override
        public int length() {
            return len;
        }

        @Override
        public char charAt(int i) {
            if (i < 0 || i >= len) throw new IndexOutOfBoundsException(i);
            return (char) (b.get(off + i) & 0xff);
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            StringBuilder s = new StringBuilder(to - from);
            for (int i = from; i < to; i++) s.append(charAt(i));
            return s;
        }

        @Override
        public String toString() {
            return subSequence(0, len).toString();
        }
    }

    public final int start() {
        return start;
    }

    public final int headerEnd() {
        return headerEnd;
    }

    /**
     * Whether the last decode's payload length was the grammar's {@code _rest} (an HTTP response
     * without Content-Length): the payload is everything to the parent's bound, and over a TCP
     * stream the message runs to the end of its direction. False when the grammar gives no
     * payload length at all (the layer is its whole message).
     */
    public final boolean payloadToEnd() {
        return payloadToEnd;
    }

    public final long payloadLength() {
        return payloadLength;
    }

    /**
     * Where the last decode's message ends by a size its header gave (absolute), or -1 when the
     * grammar's message is not bounded so or the decode failed before that size was read. After a
     * failed decode, a stream of such messages (DNS over TCP) goes on after it, as tshark's does.
     */
    public final int sizedEnd() {
        return sizedEnd;
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
        if (errPlain) {
            return (errKind == ErrorKind.TRUNCATED ? "truncated: " : errKind == ErrorKind.INVALID ? "invalid: " : "limit exceeded: ")
                    + errExpected;
        }
        return switch (errKind) {
            case TRUNCATED -> "truncated: needs " + errNeed + " bytes, " + errHave + " available";
            case INVALID -> "invalid value " + errHave + ": " + errExpected;
            case LIMIT_EXCEEDED -> "limit exceeded: " + errExpected + " (" + errNeed + ")";
        };
    }

    /** A field needs {@code need} bytes at {@code at}; its stream has {@code have} left (it ends at {@code at + have}). */
    protected final int truncated(Field f, int at, long need, long have) {
        errField = f;
        errOffset = at;
        errPlain = false;
        errKind = ErrorKind.TRUNCATED;
        errNeed = need;
        errHave = have;
        errStreamEnd = (int) (at + have);
        return ERROR;
    }

    /**
     * Whether the last failure was a truncation that bytes after {@code end} could complete: it
     * ran out of the stream that ends at {@code end}. A truncation inside a shorter stream (a field
     * bounded by a length, such as a DNS message over TCP) leaves a malformed layer whatever follows.
     */
    public final boolean truncatedAt(int end) {
        return errKind == ErrorKind.TRUNCATED && errStreamEnd >= end;
    }

    protected final int invalid(Field f, int at, long actual, String expected) {
        errField = f;
        errOffset = at;
        errPlain = false;
        errKind = ErrorKind.INVALID;
        errHave = actual;
        errExpected = expected;
        return ERROR;
    }

    protected final int limitExceeded(Field f, int at, long limit, String what) {
        errField = f;
        errOffset = at;
        errPlain = false;
        errKind = ErrorKind.LIMIT_EXCEEDED;
        errNeed = limit;
        errExpected = what;
        return ERROR;
    }

    /**
     * A runtime primitive type rejected its value ({@code code} is the primitive's negative result);
     * it was read in a stream that ends at {@code streamEnd}.
     */
    protected final int primitiveFailed(Field f, int at, int code, String reason, int streamEnd) {
        errField = f;
        errOffset = at;
        errKind = code == io.pcapkit.dissect.prim.DnsName.TRUNCATED ? ErrorKind.TRUNCATED : ErrorKind.INVALID;
        errStreamEnd = streamEnd;
        errPlain = true;
        errExpected = reason;
        errNeed = 0;
        errHave = 0;
        return ERROR;
    }

    /** A processor failed on the field at {@code at} ({@code code} is its negative result), whose bytes end at {@code regionEnd}. */
    protected final int processFailed(Field f, int at, int code, int regionEnd) {
        errField = f;
        errOffset = at;
        errStreamEnd = regionEnd;
        errKind = code == io.pcapkit.dissect.proc.Processor.TRUNCATED ? ErrorKind.TRUNCATED
                : code == io.pcapkit.dissect.proc.Processor.LIMIT_EXCEEDED ? ErrorKind.LIMIT_EXCEEDED : ErrorKind.INVALID;
        errExpected = context().failure();
        errPlain = true;
        errNeed = 0;
        errHave = 0;
        return ERROR;
    }

    /** A failure inside decoded (processed) bytes is reported at the processed field. */
    protected final void relocateError(int at) {
        errOffset = at;
    }

    /** Used by Kaitai-backed reference codecs, whose failures surface as exceptions. */
    protected final int failed(Field f, int at, ErrorKind kind, String what) {
        errPlain = false;
        errField = f;
        errOffset = at;
        errKind = kind;
        errExpected = what;
        errNeed = 0;
        errHave = 0;
        return ERROR;
    }

    // ---- helpers for generated code ----

    /**
     * The unsigned big-endian value of the {@code bits} bits (at most 56) that lie {@code bitOffset}
     * bits after {@code start}; the caller knows those bytes are there.
     */
    protected static long bitsAt(ByteBuffer b, int start, int bitOffset, int bits) {
        int end = bitOffset + bits;
        int bytes = (end + 7) / 8;
        long v = 0;
        for (int i = bitOffset / 8; i < bytes; i++) v = v << 8 | (b.get(start + i) & 0xFFL);
        return (v >>> (bytes * 8 - end)) & ((1L << bits) - 1);
    }

    /**
     * Like {@link #readBitsWord}, for a run cut short: the {@code have} bytes present, the rest
     * read as zeros (only fields inside the bytes present are looked at).
     */
    protected static long readBitsWordPartial(ByteBuffer b, int p, int n, int have) {
        long w = 0;
        for (int i = 0; i < n; i++) w = (w << 8) | (i < have ? b.get(p + i) & 0xFFL : 0);
        return w;
    }

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
