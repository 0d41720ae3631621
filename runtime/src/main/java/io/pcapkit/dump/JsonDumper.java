package io.pcapkit.dump;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.pcapkit.dissect.Format;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * JSON through a jackson-core streaming generator: one pretty-printed object,
 * {@code {"Global Header": {...}, "Frame 1": {...}, ...}}, written as the frames arrive (NDJSON,
 * the bulk format, has its own byte-level writer: {@link NdjsonDumper}).
 *
 * <p>The hot path allocates nothing per frame: names are {@link SerializedString}s cached by key
 * (UTF-8 and escaping done once), addresses and hex are formatted into a reused char buffer and
 * written with {@code writeString(char[], int, int)}, numbers go straight to the generator, and
 * {@code time_epoch} is written as the exact digits of the capture (never through a double).
 */
final class JsonDumper extends RecordDumper {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final SerializedString HEADER_NAME = new SerializedString(GLOBAL_HEADER);

    private final JsonGenerator g;
    private final SerializedString[] names = new SerializedString[KEY_COUNT];
    private final SerializedString[] chains = new SerializedString[CHAIN_SLOTS];
    private final int[] chainSerials = new int[CHAIN_SLOTS];

    JsonDumper(OutputStream out, DumpOptions options) throws IOException {
        super(options);
        g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        // two-space indentation, "key": value, LF line ends whatever the platform
        g.setPrettyPrinter(new JsonLayout());
    }

    private void key(int k) throws IOException {
        if (k < 0) return;
        SerializedString s = names[k];
        if (s == null) names[k] = s = new SerializedString(keyText(k));
        g.writeFieldName(s);
    }

    @Override
    protected boolean writesHeader() {
        return true;
    }

    @Override
    protected void openDocument() throws IOException {
        g.writeStartObject();
    }

    @Override
    protected void closeDocument() throws IOException {
        try {
            g.writeEndObject();
            g.writeRaw('\n');
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
        g.writeFieldName("Frame " + number);
        g.writeStartObject();
    }

    @Override
    protected void closeRecord() throws IOException {
        g.writeEndObject();
    }

    @Override
    void flushOutput() throws IOException {
        g.flush();
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
        g.writeStartObject();
        key(K_VALUE);
        g.writeNumber(value);
        key(K_NAME);
        g.writeString(name);
        g.writeEndObject();
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
