package io.pcapkit.dump;

import io.pcapkit.dissect.FrameSink;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Frames' records as the bytes a dumper of one format writes for them, made one frame at a time:
 * dissect a frame into {@link #sink()}, and {@link #writeTo} writes its record. For writers that
 * copy each frame's record into files of their own, as a trace's per-flow files: a frame is
 * encoded once whatever file it goes to, and a file needs no dumper (whose state, one per open
 * file, was cold at every frame). A file of records is {@link #open}, the records, {@link #close}:
 * byte for byte what a dumper of the format writes for those frames. Not thread-safe.
 */
public interface FrameRecords {
    /** Where a frame is dissected to make its record. */
    FrameSink sink();

    /** Whether the record held is frame {@code frameNumber}'s, whole (the frame ended). */
    boolean holds(long frameNumber);

    /** Writes the record held to {@code out}. */
    void writeTo(OutputStream out) throws IOException;

    /** Writes what a file starts with before its first record (a document's opening, the capture's header). */
    void open(OutputStream out) throws IOException;

    /** Writes what a file ends with after its last record. */
    void close(OutputStream out) throws IOException;

    /** Whether a file may be appended to after it was closed (lines), or goes on in a new file (a document). */
    boolean appendable();
}
