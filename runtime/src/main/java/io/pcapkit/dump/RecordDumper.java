package io.pcapkit.dump;

import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Continuation;
import io.pcapkit.dissect.ErrorKind;
import io.pcapkit.dissect.Field;
import io.pcapkit.dissect.Format;
import io.pcapkit.dissect.Protocol;
import io.pcapkit.dissect.RuntimeFields;
import io.pcapkit.frame.EnumValue;
import io.pcapkit.frame.Formats;
import io.pcapkit.gen.Protocols;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The frame record shared by the text formats (JSON, NDJSON, PLIST, tree), written as a stream of
 * structure calls that each format turns into its own syntax.
 *
 * <p>A record is {@code number, time, time_epoch, cap_len, len, [interface], [packet]}, then the
 * first layer under its key with every next layer nested inside the one before it, then
 * {@code protocols}. Inside a layer: its fields (groups as objects, lists as arrays), then, with
 * {@code --offsets}, {@code _offsets}, then the nested layer, {@code raw}, {@code malformed} or {@code truncated}.
 *
 * <p>Keys are small integers so that a format can cache its encoded names in an array: field ids
 * first ({@link RuntimeFields#count()}), then protocol keys, then the record's own keys, then the
 * field paths used inside {@code _offsets}. {@link #NO_KEY} marks an array element.
 *
 * <p>Sink calls may be unbalanced when a layer is cut short (a list opened, never closed): every
 * layer boundary first closes what the layer left open, so the output stays well formed.
 */
abstract class RecordDumper implements Dumper {
    static final int NO_KEY = -1;

    private static final int FIELDS = RuntimeFields.count();
    private static final int PROTOCOL_BASE = FIELDS;
    private static final int CONST_BASE = PROTOCOL_BASE + Protocols.all().size();
    private static final String[] CONST_NAMES = {"number", "time", "time_epoch", "cap_len", "len", "interface", "packet",
        "protocols", "raw", "data", "malformed", "protocol", "field", "offset", "reason", "value", "name", "_offsets",
        "reassembled", "frames", "kind", "truncated"};
    static final int K_NUMBER = CONST_BASE;
    static final int K_TIME = CONST_BASE + 1;
    static final int K_TIME_EPOCH = CONST_BASE + 2;
    static final int K_CAP_LEN = CONST_BASE + 3;
    static final int K_LEN = CONST_BASE + 4;
    static final int K_INTERFACE = CONST_BASE + 5;
    static final int K_PACKET = CONST_BASE + 6;
    static final int K_PROTOCOLS = CONST_BASE + 7;
    static final int K_RAW = CONST_BASE + 8;
    static final int K_DATA = CONST_BASE + 9;
    static final int K_MALFORMED = CONST_BASE + 10;
    static final int K_PROTOCOL = CONST_BASE + 11;
    static final int K_FIELD = CONST_BASE + 12;
    static final int K_OFFSET = CONST_BASE + 13;
    static final int K_REASON = CONST_BASE + 14;
    static final int K_VALUE = CONST_BASE + 15;
    static final int K_NAME = CONST_BASE + 16;
    static final int K_OFFSETS = CONST_BASE + 17;
    static final int K_REASSEMBLED = CONST_BASE + 18;
    static final int K_FRAMES = CONST_BASE + 19;
    static final int K_KIND = CONST_BASE + 20;
    static final int K_TRUNCATED = CONST_BASE + 21;
    private static final int PATH_BASE = CONST_BASE + CONST_NAMES.length;
    /** Size of a table indexed by key. */
    static final int KEY_COUNT = PATH_BASE + FIELDS;

    /** Name of the header record. */
    static final String GLOBAL_HEADER = "Global Header";

    private static final byte OBJECT = 0;
    private static final byte ARRAY = 1;

    protected final DumpOptions options;
    /** Field descriptors seen so far, by id: the source of field names and paths. */
    private final Field[] fields = new Field[FIELDS];
    /** Formats a frame's times (formats with a writer of their own use it too). */
    protected final TimeText timeText = new TimeText();

    // document state
    private boolean started;
    private boolean closed;
    private boolean headerDone;
    private boolean inHeader;
    private boolean recordOpen;

    // frame state
    private int frameBase;
    /** The frame's buffer: bytes from another one (decoded by a processor) have no frame offset. */
    private ByteBuffer frameBuffer;
    /** layer objects open in the current record */
    private int layers;
    /** containers open inside the current layer */
    private byte[] stack = new byte[16];
    private int depth;
    private int arrays;
    /**
     * Objects (groups and list items) are written when their first member comes: one that ends
     * with none (a list's terminating item with no visible field, such as the empty line after
     * HTTP headers, or an item a malformed field cut before its first value) leaves nothing, not
     * an empty <code>&#123;&#125;</code>. The levels from {@code written} to {@code depth} are open
     * but not yet written; {@code keys} holds each level's key for then.
     */
    private int written;
    private int[] keys = new int[16];

    // --offsets: the current layer's scalar fields
    private boolean offsetsOpen;
    /** {@link #plainField()}: no offsets being noted and not directly inside an array (kept as both change). */
    private boolean plain;
    private int[] offField = new int[32];
    private int[] offStart = new int[32];
    private int[] offLen = new int[32];
    private int offCount;
    /** per field, the layer it was last noted in (with --offsets only: a dumper per flow file stays small) */
    private final int[] offStamp;
    private int layerSerial;

    // chain strings by the protocols they name: a small open-addressed table, since most captures use
    // a handful of chains and consecutive frames often alternate between them
    private static final int CHAIN_SLOT_BITS = 8;
    static final int CHAIN_SLOTS = 1 << CHAIN_SLOT_BITS;
    /** Slots a chain may take from its home: enough that a few dozen chains rarely evict each other. */
    private static final int CHAIN_PROBES = 8;
    private final int[][] chainIds = new int[CHAIN_SLOTS][];
    private final int[] chainCount = new int[CHAIN_SLOTS];
    private final char[][] chainText = new char[CHAIN_SLOTS][];
    private final int[] chainLen = new int[CHAIN_SLOTS];
    private final int[] chainSerial = new int[CHAIN_SLOTS];
    private int chainSerials;

    /** Scratch text: formatted values land here, then in {@link #chars}. */
    protected final StringBuilder text = new StringBuilder(64);
    protected char[] chars = new char[256];

    RecordDumper(DumpOptions options) {
        this.options = options == null ? new DumpOptions() : options;
        this.offStamp = this.options.offsets ? new int[FIELDS] : null;
    }

    // ---- what a format implements ----

    /** Starts the document (called once, before anything else). */
    protected abstract void openDocument() throws IOException;

    /** Ends the document and closes the output. */
    protected abstract void closeDocument() throws IOException;

    /** Starts the "Global Header" record. */
    protected abstract void openHeader() throws IOException;

    /** Starts the record of frame {@code number}. */
    protected abstract void openRecord(long number) throws IOException;

    /** Ends the header or frame record. */
    protected abstract void closeRecord() throws IOException;

    /**
     * Told where each frame's record starts and ends, the record's bytes written out by its end
     * ({@link DocumentRecords}), or null.
     */
    DocumentRecords records;

    /** Writes out what the format's writer holds (for {@link #records}; only document formats need it). */
    void flushOutput() throws IOException {
    }

    /** The record just closed, for {@link #records}. */
    private void recordClosed() throws IOException {
        if (records != null) {
            flushOutput();
            records.recordEnds();
        }
    }

    protected abstract void openObject(int key) throws IOException;

    /** Opens a layer's object, keyed by its protocol. */
    protected void openLayer(Protocol protocol) throws IOException {
        openObject(layerKey(protocol));
    }

    /** The key of a layer's object. */
    protected static int layerKey(Protocol protocol) {
        return PROTOCOL_BASE + protocol.id;
    }

    protected abstract void closeObject() throws IOException;

    protected abstract void openArray(int key) throws IOException;

    protected abstract void closeArray() throws IOException;

    /** An integer; {@code format} is DEC or HEX, {@code len} its width on the wire (0 if unknown). */
    protected abstract void writeNumber(int key, long value, Format format, int len) throws IOException;

    protected abstract void writeEnum(int key, long value, String name, Format format, int len) throws IOException;

    protected abstract void writeBool(int key, boolean value) throws IOException;

    protected abstract void writeChars(int key, char[] c, int off, int len) throws IOException;

    protected abstract void writeString(int key, String s) throws IOException;

    /** Bytes with no address or text format, shown as hex. */
    protected abstract void writeHex(int key, ByteBuffer buf, int off, int len) throws IOException;

    protected abstract void writeNull(int key) throws IOException;

    /** {@code time_epoch}: a decimal number's exact text. */
    protected abstract void writeEpoch(int key, char[] c, int off, int len) throws IOException;

    /** {@code time}: ISO-8601 text in UTC. */
    protected abstract void writeTime(int key, char[] c, int off, int len) throws IOException;

    /** {@code time} then {@code time_epoch}, by {@link #writeTime} and {@link #writeEpoch}. */
    protected void writeTimes(io.pcapkit.capture.Timestamp t) throws IOException {
        char[] c = chars(TimeText.MAX_ISO + TimeText.MAX_EPOCH);
        int n = timeText.iso(t, c, 0);
        writeTime(K_TIME, c, 0, n);
        n = timeText.epoch(t, c, 0);
        writeEpoch(K_TIME_EPOCH, c, 0, n);
    }

    /**
     * {@code protocols}: the chain string. It comes from slot {@code slot} of a table, with a
     * {@code serial} that changes exactly when the slot's text does, so a format may keep its
     * encoded form per slot.
     */
    protected void writeChain(int key, char[] c, int off, int len, int slot, int serial) throws IOException {
        writeChars(key, c, off, len);
    }

    /** Whether the format has a "Global Header" record (NDJSON does not). */
    protected boolean writesHeader() {
        return true;
    }

    /** {@code _offsets: {path: [offset, length], ...}} of the current layer. */
    protected void writeOffsets(int[] keys, int[] starts, int[] lens, int n) throws IOException {
        openObject(K_OFFSETS);
        for (int i = 0; i < n; i++) {
            openArray(keys[i]);
            writeNumber(NO_KEY, starts[i], Format.DEC, 0);
            writeNumber(NO_KEY, lens[i], Format.DEC, 0);
            closeArray();
        }
        closeObject();
    }

    // ---- helpers for formats ----

    /** The text of a key. */
    protected final String keyText(int key) {
        if (key < PROTOCOL_BASE) return fields[key].name;
        if (key < CONST_BASE) return Protocols.get(key - PROTOCOL_BASE).key;
        if (key < PATH_BASE) return CONST_NAMES[key - CONST_BASE];
        return fields[key - PATH_BASE].path;
    }

    /** Room for {@code n} chars in {@link #chars}. */
    protected final char[] chars(int n) {
        if (chars.length < n) chars = new char[Math.max(n, chars.length * 2)];
        return chars;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Lower-case hex of the bytes into {@link #chars}; returns the char count. */
    protected final int hexChars(ByteBuffer buf, int off, int len) {
        char[] c = chars(2 * len);
        for (int i = 0; i < len; i++) {
            int v = buf.get(off + i) & 0xff;
            c[2 * i] = HEX[v >>> 4];
            c[2 * i + 1] = HEX[v & 15];
        }
        return 2 * len;
    }

    /** Copies {@link #text} into {@link #chars}; returns the char count. */
    private int textChars() {
        int n = text.length();
        text.getChars(0, n, chars(n), 0);
        return n;
    }

    // ---- document ----

    private void start() throws IOException {
        if (closed) throw new IllegalStateException("dumper is closed");
        if (!started) {
            started = true;
            openDocument();
        }
    }

    @Override
    public final void header(CaptureReader reader) throws IOException {
        start();
        if (headerDone || !writesHeader()) return;
        headerDone = true;
        if (recordOpen) finishRecord();
        inHeader = true;
        try {
            openHeader();
            recordOpen = true;
            depth = 0;
            updatePlain();
            arrays = 0;
            layers = 0;
            reader.writeHeader(this);
            finishRecord();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            inHeader = false;
        }
    }

    @Override
    public final void close() throws IOException {
        if (closed) return;
        try {
            start();
            if (recordOpen) finishRecord();
        } finally {
            closed = true;
            closeDocument();
        }
    }

    private void finishRecord() throws IOException {
        unwind();
        flushOffsets();
        while (layers > 0) {
            closeObject();
            layers--;
        }
        closeRecord();
        recordClosed();
        recordOpen = false;
    }

    // ---- frames ----

    @Override
    public final void beginFrame(PacketRecord r) {
        try {
            start();
            if (recordOpen) finishRecord();
            frameBase = r.offset;
            frameBuffer = r.buffer;
            layers = 0;
            depth = 0;
            written = 0;
            arrays = 0;
            offCount = 0;
            offsetsOpen = false;
            updatePlain();
            if (records != null) records.recordStarts(r.number);
            openRecord(r.number);
            recordOpen = true;
            writeNumber(K_NUMBER, r.number, Format.DEC, 0);
            if (r.time.known) writeTimes(r.time);
            writeNumber(K_CAP_LEN, r.capLen, Format.DEC, 0);
            writeNumber(K_LEN, r.origLen, Format.DEC, 0);
            if (r.interfaceId >= 0) writeNumber(K_INTERFACE, r.interfaceId, Format.DEC, 0);
            if (options.bytes) writeHex(K_PACKET, r.buffer, r.offset, r.capLen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public final void beginLayer(Protocol protocol, int offset) {
        try {
            unwind();
            flushOffsets();
            openLayer(protocol);
            layers++;
            layerSerial++;
            offCount = 0;
            offsetsOpen = options.offsets;
            updatePlain();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code reassembled: {kind, frames: [...], len}} in the current layer; the layers that follow
     * nest after it as usual, and their {@code _offsets} are relative to the reassembled data.
     */
    @Override
    public final void reassembled(Continuation k) {
        try {
            unwind();
            flushOffsets();
            openObject(K_REASSEMBLED);
            writeString(K_KIND, k.kind);
            openArray(K_FRAMES);
            for (int i = 0; i < k.frameCount(); i++) writeNumber(NO_KEY, k.frame(i), Format.DEC, 0);
            closeArray();
            writeNumber(K_LEN, k.length, Format.DEC, 0);
            closeObject();
            frameBase = k.offset;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public final void raw(ByteBuffer buf, int off, int len) {
        try {
            unwind();
            flushOffsets();
            openObject(K_RAW);
            writeNumber(K_LEN, len, Format.DEC, 0);
            if (options.bytes) writeHex(K_DATA, buf, off, len);
            closeObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public final void malformed(Protocol protocol, Field field, int offset, ErrorKind kind, String reason) {
        try {
            unwind();
            flushOffsets();
            openObject(K_MALFORMED);
            writeString(K_PROTOCOL, protocol.name);
            if (field == null) writeNull(K_FIELD);
            else writeString(K_FIELD, field.path);
            writeNumber(K_OFFSET, offset, Format.DEC, 0);
            if (reason == null) writeNull(K_REASON);
            else writeString(K_REASON, reason);
            closeObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public final void truncated(Protocol protocol, Field field, int offset) {
        try {
            unwind();
            flushOffsets();
            openObject(K_TRUNCATED);
            writeString(K_PROTOCOL, protocol.name);
            if (field == null) writeNull(K_FIELD);
            else writeString(K_FIELD, field.path);
            writeNumber(K_OFFSET, offset, Format.DEC, 0);
            closeObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public final void endFrame(Chain chain) {
        try {
            if (!recordOpen) return;
            unwind();
            flushOffsets();
            while (layers > 0) {
                closeObject();
                layers--;
            }
            if (chain != null) {
                int slot = chainSlot(chain);
                writeChain(K_PROTOCOLS, chainText[slot], 0, chainLen[slot], slot, chainSerial[slot]);
            }
            closeRecord();
            recordClosed();
            recordOpen = false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a chain's text has besides its layers, as one number of the table's key: nothing (0),
     * Raw (-1), a malformed layer at the end (-2 - its protocol); or {@link #FAILURES_IN_KEY} when
     * messages follow a malformed one in the same frame (rare): then each malformed layer's
     * protocol and position follow in the key.
     */
    private static int chainTail(Chain c) {
        int m = c.malformedLayers();
        if (m == 0) return c.hasRaw() ? -1 : 0;
        if (m == 1 && c.endsMalformed()) return -2 - c.malformedProtocol().id;
        return c.hasRaw() ? FAILURES_IN_KEY - 1 : FAILURES_IN_KEY;
    }

    /** Below every protocol's -2 - id: see {@link #chainTail}. */
    private static final int FAILURES_IN_KEY = Integer.MIN_VALUE + 1;

    /**
     * The table slot holding {@code c}'s text. The key is the protocol ids plus the raw or malformed
     * ending (and the malformed layers, when one is not the last); a chain looks in
     * {@link #CHAIN_PROBES} slots from its hash, and a new chain takes the first free one, or its
     * home slot (with a new serial) when all are taken.
     */
    private int chainSlot(Chain c) {
        int n = c.size();
        int tail = chainTail(c);
        int extra = tail <= FAILURES_IN_KEY ? 2 * c.malformedLayers() : 0;
        int h = tail;
        for (int i = 0; i < n; i++) h = h * 31 + c.protocolId(i);
        for (int k = 0; k < extra / 2; k++) h = (h * 31 + c.malformedProtocolId(k)) * 31 + c.malformedAt(k);
        int home = (h * 0x9E3779B9) >>> (32 - CHAIN_SLOT_BITS);
        int free = -1;
        for (int probe = 0; probe < CHAIN_PROBES; probe++) {
            int slot = (home + probe) & (CHAIN_SLOTS - 1);
            int[] ids = chainIds[slot];
            if (ids == null) {
                if (free < 0) free = slot;
                continue;
            }
            boolean same = chainCount[slot] == n + 1 + extra && ids[n] == tail;
            for (int i = 0; same && i < n; i++) same = ids[i] == c.protocolId(i);
            for (int k = 0; same && k < extra / 2; k++) same = ids[n + 1 + 2 * k] == c.malformedProtocolId(k) && ids[n + 2 + 2 * k] == c.malformedAt(k);
            if (same) return slot;
        }
        int slot = free >= 0 ? free : home;
        int[] ids = chainIds[slot];
        if (ids == null || ids.length < n + 1 + extra) chainIds[slot] = ids = new int[Math.max(16, n + 1 + extra)];
        for (int i = 0; i < n; i++) ids[i] = c.protocolId(i);
        ids[n] = tail;
        for (int k = 0; k < extra / 2; k++) {
            ids[n + 1 + 2 * k] = c.malformedProtocolId(k);
            ids[n + 2 + 2 * k] = c.malformedAt(k);
        }
        chainCount[slot] = n + 1 + extra;
        text.setLength(0);
        c.appendTo(text);
        int len = text.length();
        char[] t = chainText[slot];
        if (t == null || t.length < len) chainText[slot] = t = new char[Math.max(64, len)];
        text.getChars(0, len, t, 0);
        chainLen[slot] = len;
        chainSerial[slot] = ++chainSerials;
        return slot;
    }

    /** Closes the containers the current layer left open. */
    private void unwind() throws IOException {
        while (depth > 0) pop();
    }

    private void pop() throws IOException {
        byte kind = stack[--depth];
        if (kind == ARRAY) arrays--;
        if (depth >= written) {
            // never written: it had no member
            updatePlain();
            return;
        }
        written = depth;
        updatePlain();
        if (kind == ARRAY) closeArray();
        else closeObject();
    }

    private void push(byte kind, int key) {
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
            keys = Arrays.copyOf(keys, depth * 2);
        }
        keys[depth] = key;
        stack[depth++] = kind;
        updatePlain();
        if (kind == ARRAY) arrays++;
    }

    /** Writes the objects opened but not yet written: a member of the innermost is about to be. */
    private void writeOpened() {
        if (written == depth) return;
        try {
            while (written < depth) {
                int level = written++;
                if (stack[level] == ARRAY) openArray(keys[level]);
                else openObject(keys[level]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        updatePlain();
    }

    private void flushOffsets() throws IOException {
        if (!offsetsOpen) return;
        offsetsOpen = false;
        updatePlain();
        if (offCount > 0) writeOffsets(offField, offStart, offLen, offCount);
        offCount = 0;
    }

    // ---- fields ----

    /** The key of a field here: its id, or NO_KEY inside an array. */
    private int key(Field f) {
        if (fields[f.id] != f) fields[f.id] = f;
        return depth > 0 && stack[depth - 1] == ARRAY ? NO_KEY : f.id;
    }

    /**
     * Whether a scalar field here may take a format's fast path: it has a key (not inside an
     * array) and no {@code _offsets} entry to note.
     */
    protected final boolean plainField() {
        return plain;
    }

    /** Keeps {@link #plainField()} true to the offsets and container state, after either changes (false while an object waits to be written). */
    private void updatePlain() {
        plain = !offsetsOpen && written == depth && (depth == 0 || stack[depth - 1] != ARRAY);
    }

    /** Keeps a scalar's position for {@code _offsets} (outside lists, once per field and layer). */
    private void noteOffset(Field f, int off, int len) {
        if (!offsetsOpen || inHeader || arrays > 0 || len <= 0 || off < 0 || offStamp[f.id] == layerSerial) return;
        offStamp[f.id] = layerSerial;
        if (offCount == offField.length) {
            int n = offCount * 2;
            offField = Arrays.copyOf(offField, n);
            offStart = Arrays.copyOf(offStart, n);
            offLen = Arrays.copyOf(offLen, n);
        }
        offField[offCount] = PATH_BASE + f.id;
        offStart[offCount] = off - frameBase;
        offLen[offCount] = len;
        offCount++;
    }

    @Override
    public void number(Field f, long value, int off, int len) {
        writeOpened();
        int k = key(f);
        noteOffset(f, off, len);
        try {
            if (f.format == Format.IPV4) {
                writeChars(k, chars, 0, CharFormat.ipv4(value, chars, 0));
            } else if (Formats.numberIsText(f.format)) {
                text.setLength(0);
                Formats.number(text, f.format, value);
                int n = textChars();
                writeChars(k, chars, 0, n);
            } else {
                writeNumber(k, value, f.format, len);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void enumerated(Field f, long value, String name, int off, int len) {
        writeOpened();
        int k = key(f);
        noteOffset(f, off, len);
        try {
            writeEnum(k, value, name == null ? EnumValue.UNASSIGNED : name, f.format, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void bool(Field f, boolean value, int off, int len) {
        writeOpened();
        int k = key(f);
        noteOffset(f, off, len);
        try {
            writeBool(k, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void bytes(Field f, ByteBuffer buf, int off, int len) {
        writeOpened();
        int k = key(f);
        if (buf == frameBuffer) noteOffset(f, off, len);
        try {
            switch (f.format) {
                case MAC -> {
                    if (len == 6 || len == 8) {
                        char[] c = chars(3 * len);
                        writeChars(k, c, 0, CharFormat.mac(buf, off, len, c, 0));
                    } else {
                        writeHex(k, buf, off, len);
                    }
                }
                case IPV4 -> {
                    if (len == 4) writeChars(k, chars, 0, CharFormat.ipv4(buf.getInt(off), chars, 0));
                    else writeHex(k, buf, off, len);
                }
                case IPV6 -> {
                    if (len == 16) {
                        writeChars(k, chars, 0, CharFormat.ipv6(buf, off, chars, 0));
                    } else {
                        text.setLength(0);
                        Formats.bytes(text, f.format, buf, off, len);
                        int n = textChars();
                        writeChars(k, chars, 0, n);
                    }
                }
                case TEXT -> {
                    text.setLength(0);
                    Formats.bytes(text, f.format, buf, off, len);
                    int n = textChars();
                    writeChars(k, chars, 0, n);
                }
                default -> writeHex(k, buf, off, len);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public final void rendered(Field f, io.pcapkit.dissect.Renderer r, ByteBuffer buf, int base, int end, int off, int len) {
        writeOpened();
        int k = key(f);
        noteOffset(f, off, len);
        try {
            text.setLength(0);
            r.render(text, buf, base, end, off, len);
            int n = textChars();
            writeChars(k, chars, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public final void text(Field f, String value) {
        writeOpened();
        int k = key(f);
        try {
            if (value == null) writeNull(k);
            else writeString(k, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public final void beginGroup(Field f) {
        open(f, OBJECT);
    }

    @Override
    public final void endGroup(Field f) {
        close1();
    }

    @Override
    public final void beginList(Field f) {
        open(f, ARRAY);
    }

    @Override
    public final void endList(Field f) {
        close1();
    }

    @Override
    public final boolean expand(Field f) {
        return !options.shallow;
    }

    @Override
    public final void beginItem(Field f) {
        open(f, OBJECT);
    }

    /**
     * Opens a container for {@code f} (its key taken before the push: inside an array it has none).
     * An object is written with its first member; a list at once (an empty list says something).
     */
    private void open(Field f, byte kind) {
        int k = key(f);
        push(kind, k);
        if (kind == ARRAY) writeOpened();
    }

    @Override
    public final void endItem(Field f) {
        close1();
    }

    /** Closes the innermost container (an extra end call is ignored rather than closing a layer). */
    private void close1() {
        if (depth == 0) return;
        try {
            pop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
