package io.pcapkit.dump;

import io.pcapkit.dissect.Field;
import io.pcapkit.dissect.Format;
import io.pcapkit.dissect.Protocol;
import io.pcapkit.gen.Protocols;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import io.pcapkit.dump.JsonBytes.Encoded;
import io.pcapkit.capture.Timestamp;
import io.pcapkit.frame.EnumValue;

/**
 * NDJSON: one compact object per frame and line, written by {@link JsonBytes} (bulk output is the
 * format's purpose, and a general JSON generator's per-token bookkeeping cost more than the
 * dissection). The text is what {@link JsonDumper} would write compactly: the same keys, the
 * same values, the same escaping. Nothing is allocated per frame: keys are encoded once per key,
 * a flag's, an enumerated value's and the chain's whole text, key included, once per distinct
 * value.
 */
final class NdjsonDumper extends RecordDumper {
    private final JsonBytes w;
    /**
     * The encoded texts by key: this dumper's own, or shared by a family's (see {@link NdjsonTexts}).
     * Its tables are also held in fields of their own below: every field written reads one.
     */
    private final NdjsonTexts texts;
    private final Encoded[] keys;
    /** An enumerated value's text with its key, per key. */
    private final EnumTexts enumTexts;
    /** {@code ,"key":false} and {@code ,"key":true} per field, made on first use. */
    private final Encoded[] flagTexts;
    /** <code>,"key":&#123;</code> and <code>,"key":[</code> per key, made on first use: a layer or group opens in one copy. */
    private final Encoded[] objectOpens;
    private final Encoded[] arrayOpens;
    private final Encoded[] chains = new Encoded[CHAIN_SLOTS];
    /** the frame number of the record opened last ({@link NdjsonLines} names each line by it) */
    long recordNumber = -1;
    private final int[] chainSerials = new int[CHAIN_SLOTS];

    NdjsonDumper(OutputStream out, DumpOptions options) {
        this(out, options, new NdjsonTexts());
    }

    /** A dumper whose encoded texts are {@code texts}, shared with the other dumpers used on this thread. */
    NdjsonDumper(OutputStream out, DumpOptions options, NdjsonTexts texts) {
        this(out, options, texts, false);
    }

    /**
     * A dumper whose encoded texts are {@code texts}; with {@code eachLine}, every record's line is
     * written to {@code out} as it ends, in one write ({@link NdjsonLines}).
     */
    NdjsonDumper(OutputStream out, DumpOptions options, NdjsonTexts texts, boolean eachLine) {
        super(options);
        this.texts = texts;
        keys = texts.keys;
        enumTexts = texts.enumTexts;
        flagTexts = texts.flagTexts;
        objectOpens = texts.objectOpens;
        arrayOpens = texts.arrayOpens;
        w = eachLine ? new JsonBytes(out, enumTexts, texts.runs, 1, options.bufferBytes)
                : new JsonBytes(out, enumTexts, texts.runs, options.bufferBytes);
    }

    private void key(int k) throws IOException {
        if (k >= 0) w.key(keyBytes(k));
    }

    /** The encoded {@code ,"key":}, or null inside an array. */
    private Encoded keyBytes(int k) {
        if (k < 0) return null;
        Encoded s = keys[k];
        if (s == null) keys[k] = s = JsonBytes.encodeKey(keyText(k));
        return s;
    }

    // ---- fast paths for the common scalar fields: straight to the writer, no text detour ----

    /** The encoded key of a field (a field's key is its id). */
    private Encoded fieldKey(Field f) {
        Encoded s = keys[f.id];
        if (s == null) keys[f.id] = s = JsonBytes.encodeKey(f.name);
        return s;
    }

