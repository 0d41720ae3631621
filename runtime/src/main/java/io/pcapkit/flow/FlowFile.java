package io.pcapkit.flow;

import io.pcapkit.dump.Dumper;
import java.io.OutputStream;

/**
 * A traced flow's per-flow file ({@link TraceWriter}): its dumper (for NDJSON, JSON and plist, its
 * buffered stream of records) while the file is open, how many parts it has had, and its place
 * among the open files, least recently written first. The flow holds it ({@link Flow#file}), so a
 * frame finds its file without a map look-up.
 */
final class FlowFile {
    /** the open file's dumper, or null while the file is closed (to make room for others) */
    Dumper dumper;
    /** the open file's stream, which takes whole records ({@link io.pcapkit.dump.FrameRecords}), or null */
    OutputStream records;
    /** files opened for the flow so far: the first, then a part each time it went on after a close */
    int parts;
    /** the neighbours among the open files (older: written less recently) */
    FlowFile older;
    FlowFile newer;

    boolean isOpen() {
        return dumper != null || records != null;
    }
}
