package io.pcapkit.dump;

import io.pcapkit.dissect.Format;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * NDJSON: one compact object per frame and line, written by {@link JsonBytes} (bulk output is the
 * format's purpose, and a general JSON generator's per-token bookkeeping cost more than the
 * dissection). The text is what {@link JsonDumper} would write compactly: the same keys, the
 * same values, the same escaping. Nothing is allocated per frame: keys are encoded once per key,
 * an enumerated value's whole object and the chain string are encoded once per distinct value.
 */
final class NdjsonDumper extends RecordDumper {
    /** Slots per field in the enumerated-value cache: 64, a Fibonacci hash of the value picks one. */
    private static final int ENUM_SLOT_BITS = 6;
    private static final int ENUM_SLOTS = 1 << ENUM_SLOT_BITS;

    private final JsonBytes w;
    private final byte[][] keys = new byte[KEY_COUNT][];
    private final byte[][][] enumTexts = new byte[KEY_COUNT][][];
    private final long[][] enumValues = new long[KEY_COUNT][];
    private final String[][] enumNames = new String[KEY_COUNT][];
    private final byte[][] chains = new byte[CHAIN_SLOTS][];
    private final int[] chainSerials = new int[CHAIN_SLOTS];

    NdjsonDumper(OutputStream out, DumpOptions options) {
        super(options);
        w = new JsonBytes(out);
    }

    private void key(int k) throws IOException {
        if (k >= 0) w.key(keyBytes(k));
    }

    /** The encoded {@code "key":}, or null inside an array. */
    private byte[] keyBytes(int k) {
        if (k < 0) return null;
        byte[] s = keys[k];
        if (s == null) keys[k] = s = JsonBytes.encodeKey(keyText(k));
        return s;
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
        w.startObject();
    }

    @Override
    protected void closeRecord() throws IOException {
        w.endObject();
        w.newline();
    }

    @Override
    protected void openObject(int k) throws IOException {
        key(k);
        w.startObject();
    }

    @Override
    protected void closeObject() throws IOException {
        w.endObject();
    }

    @Override
    protected void openArray(int k) throws IOException {
        key(k);
        w.startArray();
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
            w.rawValue(enumObject(value, name)); // an array element: rare, not cached
            return;
        }
        byte[][] texts = enumTexts[k];
        if (texts == null) {
            texts = enumTexts[k] = new byte[ENUM_SLOTS][];
            enumValues[k] = new long[ENUM_SLOTS];
            enumNames[k] = new String[ENUM_SLOTS];
        }
        int slot = (int) ((value * 0x9E3779B97F4A7C15L) >>> (64 - ENUM_SLOT_BITS));
        byte[] t = texts[slot];
        if (t == null || enumValues[k][slot] != value || !name.equals(enumNames[k][slot])) {
            // a new value, or two values sharing a slot: encode it again
            texts[slot] = t = enumObject(value, name);
            enumValues[k][slot] = value;
            enumNames[k][slot] = name;
        }
        w.raw(keyBytes(k), t);
    }

    private static byte[] enumObject(long value, String name) {
        String quoted = new String(JsonBytes.encodeString(name), StandardCharsets.UTF_8);
        return ("{\"value\":" + value + ",\"name\":" + quoted + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void writeChain(int k, char[] c, int off, int len, int slot, int serial) throws IOException {
        byte[] t = chains[slot];
        if (t == null || chainSerials[slot] != serial) {
            chains[slot] = t = JsonBytes.encodeString(new String(c, off, len));
            chainSerials[slot] = serial;
        }
        w.raw(keyBytes(k), t);
    }

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
