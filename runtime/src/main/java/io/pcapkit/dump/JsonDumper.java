package io.pcapkit.dump;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.pcapkit.dissect.Format;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * JSON and NDJSON through one jackson-core streaming generator.
 *
 * <p>JSON is one pretty-printed object, {@code {"Global Header": {...}, "Frame 1": {...}, ...}},
 * written as the frames arrive. NDJSON is the frames only, one compact object per line.
 *
 * <p>The hot path allocates nothing per frame: names are {@link SerializedString}s cached by key
 * (UTF-8 and escaping done once), addresses and hex are formatted into a reused char buffer and
 * written with {@code writeString(char[], int, int)}, numbers go straight to the generator, and
 * {@code time_epoch} is written as the exact digits of the capture (never through a double). In
 * NDJSON an enumerated value's object and the chain string are encoded once and written as
 * pre-encoded text.
 */
final class JsonDumper extends RecordDumper {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final SerializedString HEADER_NAME = new SerializedString(GLOBAL_HEADER);

    private final JsonGenerator g;
    private final boolean ndjson;
    private final SerializedString[] names = new SerializedString[KEY_COUNT];
    /** Slots per field in the enumerated-value cache: 64, a Fibonacci hash of the value picks one. */
    private static final int ENUM_SLOT_BITS = 6;
    private static final int ENUM_SLOTS = 1 << ENUM_SLOT_BITS;
    private final SerializedString[][] enumTexts = new SerializedString[KEY_COUNT][];
    private final long[][] enumValues = new long[KEY_COUNT][];
    private final String[][] enumNames = new String[KEY_COUNT][];
    private final SerializedString[] chains = new SerializedString[64];
    private final int[] chainSerials = new int[64];

    JsonDumper(OutputStream out, DumpOptions options, boolean ndjson) throws IOException {
        super(options);
        this.ndjson = ndjson;
        g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        if (ndjson) {
            // each object ends its own line (below), so nothing goes between root values
            g.setRootValueSeparator(null);
        } else {
            g.setPrettyPrinter(prettyPrinter());
        }
    }

    /** Two-space indentation, {@code "key": value}, LF line ends whatever the platform. */
    private static DefaultPrettyPrinter prettyPrinter() {
        Separators s = Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER);
        DefaultPrettyPrinter p = new DefaultPrettyPrinter(s);
        p.indentObjectsWith(new DefaultIndenter("  ", "\n"));
        return p;
    }

    private void key(int k) throws IOException {
        if (k < 0) return;
        SerializedString s = names[k];
        if (s == null) names[k] = s = new SerializedString(keyText(k));
        g.writeFieldName(s);
    }

    @Override
    protected boolean writesHeader() {
        return !ndjson;
    }

    @Override
    protected void openDocument() throws IOException {
        if (!ndjson) g.writeStartObject();
    }

    @Override
    protected void closeDocument() throws IOException {
        try {
            if (!ndjson) {
                g.writeEndObject();
                g.writeRaw('\n');
            }
        } finally {
            g.close();
        }
    }

    @Override
    protected void openHeader() throws IOException {
        g.writeFieldName(HEADER_NAME);
        g.writeStartObject();
    }

    @Override
    protected void openRecord(long number) throws IOException {
        if (!ndjson) g.writeFieldName("Frame " + number);
        g.writeStartObject();
    }

    @Override
    protected void closeRecord() throws IOException {
        g.writeEndObject();
        if (ndjson) g.writeRaw('\n');
    }

    @Override
    protected void openObject(int k) throws IOException {
        key(k);
        g.writeStartObject();
    }

    @Override
    protected void closeObject() throws IOException {
        g.writeEndObject();
    }

    @Override
    protected void openArray(int k) throws IOException {
        key(k);
        g.writeStartArray();
    }

    @Override
    protected void closeArray() throws IOException {
        g.writeEndArray();
    }

    @Override
    protected void writeNumber(int k, long value, Format format, int len) throws IOException {
        key(k);
        g.writeNumber(value);
    }

    @Override
    protected void writeEnum(int k, long value, String name, Format format, int len) throws IOException {
        key(k);
        if (ndjson && k >= 0) {
            g.writeRawValue(enumText(k, value, name));
            return;
        }
        g.writeStartObject();
        key(K_VALUE);
        g.writeNumber(value);
        key(K_NAME);
        g.writeString(name);
        g.writeEndObject();
    }

    /**
     * The compact text {@code {"value":6,"name":"TCP"}} of an enumerated value, encoded once and
     * kept in a small direct-mapped cache per field: a field takes few distinct values in a
     * capture, and writing the object token by token cost more than the rest of its field. A miss
     * (a new value, or two values sharing a slot) encodes it again.
     */
    private SerializedString enumText(int k, long value, String name) {
        SerializedString[] texts = enumTexts[k];
        if (texts == null) {
            texts = enumTexts[k] = new SerializedString[ENUM_SLOTS];
            enumValues[k] = new long[ENUM_SLOTS];
            enumNames[k] = new String[ENUM_SLOTS];
        }
        int slot = (int) ((value * 0x9E3779B97F4A7C15L) >>> (64 - ENUM_SLOT_BITS));
        SerializedString t = texts[slot];
        if (t != null && enumValues[k][slot] == value && name.equals(enumNames[k][slot])) return t;
        t = new SerializedString("{\"value\":" + value + ",\"name\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(name)) + "\"}");
        texts[slot] = t;
        enumValues[k][slot] = value;
        enumNames[k][slot] = name;
        return t;
    }

    @Override
    protected void writeChain(int k, char[] c, int off, int len, int slot, int serial) throws IOException {
        SerializedString t = chains[slot];
        if (t == null || chainSerials[slot] != serial) {
            chains[slot] = t = new SerializedString(new String(c, off, len));
            chainSerials[slot] = serial;
        }
        key(k);
        g.writeString(t);
    }

    @Override
    protected void writeBool(int k, boolean value) throws IOException {
        key(k);
        g.writeBoolean(value);
    }

    @Override
    protected void writeChars(int k, char[] c, int off, int len) throws IOException {
        key(k);
        g.writeString(c, off, len);
    }

    @Override
    protected void writeString(int k, String s) throws IOException {
        key(k);
        g.writeString(s);
    }

    @Override
    protected void writeHex(int k, ByteBuffer buf, int off, int len) throws IOException {
        key(k);
        int n = hexChars(buf, off, len);
        g.writeString(chars, 0, n);
    }

    @Override
    protected void writeNull(int k) throws IOException {
        key(k);
        g.writeNull();
    }

    @Override
    protected void writeEpoch(int k, char[] c, int off, int len) throws IOException {
        key(k);
        g.writeNumber(c, off, len);
    }

    @Override
    protected void writeTime(int k, char[] c, int off, int len) throws IOException {
        key(k);
        g.writeString(c, off, len);
    }
}
