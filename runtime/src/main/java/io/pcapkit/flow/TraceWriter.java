package io.pcapkit.flow;

import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.FrameSink;
import io.pcapkit.dissect.ReplayHook;
import io.pcapkit.dump.DumpOptions;
import io.pcapkit.dump.Dumper;
import io.pcapkit.dump.DumperFamily;
import io.pcapkit.dump.Dumpers;
import io.pcapkit.dump.FrameRecords;
import io.pcapkit.dump.NdjsonLines;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a trace: one file per flow in the chosen format ({@code tcp-000000.pcap},
 * {@code udp-000003.json}, ...) and {@code index.json}, {@code {"flows": [...]}}, one entry per flow
 * with its id, protocol, endpoints, first and last time, packets and bytes each way, state, why it
 * ended, frame numbers and files.
 *
 * <p>Streaming with bounded state: at most {@link FlowOptions#maxOpenFiles} files are open. A flow
 * whose file was closed to make room is appended to when it goes on (pcap, NDJSON), or goes on in
 * a new part, {@code tcp-000000.2.json}, each part a complete document (JSON, plist, pcapng, tree).
 * An index entry is written when its flow ends, in the order flows started ({@link IndexWriter}),
 * on a thread of its own ({@link IndexThread}).
 */
public final class TraceWriter implements FlowListener, Closeable {
    private final FlowOptions options;
    private final Path dir;
    private final CaptureReader reader;
    private final Dissector replay;
    /** makes the per-flow files' dumpers: small buffers, shared encodings (null without files) */
    private final DumperFamily dumpers;
    /**
     * NDJSON, JSON and plist per-flow files take each frame's record from here, not from a dumper each:
     * the run's own record when the run dissected into {@link #runSink} (null for the other formats)
     */
    private FrameRecords runRecords;
    /** a frame's record made again by {@link #replay}, when the run did not make it (null for the other formats) */
    private final FrameRecords replayRecords;
    // whether the run makes the records: over each window of frames, whether files took at least half
    private boolean recordsInRun = true;
    private int framesAsked;
    private int framesTaken;
    private long lastTaken = -1;
    private long replayed;
    private final IndexThread index;
    // the open per-flow files, least recently written first (a list through the flows' files: a
    // frame finds and moves its file without a map look-up)
    private FlowFile oldest;
    private FlowFile newest;
    private int openFiles;
    private long filesWritten;
    private boolean closed;

    /**
     * @param reader  the capture being read, for the per-flow files' headers (may be null: a pcap
     *                file then takes its first frame's link type)
     * @param dissect how frames are dissected for text formats
     */
    public TraceWriter(FlowOptions options, CaptureReader reader, DissectOptions dissect) throws IOException {
        this.options = options.copy();
        if (options.output == null) throw new IllegalArgumentException("a trace needs an output folder");
        this.dir = options.output;
        this.reader = reader;
        this.replay = options.format != null && !Dumpers.isBinary(options.format) ? new Dissector(dissect) : null;
        DumpOptions perFile = options.dump.copy().bufferBytes(FILE_BUFFER_BYTES);
        this.dumpers = options.format == null ? null : Dumpers.family(options.format, perFile);
        this.runRecords = dumpers == null ? null : dumpers.records(reader);
        this.replayRecords = dumpers == null ? null : dumpers.records(reader);
        Files.createDirectories(dir);
        Path indexFile = dir.resolve("index.json");
        this.index = new IndexThread(new IndexWriter(indexFile), indexFile.toString());
    }

    /** Index entries written (known once the trace is closed: the index is written on a thread of its own). */
    public long entries() {
        return index.entries();
    }

    /**
     * Frames dissected again for a per-flow file (a frame in two flows' files counts twice): every
     * frame of a tree file, but NDJSON, JSON and plist files take the run's own record where it
     * made one.
     */
    public long replayed() {
        return replayed;
    }

    /** Per-flow files (parts included) opened so far. */
    public long files() {
        return filesWritten;
    }

    @Override
    public void started(Flow f) {
        try {
            index.started(f.serial);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the per-flow files may take their lines from {@code lines}, the run's own NDJSON
     * output, which makes a line of every frame: they may when they are NDJSON written with the
     * same options. They then take them from there ({@link #runSink} is not used), and no frame is
     * dissected again.
     */
    public boolean linesFrom(NdjsonLines lines, DumpOptions options) {
        if (!"ndjson".equals(this.options.format) || !this.options.dump.sameRecords(options)) return false;
        runRecords = lines;
        return true;
    }

    /**
     * Frames that a run dissects only for a trace (it writes no output of its own) may be dissected
     * into this sink: the per-flow NDJSON, JSON or plist files then take the run's record of a frame, and
     * need not dissect it again. Null when there is nothing to gain: other formats, or a run whose
     * recent frames went mostly to no file (a trace of TCP flows in mostly UDP traffic), which
     * would encode records for nothing. Asked once per frame, before its dissection.
     */
    public FrameSink runSink() {
        if (runRecords == null) return null;
        if (++framesAsked == RUN_RECORDS_WINDOW) {
            recordsInRun = 2 * framesTaken >= framesAsked;
            framesAsked = framesTaken = 0;
        }
        return recordsInRun ? runRecords.sink() : null;
    }

    /**
     * Frames over which {@link #runSink} weighs whether the run is to make the records: long
     * enough that a burst of other traffic does not turn it off, short enough to follow a
     * capture's mix.
     */
    private static final int RUN_RECORDS_WINDOW = 4096;

    @Override
    public void packet(Flow f, int dir, PacketRecord r, Chain chain) {
        if (options.format == null) return;
        try {
            FlowFile ff = file(f);
            if (runRecords != null) {
                writeRecord(ff.records, r, chain);
            } else if (replay == null) {
                ff.dumper.beginFrame(r);
                ff.dumper.endFrame(chain);
            } else {
                replay(r, chain, ff.dumper);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flow {@code f}'s open file, now the most recently written; opened if it is not open. */
    private FlowFile file(Flow f) throws IOException {
        FlowFile ff = f.file;
        if (ff == null || !ff.isOpen()) return open(f);
        if (ff != newest) {
            unlink(ff);
            append(ff);
        }
        return ff;
    }

    /** Appends frame {@code r}'s record to {@code out}: the run's record when it made it, else one made again. */
    private void writeRecord(OutputStream out, PacketRecord r, Chain chain) throws IOException {
        if (r.number != lastTaken) {
            lastTaken = r.number;
            framesTaken++;
        }
        FrameRecords records = runRecords;
        if (!records.holds(r.number)) {
            records = replayRecords;
            replay(r, chain, records.sink());
        }
        records.writeTo(out);
    }

    /**
     * Dissects frame {@code r} again into {@code sink}, as the run dissected it: reassembled layers
     * included, and a segment of a message not yet complete raw. The run's chain is read during
     * this call only (the replay fills a chain of its own): no copy.
     */
    private void replay(PacketRecord r, Chain chain, FrameSink sink) {
        replayed++;
        if (chain.isHookShaped()) {
            replay.hook(new ReplayHook(chain));
            replay.dissect(r, sink);
            replay.hook(null);
        } else {
            replay.dissect(r, sink);
        }
    }

    /**
     * The buffer of each open flow file, its dumper's or its stream's of records: small, since
     * thousands may be open ({@link io.pcapkit.reassembly.ReassemblyLimits#FLOW_MAX_OPEN_FILES_CEILING}).
     */
    private static final int FILE_BUFFER_BYTES = 8 * 1024;

    /**
     * How many header bytes a format writes before its first frame when its file is resumed by
     * appending (pcap: the 24-byte global header), or -1 for formats that are one document (JSON,
     * plist), or whose header depends on the frames seen (pcapng's interface blocks, the tree's
     * header): those go on in a new part file. Files of {@link FrameRecords} say for themselves.
     */
    private static long resumeSkip(String format) {
        return "pcap".equals(format) ? 24 : -1;
    }

    /**
     * A per-flow file's name: by the flow's numbering, as tshark's tcp.stream and udp.stream
     * (UDP-Lite's flows are udp-), and its part from the second on.
     */
    private String fileName(Flow f, int part) {
        StringBuilder b = new StringBuilder(24).append(f.isTcp() ? "tcp-" : "udp-");
        String id = Long.toString(f.id());
        for (int i = id.length(); i < 6; i++) b.append('0');
        b.append(id);
        if (part != 1) b.append('.').append(part);
        return b.append('.').append(options.format.equals("ndjson") ? "ndjson" : Dumpers.extension(options.format)).toString();
    }

    /**
     * Opens flow {@code f}'s file (closing the least recently written one when as many as allowed
     * are open): its first, one to append to (pcap, NDJSON), or its next part. An NDJSON, JSON or
     * plist file takes records ({@link FlowFile#records}), the others a dumper.
     */
    private FlowFile open(Flow f) throws IOException {
        while (openFiles >= options.maxOpenFiles) closeFile(oldest);
        FlowFile ff = f.file;
        if (ff == null) ff = f.file = new FlowFile();
        int part = ++ff.parts;
        long resumeSkip = runRecords != null ? (runRecords.appendable() ? 0 : -1) : resumeSkip(options.format);
        boolean resume = part > 1 && resumeSkip >= 0;
        String name = fileName(f, resume ? 1 : part);
        Path path = dir.resolve(name);
        OutputStream file = resume ? Files.newOutputStream(path, StandardOpenOption.APPEND) : Files.newOutputStream(path);
        if (runRecords != null) {
            ff.records = new BufferedOutputStream(file, FILE_BUFFER_BYTES);
            if (!resume) runRecords.open(ff.records);
        } else {
            // a resumed file has its header: the new dumper's is dropped. The dumper buffers, so
            // the file's stream takes no buffer of its own
            Dumper d = dumpers.create(resume ? new SkipOutputStream(file, resumeSkip) : file);
            if (reader != null) d.header(reader);
            ff.dumper = d;
        }
        append(ff);
        if (!resume) {
            f.addFile(name);
            filesWritten++;
        }
        return ff;
    }

    /** An ended flow's file is closed and what its index entry says copied within {@link #ended}: nothing is kept. */
    @Override
    public boolean keepsFlows() {
        return false;
    }

    /** The index alone (no per-flow files) needs no frames, and its thread takes events from any one thread at a time. */
    @Override
    public boolean offThread() {
        return options.format == null;
    }

    @Override
    public void ended(Flow f) {
        try {
            FlowFile ff = f.file;
            if (ff != null) {
                f.file = null;
                if (ff.isOpen()) closeFile(ff);
            }
            index.ended(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void finished() {
        try {
            close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the open files and finishes index.json (flows still open are not in it: end them first). */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        IOException first = null;
        while (oldest != null) {
            try {
                closeFile(oldest);
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        try {
            index.close();
        } catch (IOException e) {
            if (first == null) first = e;
        }
        if (first != null) throw first;
    }

    /** Closes open file {@code ff} (it leaves the open files even when closing fails). */
    private void closeFile(FlowFile ff) throws IOException {
        Dumper d = ff.dumper;
        OutputStream records = ff.records;
        ff.dumper = null;
        ff.records = null;
        unlink(ff);
        if (d != null) {
            d.close();
        } else {
            try {
                runRecords.close(records);
            } finally {
                records.close();
            }
        }
    }

    /** Puts {@code ff} last among the open files: the most recently written. */
    private void append(FlowFile ff) {
        ff.older = newest;
        ff.newer = null;
        if (newest != null) newest.newer = ff;
        else oldest = ff;
        newest = ff;
        openFiles++;
    }

    private void unlink(FlowFile ff) {
        if (ff.older != null) ff.older.newer = ff.newer;
        else oldest = ff.newer;
        if (ff.newer != null) ff.newer.older = ff.older;
        else newest = ff.older;
        ff.older = ff.newer = null;
        openFiles--;
    }

    /** Files in the folder (for reports). */
    List<String> list() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
