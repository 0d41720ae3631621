package io.pcapkit.flow;

import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.ReplayHook;
import io.pcapkit.dump.DumpOptions;
import io.pcapkit.dump.Dumper;
import io.pcapkit.dump.DumperFamily;
import io.pcapkit.dump.Dumpers;
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
        Files.createDirectories(dir);
        Path indexFile = dir.resolve("index.json");
        this.index = new IndexThread(new IndexWriter(indexFile), indexFile.toString());
    }

    /** Index entries written (known once the trace is closed: the index is written on a thread of its own). */
    public long entries() {
        return index.entries();
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

    @Override
    public void packet(Flow f, int dir, PacketRecord r, Chain chain) {
        if (options.format == null) return;
        try {
            FlowFile ff = f.file;
            Dumper d;
            if (ff != null && ff.dumper != null) {
                d = ff.dumper;
                if (ff != newest) {
                    unlink(ff);
                    append(ff);
                }
            } else {
                d = openFile(f);
            }
            if (replay == null) {
                d.beginFrame(r);
                d.endFrame(chain);
            } else if (chain.isHookShaped()) {
                // the flow's file gets the frame as the run dissected it: reassembled layers
                // included, and a segment of a message not yet complete raw. The run's chain is
                // read during this call only (the replay fills a chain of its own): no copy
                replay.hook(new ReplayHook(chain));
                replay.dissect(r, d);
                replay.hook(null);
            } else {
                replay.dissect(r, d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The buffer of each open flow file's dumper: small, since thousands may be open
     * ({@link io.pcapkit.reassembly.ReassemblyLimits#FLOW_MAX_OPEN_FILES_CEILING}).
     */
    private static final int FILE_BUFFER_BYTES = 8 * 1024;

    /**
     * How many header bytes a format writes before its first frame when its file is resumed by
     * appending (pcap: the 24-byte global header; NDJSON: none), or -1 for formats that are one
     * document (JSON, plist), or whose header depends on the frames seen (pcapng's interface
     * blocks, the tree's header): those go on in a new part file.
     */
    private static long resumeSkip(String format) {
        return switch (format) {
            case "pcap" -> 24;
            case "ndjson" -> 0;
            default -> -1;
        };
    }

    private Dumper openFile(Flow f) throws IOException {
        while (openFiles >= options.maxOpenFiles) closeFile(oldest);
        FlowFile ff = f.file;
        if (ff == null) ff = f.file = new FlowFile();
        int part = ++ff.parts;
        long resumeSkip = resumeSkip(options.format);
        boolean resume = part > 1 && resumeSkip >= 0;
        int suffix = resume ? 1 : part;
        // named by the flow's numbering, as tshark's tcp.stream and udp.stream (UDP-Lite's flows are udp-)
        String name = String.format("%s-%06d%s.%s", f.isTcp() ? "tcp" : "udp", f.id(), suffix == 1 ? "" : "." + suffix,
                options.format.equals("ndjson") ? "ndjson" : Dumpers.extension(options.format));
        Path path = dir.resolve(name);
        OutputStream file = resume ? Files.newOutputStream(path, StandardOpenOption.APPEND) : Files.newOutputStream(path);
        // a resumed file has its header: the new dumper's is dropped. The dumper buffers, so the
        // file's stream takes no buffer of its own
        OutputStream out = resume ? new SkipOutputStream(file, resumeSkip) : file;
        Dumper d = dumpers.create(out);
        if (reader != null) d.header(reader);
        ff.dumper = d;
        append(ff);
        if (resume) return d;
        f.addFile(name);
        filesWritten++;
        return d;
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
                if (ff.dumper != null) closeFile(ff);
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
        ff.dumper = null;
        unlink(ff);
        d.close();
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