    /**
     * An integer: dotted text for IPv4, otherwise a JSON number whatever its display format (a
     * HEX checksum is a number here too, as {@link #writeNumber} writes it on the general path).
     */
    @Override
    public void number(Field f, long value, int off, int len) {
        if (plainField()) {
            try {
                if (f.format != Format.IPV4) w.number(fieldKey(f), value);
                else w.ipv4(fieldKey(f), value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            super.number(f, value, off, len);
        }
    }

    @Override
    public void enumerated(Field f, long value, String name, int off, int len) {
        if (plainField()) {
            try {
                fieldKey(f);
                writeEnum(f.id, value, name == null ? EnumValue.UNASSIGNED : name, f.format, len);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            super.enumerated(f, value, name, off, len);
        }
    }

    @Override
    public void bool(Field f, boolean value, int off, int len) {
        if (plainField()) {
            try {
                int i = 2 * f.id + (value ? 1 : 0);
                Encoded t = flagTexts[i];
                if (t == null) flagTexts[i] = t = JsonBytes.encodeKeyed(fieldKey(f), JsonBytes.encodeValue(Boolean.toString(value)));
                w.keyed(t);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            super.bool(f, value, off, len);
        }
    }

    @Override
    public void bytes(Field f, ByteBuffer buf, int off, int len) {
        if (plainField() && (f.format == Format.MAC && len == 6 || f.format == Format.IPV4 && len == 4 || f.format == Format.IPV6 && len == 16)) {
            try {
                if (len == 6) w.mac(fieldKey(f), buf, off);
                else if (len == 4) w.ipv4(fieldKey(f), buf.getInt(off));
                else w.ipv6(fieldKey(f), buf, off);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            super.bytes(f, buf, off, len);
        }
    }

    /** The writer itself, for codecs that write their layers' JSON; not when {@code _offsets} are noted. */
    @Override
    public io.pcapkit.dissect.JsonLayerOut jsonOut() {
        return options.offsets ? null : w;
    }

    @Override
    protected boolean writesHeader() {
        return false;
    }

    @Override
    protected void openDocument() {
    }

    @Override
    protected void closeDocument() throws IOException {
        w.close();
    }

    @Override
    protected void openHeader() {
        throw new IllegalStateException("NDJSON has no global header");
    }

    @Override
    protected void openRecord(long number) throws IOException {
        recordNumber = number;
        w.startObject();
    }

    @Override
    protected void closeRecord() throws IOException {
        w.endObject();
        w.newline();
    }

    @Override
    protected void openObject(int k) throws IOException {
        if (k < 0) w.startObject();
        else w.keyedOpen(opening(objectOpens, k, "{"));
    }

    @Override
    protected void openLayer(Protocol protocol) throws IOException {
        w.keyedOpen(texts.layerOpens[protocol.id]);
    }

    /** The cached key and bracket of {@code k} in {@code cache}. */
    private Encoded opening(Encoded[] cache, int k, String bracket) {
        Encoded t = cache[k];
        if (t == null) cache[k] = t = JsonBytes.encodeKeyed(keyBytes(k), JsonBytes.encodeValue(bracket));
        return t;
    }

    @Override
    protected void closeObject() throws IOException {
        w.endObject();
    }

    @Override
    protected void openArray(int k) throws IOException {
        if (k < 0) w.startArray();
        else w.keyedOpen(opening(arrayOpens, k, "["));
    }

    @Override
    protected void closeArray() throws IOException {
        w.endArray();
    }

    @Override
    protected void writeNumber(int k, long value, Format format, int len) throws IOException {
        w.number(keyBytes(k), value);
    }

    @Override
    protected void writeEnum(int k, long value, String name, Format format, int len) throws IOException {
        if (k < 0) {
            w.rawValue(JsonBytes.encodeEnum(value, name)); // an array element: rare, not cached
            return;
        }
        Encoded t = enumTexts.find(k, value, name);
        // a new value, or two values sharing a slot: encode it again (with its key)
        if (t == null) t = enumTexts.put(k, value, name, JsonBytes.encodeKeyed(keyBytes(k), JsonBytes.encodeEnum(value, name)));
        w.keyed(t);
    }

    @Override
    protected void writeChain(int k, char[] c, int off, int len, int slot, int serial) throws IOException {
        Encoded t = chains[slot];
        if (t == null || chainSerials[slot] != serial) {
            chains[slot] = t = JsonBytes.encodeKeyed(keyBytes(k), JsonBytes.encodeString(new String(c, off, len)));
            chainSerials[slot] = serial;
        }
        w.keyed(t);
    }

    // the frame's times: the text up to the whole second is the same for the frames of a second
    private long timeSecond = Long.MIN_VALUE;
    private Encoded isoPrefix;
    private Encoded epochPrefix;

    /**
     * <code>,"time":"…","time_epoch":…</code> with the texts up to the second encoded once per second
     * and the fraction's digits written straight into both: the generic path formatted chars and
     * copied them char by char. Times before 1970 take the generic path (their epoch text is
     * not the second's text plus the fraction).
     */
    @Override
    protected void writeTimes(Timestamp t) throws IOException {
        if (t.seconds < 0 || t.digits > MAX_FAST_DIGITS) {
            super.writeTimes(t);
            return;
        }
        if (t.seconds != timeSecond) {
            char[] c = chars(TimeText.MAX_ISO + TimeText.MAX_EPOCH);
            Timestamp whole = new Timestamp();
            whole.set(t.seconds, 0, 0);
            int n = timeText.iso(whole, c, 0) - 1; // without its 'Z'
            isoPrefix = JsonBytes.encodeKeyed(keyBytes(K_TIME), JsonBytes.encodeValue("\"" + new String(c, 0, n)));
            n = timeText.epoch(whole, c, 0);
            epochPrefix = JsonBytes.encodeKeyed(keyBytes(K_TIME_EPOCH), JsonBytes.encodeValue(new String(c, 0, n)));
            timeSecond = t.seconds;
        }
        w.times(isoPrefix, epochPrefix, t.fraction, t.digits);
    }

    /** Fraction digits the fast time path writes (nanoseconds); more take the generic path. */
    private static final int MAX_FAST_DIGITS = 9;

    @Override
    protected void writeBool(int k, boolean value) throws IOException {
        w.bool(keyBytes(k), value);
    }

    @Override
    protected void writeChars(int k, char[] c, int off, int len) throws IOException {
        w.string(keyBytes(k), c, off, len);
    }

    @Override
    protected void writeString(int k, String s) throws IOException {
        key(k);
        w.string(s);
    }

    @Override
    protected void writeHex(int k, ByteBuffer buf, int off, int len) throws IOException {
        key(k);
        w.hex(buf, off, len);
    }

    @Override
    protected void writeNull(int k) throws IOException {
        key(k);
        w.nul();
    }

    @Override
    protected void writeEpoch(int k, char[] c, int off, int len) throws IOException {
        key(k);
        w.number(c, off, len);
    }

    @Override
    protected void writeTime(int k, char[] c, int off, int len) throws IOException {
        w.string(keyBytes(k), c, off, len);
    }
}
