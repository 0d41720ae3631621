package io.pcapkit.dump;

import io.pcapkit.dissect.FrameSink;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Frames as NDJSON lines handed out one at a time ({@link FrameRecords}): a frame's record is its
 * line, newline included, the one an NDJSON dumper with the same options writes for the frame.
 * Made by {@link DumperFamily#records}, or by {@link Dumpers#ndjsonLines} for a run's own NDJSON
 * output whose lines a trace's files take too.
 */
public final class NdjsonLines extends HeldRecord {
    /** The line buffer's first size: a typical frame's line fits. */
    private static final int INITIAL_LINE_BYTES = 4 * 1024;

    private final NdjsonDumper dumper;
    /** where every line goes as well (a run's own NDJSON output), or null */
    private final OutputStream downstream;

    NdjsonLines(DumpOptions options, NdjsonTexts texts, OutputStream downstream) {
        super(INITIAL_LINE_BYTES);
        this.downstream = downstream;
        this.dumper = new NdjsonDumper(new LineOut(), options, texts, true);
    }

    /** Where a frame is dissected to make its line. */
    @Override
    public FrameSink sink() {
        return dumper;
    }

    /**
     * The dumper that makes the lines, as a run's output: with a stream to write to (see
     * {@link Dumpers#ndjsonLines}), it writes what an NDJSON dumper writes, and closing it closes
     * that stream.
     */
    public Dumper dumper() {
        return dumper;
    }

    /** An NDJSON file is its lines: nothing before them. */
    @Override
    public void open(OutputStream out) {
    }

    /** Nothing after the lines either. */
    @Override
    public void close(OutputStream out) {
    }

    @Override
    public boolean appendable() {
        return true;
    }

    /** Receives the dumper's output, which in this mode is one write per line, as the line ends. */
    private final class LineOut extends OutputStream {
        @Override
        public void write(int b) {
            throw new UnsupportedOperationException("lines are written whole");
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            startRecord();
            append(b, off, len);
            endRecord(dumper.recordNumber);
            if (downstream != null) downstream.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            if (downstream != null) downstream.flush();
        }

        @Override
        public void close() throws IOException {
            if (downstream != null) downstream.close();
        }
    }
}
