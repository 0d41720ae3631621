package io.pcapkit.dump;

import io.pcapkit.capture.CaptureReader;
import io.pcapkit.dissect.FrameSink;
import java.io.Closeable;
import java.io.IOException;

/**
 * Writes frames in one output format, streaming: nothing but the current frame is held. The
 * extractor calls {@link #header} once (just before the first frame, when a pcapng file's
 * interfaces are known, or at the end of an empty file), then the {@link FrameSink} calls of each
 * frame, then {@link #close}.
 */
public interface Dumper extends FrameSink, Closeable {
    /** Writes the capture's global header ("Global Header" in JSON). */
    void header(CaptureReader reader) throws IOException;

    /** Whether frames must be dissected for this format (PCAP and PCAPNG copy records as they are). */
    default boolean wantsLayers() {
        return true;
    }

    /**
     * What the reader of the output should know once the run is over (frames a format could not
     * hold, say), or null when there is nothing to tell. Also logged when the dumper closes.
     */
    default String summary() {
        return null;
    }

    /** Finishes the output (closing brackets, trailers) and closes it. */
    @Override
    void close() throws IOException;
}
