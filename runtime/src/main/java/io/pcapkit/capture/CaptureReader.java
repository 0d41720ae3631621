package io.pcapkit.capture;

import io.pcapkit.dissect.FieldSink;
import java.io.IOException;
import java.util.List;

/**
 * Reads packet records one at a time, streaming with flat memory. Problems in the file (a cut
 * record, a lying length) never lose the records already read: they are recorded in
 * {@link #problems()} and reading stops or resynchronises, as each problem says.
 */
public interface CaptureReader extends AutoCloseable {
    /** The container: {@code pcap} or {@code pcapng}. */
    CaptureFormat format();

    /**
     * Fills {@code r} with the next packet.
     *
     * @return false at the end (or when reading had to stop)
     * @throws IOException only for I/O failures of the underlying file, never for its content
     */
    boolean next(PacketRecord r) throws IOException;

    /** Problems found so far, in file order (bounded: see {@link CaptureLimits#MAX_PROBLEMS}). */
    List<Problem> problems();

    /**
     * Writes the file's global header as fields: the pcap header, or for pcapng the section
     * header and the interfaces known so far.
     */
    void writeHeader(FieldSink sink);

    /** Link type of interface {@code id} (pcap: the file's), or -1 if unknown. */
    long linkType(int interfaceId);

    /** Snap length of interface {@code id} (pcap: the file's), or -1 if unknown. */
    default long snaplen(int interfaceId) {
        return -1;
    }

    /**
     * The classic pcap global header exactly as read (a copy of its 24 bytes), so that a writer can
     * reproduce the file byte for byte; null for other containers.
     */
    default byte[] rawHeader() {
        return null;
    }

    @Override
    void close() throws IOException;
}
