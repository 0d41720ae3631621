package io.pcapkit.dump;

import io.pcapkit.capture.CaptureReader;
import io.pcapkit.dissect.FrameSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Frames as the records of a document format, JSON or plist ({@link FrameRecords}): a frame's
 * record is what the format's dumper writes for it, from its entry's separator or indentation to
 * the entry's end (JSON {@code ,\n  "Frame N": {...}}). In such a document every frame's entry
 * follows another (the capture's header comes first), so it reads the same in any file. A file
 * opens with what a dumper writes before its first frame, the capture's header included, made when
 * the file opens (a pcapng reader's header grows with the interfaces it meets), and ends with what
 * a dumper writes at its close. Made by {@link DumperFamily#records} when there is a capture to
 * take the header from.
 */
final class DocumentRecords extends HeldRecord {
    /** The record buffer's first size: a typical frame's record fits. */
    private static final int INITIAL_RECORD_BYTES = 8 * 1024;

    /** Makes a dumper of the format. */
    interface Maker {
        RecordDumper create(OutputStream out, DumpOptions options) throws IOException;
    }

    private final Maker format;
    private final DumpOptions options;
    private final CaptureReader reader;
    private final RecordDumper dumper;
    /** what a dumper writes at its close, after its last record */
    private final byte[] closing;
    /** the frame number of the record being written */
    private long writing = -1;

    DocumentRecords(Maker format, DumpOptions options, CaptureReader reader) throws IOException {
        super(INITIAL_RECORD_BYTES);
        this.format = format;
        this.options = options;
        this.reader = reader;
        this.dumper = format.create(new RecordOut(), options);
        dumper.records = this;
        // the records to come follow the header's entry, as in every file
        dumper.header(reader);
        dumper.flushOutput();
        // a document without frames: its opening, then its closing
        ByteArrayOutputStream doc = new ByteArrayOutputStream(1024);
        int opening;
        try (RecordDumper d = format.create(doc, options)) {
            d.header(reader);
            d.flushOutput();
            opening = doc.size();
        }
        byte[] whole = doc.toByteArray();
        closing = Arrays.copyOfRange(whole, opening, whole.length);
    }

    @Override
    public FrameSink sink() {
        return dumper;
    }

    /** Writes what a dumper writes before its first frame, made now (its header, as the reader has it now). */
    @Override
    public void open(OutputStream out) throws IOException {
        ByteArrayOutputStream doc = new ByteArrayOutputStream(1024);
        RecordDumper d = format.create(doc, options);
        d.header(reader);
        d.flushOutput();
        doc.writeTo(out);
    }

    @Override
    public void close(OutputStream out) throws IOException {
        out.write(closing);
    }

    @Override
    public boolean appendable() {
        return false;
    }

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
