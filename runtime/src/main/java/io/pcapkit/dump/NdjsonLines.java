package io.pcapkit.dump;

import io.pcapkit.dissect.FrameSink;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Frames as NDJSON lines handed out one at a time ({@link FrameRecords}): a frame's record is its
 * line, newline included, the one an NDJSON dumper with the same options writes for the frame.
 * Made by {@link DumperFamily#records}, or by {@link Dumpers#ndjsonLines} for a run's own NDJSON
 * output whose lines a trace's files take too.
 */
public final class NdjsonLines implements FrameRecords {
    /** The line buffer's first size: a typical frame's line fits. */
    private static final int INITIAL_LINE_BYTES = 4 * 1024;

    private final NdjsonDumper dumper;
    /** where every line goes as well (a run's own NDJSON output), or null */
    private final OutputStream downstream;
    private byte[] line = new byte[INITIAL_LINE_BYTES];
    private int length;
    /** the frame number of the line held, or -1 before the first */
    private long number = -1;

    NdjsonLines(DumpOptions options, NdjsonTexts texts, OutputStream downstream) {
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

    /** Whether the line held is frame {@code frameNumber}'s, whole (its record ended). */
    @Override
    public boolean holds(long frameNumber) {
        return number == frameNumber && number >= 0;
    }

    /** Writes the line held to {@code out}. */
    @Override
    public void writeTo(OutputStream out) throws IOException {
        out.write(line, 0, length);
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
            if (len > line.length) line = Arrays.copyOf(line, Math.max(len, 2 * line.length));
            System.arraycopy(b, off, line, 0, len);
            length = len;
            number = dumper.recordNumber;
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
