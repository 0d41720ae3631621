package io.pcapkit.dump;

import io.pcapkit.capture.CaptureReader;
import io.pcapkit.dissect.FrameSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Frames as the records of the JSON output ({@link FrameRecords}): a frame's record is its entry
 * in the document's object, {@code ,\n  "Frame N": {...}}, separator included. In a JSON document
 * every frame's entry follows another (the capture's header comes first), so it reads the same in
 * any file. A file opens with the document's start and the capture's header, made when the file
 * opens (a pcapng reader's header grows with the interfaces it meets), and closes the document.
 * Made by {@link DumperFamily#records} when there is a capture to take the header from.
 */
final class JsonRecords extends HeldRecord {
    /** The record buffer's first size: a typical frame's record fits. */
    private static final int INITIAL_RECORD_BYTES = 8 * 1024;

    private final DumpOptions options;
    private final CaptureReader reader;
    private final JsonDumper dumper;
    /** the frame number of the record being written */
    private long writing = -1;

    JsonRecords(DumpOptions options, CaptureReader reader) throws IOException {
        super(INITIAL_RECORD_BYTES);
        this.options = options;
        this.reader = reader;
        this.dumper = new JsonDumper(new RecordOut(), options, this);
        // the records to come follow the header's entry, as in every file
        dumper.header(reader);
        dumper.flush();
    }

    @Override
    public FrameSink sink() {
        return dumper;
    }

    @Override
    public void open(OutputStream out) throws IOException {
        byte[] doc = emptyDocument();
        out.write(doc, 0, doc.length - CLOSING.length);
    }

    @Override
    public void close(OutputStream out) throws IOException {
        out.write(CLOSING);
    }

    @Override
    public boolean appendable() {
        return false;
    }

    /** What a dumper writes for no frame: the document's start, the capture's header, the document's end. */
    private byte[] emptyDocument() throws IOException {
        ByteArrayOutputStream doc = new ByteArrayOutputStream(1024);
        try (JsonDumper d = new JsonDumper(doc, options)) {
            d.header(reader);
        }
        byte[] b = doc.toByteArray();
        if (b.length < CLOSING.length || !Arrays.equals(b, b.length - CLOSING.length, b.length, CLOSING, 0, CLOSING.length)) {
            throw new IllegalStateException("a JSON document does not end as JsonRecords expects");
        }
        return b;
    }

    /** How a JSON document with entries ends (its layout, {@link JsonLayout}): the last line, the brace, a newline. */
    private static final byte[] CLOSING = {'\n', '}', '\n'};

    void recordStarts(long frameNumber) {
        startRecord();
        writing = frameNumber;
    }

    void recordEnds() {
        endRecord(writing);
    }

    /** Receives the dumper's bytes: within a record, all of them by its end. */
    private final class RecordOut extends OutputStream {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            append(b, off, len);
        }
    }
}
