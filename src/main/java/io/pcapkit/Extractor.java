package io.pcapkit;

import io.pcapkit.capture.CaptureFormat;
import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.capture.Problem;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.FrameSink;
import io.pcapkit.dissect.TeeSink;
import io.pcapkit.dump.Dumper;
import io.pcapkit.dump.Dumpers;
import io.pcapkit.dump.NdjsonLines;
import io.pcapkit.frame.Frame;
import io.pcapkit.frame.Info;
import io.pcapkit.frame.InfoBuilder;
import io.pcapkit.flow.Flow;
import io.pcapkit.flow.FlowOptions;
import io.pcapkit.reassembly.Datagram;
import io.pcapkit.reassembly.DefragStats;
import io.pcapkit.reassembly.Message;
import io.pcapkit.reassembly.TcpStats;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads a capture frame by frame: dissects each one, writes it to the output when one is set, and
 * hands it to the caller when iterated. Streaming: unless {@code store} is on, nothing but the
 * current frame is held, whatever the file size. Not thread-safe; close it (try-with-resources).
 */
public final class Extractor implements Iterable<Frame>, AutoCloseable {
    private final ExtractOptions options;
    private final CaptureReader reader;
    private final Dissector dissector;
    private final Dumper dumper;
    private final OutputStream ownedOut;
    private final PacketRecord record = new PacketRecord();
    private final List<Frame> stored;
    /** reassembly and tracing, or null when all is off */
    private final Hooks hooks;
    private final Chain noLayers = new Chain();
    private boolean headerWritten;
    private boolean finished;
    private boolean closed;
    private long count;
    private String lastChain;
    private Frame pending;
    private boolean iterating;

    private Extractor(ExtractOptions o, CaptureReader reader, Dumper dumper, OutputStream ownedOut, Hooks hooks) {
        this.options = o;
        this.reader = reader;
        this.dumper = dumper;
        this.ownedOut = ownedOut;
        this.hooks = hooks;
        this.dissector = new Dissector(o.dissect).hook(hooks == null ? null : hooks.hook());
        this.stored = o.store ? new ArrayList<>() : null;
    }

    static Extractor open(ExtractOptions o) throws IOException {
        CaptureReader reader = o.input != null ? CaptureInput.open(o.input) : CaptureInput.open(o.inputStream, o.inputName);
        Dumper dumper = null;
        NdjsonLines lines = null;
        OutputStream owned = null;
        try {
            if (o.output != null || o.outputStream != null) {
                String format = o.format != null ? o.format : formatFromName(o.output);
                if (!Dumpers.FORMATS.contains(format)) {
                    throw new IllegalArgumentException("unknown output format '" + format + "' (formats: " + String.join(", ", Dumpers.FORMATS) + ")");
                }
                if (o.files) {
                    if (o.output == null) throw new IllegalArgumentException("files mode needs an output folder");
                    dumper = Dumpers.createFiles(format, o.output, o.dump);
                } else {
                    OutputStream out = o.outputStream;
                    if (out == null) {
                        Path parent = o.output.toAbsolutePath().getParent();
                        if (parent != null) Files.createDirectories(parent);
                        out = owned = new BufferedOutputStream(Files.newOutputStream(o.output), 1 << 16);
                    }
                    if (format.equals("ndjson") && o.trace != null && o.trace.output != null && "ndjson".equals(o.trace.format)) {
                        // a trace's NDJSON files may take the output's lines (see TraceWriter#linesFrom)
                        lines = Dumpers.ndjsonLines(out, o.dump);
                        dumper = lines.dumper();
                    } else {
                        dumper = Dumpers.create(format, out, o.dump);
                    }
                }
            }
            Hooks hooks = null;
            ReassembleOptions r = o.reassemble;
            if (r.ipv4 || r.ipv6 || r.tcp || o.trace != null || o.onFlow != null || o.follow != null) {
                FlowOptions flows = o.trace;
                if (o.follow != null && flows == null) flows = new FlowOptions().udp(true);
                hooks = o.follow == null ? new Hooks(r, flows, o.onFlow, o.store, reader, o.dissect)
                        : new Hooks(r, flows, o.onFlow, o.store, reader, o.dissect, o.follow);
                if (lines != null && hooks.trace != null) hooks.trace.linesFrom(lines, o.dump);
            }
            return new Extractor(o, reader, dumper, owned, hooks);
        } catch (IOException | RuntimeException e) {
            reader.close();
            if (owned != null) owned.close();
            throw e;
        }
    }

    /** The output format implied by a file name's extension (json when there is none). */
    static String formatFromName(Path p) {
        return p == null ? "json" : formatFor(p.getFileName().toString());
    }

    /** The output format implied by a file name's extension: json, ndjson, plist, tree, pcap, pcapng (json by default). */
    public static String formatFor(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".ndjson") || n.endsWith(".jsonl")) return "ndjson";
        if (n.endsWith(".plist") || n.endsWith(".xml")) return "plist";
        if (n.endsWith(".txt") || n.endsWith(".tree")) return "tree";
        if (n.endsWith(".pcapng")) return "pcapng";
        if (n.endsWith(".pcap") || n.endsWith(".cap")) return "pcap";
        return "json";
    }

    /** Reads, dissects and writes the next frame. @return its chain, or null at the end */
    private Chain step(FrameSink visitor, boolean streaming) throws IOException {
        if (finished || closed) return null;
        if (!reader.next(record)) {
            finished = true;
            writeHeaderOnce();
            if (hooks != null) hooks.finish();
            return null;
        }
        writeHeaderOnce();
        Chain c;
        try {
            if (visitor != null) {
                if (dumper != null && hooks != null) {
                    // reassembly keeps state: one dissection feeds the visitor and the output
                    c = dissector.dissect(record.buffer, record.offset, record.capLen, record.linkType, record, new TeeSink(visitor, dumper), streaming);
                } else {
                    c = dissector.dissect(record.buffer, record.offset, record.capLen, record.linkType, record, visitor, streaming);
                    if (dumper != null) dissector.dissect(record, dumper);
                }
            } else if (dumper != null && !dumper.wantsLayers() && stored == null && options.verbose == null && !iterating
                    && (hooks == null || !hooks.observed)) {
                // a pcap or pcapng copy needs no dissection (unless reassembly results are wanted)
                c = noLayers;
                dumper.beginFrame(record);
                dumper.endFrame(c);
            } else {
                c = dissector.dissect(record, dumper != null || hooks == null ? dumper : hooks.runSink());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the output failed
        }
        count++;
        if (options.verbose != null) {
            lastChain = c.toString();
            options.verbose.accept(String.format(" - Frame %3d: %s", record.number, lastChain));
        }
        return c;
    }

    private void writeHeaderOnce() throws IOException {
        if (!headerWritten && dumper != null) {
            headerWritten = true;
            dumper.header(reader);
        }
    }

    private Frame nextFrame() throws IOException {
        Chain c = step(null, false);
        if (c == null) return null;
        Frame f = new Frame(record, c, options.dissect);
        if (stored != null) stored.add(f);
        return f;
    }

    /** Reads to the end (writing the output); frames are kept only when {@code store} is on. */
    void drain() throws IOException {
        if (stored != null) {
            while (nextFrame() != null) {
                // stored by nextFrame
            }
        } else {
            while (step(null, false) != null) {
                // written by the dumper
            }
        }
    }

    /**
     * Reads, dissects and writes the next frame without keeping it.
     *
     * @return false at the end of the input
     */
    public boolean advance() throws IOException {
        if (stored != null) return nextFrame() != null;
        return step(null, false) != null;
    }

    /** File position of the last frame read (of the decompressed stream), for progress reports. */
    public long position() {
        return record.fileOffset;
    }

    /**
     * The fastest path: every remaining frame is dissected in one pass per layer straight into
     * {@code visitor}, without building frames (a malformed layer shows the fields read before the
     * bad one). The output, if any, is written too.
     *
     * @return the number of frames visited
     */
    public long visit(FrameSink visitor) throws IOException {
        long n = 0;
        while (step(visitor, true) != null) n++;
        return n;
    }

    @Override
    public Iterator<Frame> iterator() {
        if (iterating) throw new IllegalStateException("an Extractor is iterated once");
        iterating = true;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (pending == null) {
                    try {
                        pending = nextFrame();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return pending != null;
            }

            @Override
            public Frame next() {
                if (!hasNext()) throw new NoSuchElementException();
                Frame f = pending;
                pending = null;
                return f;
            }
        };
    }

    /** The frames as a sequential stream (close the extractor when done). */
    public Stream<Frame> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** The stored frames (needs {@code store(true)}). */
    public List<Frame> frames() {
        if (stored == null) throw new IllegalStateException("frames are not stored: use extract(...).store(true)");
        return Collections.unmodifiableList(stored);
    }

    /** Frames read so far. */
    public long count() {
        return count;
    }

    /** The chain string of the last frame (with a verbose sink), else null. */
    public String lastProtocols() {
        return lastChain;
    }

    /** The capture's global header: pcap header fields, or pcapng {@code section} and {@code interfaces}. */
    public Info header() {
        InfoBuilder b = new InfoBuilder();
        reader.writeHeader(b);
        return b.fields();
    }

    /** The capture format's version (pcap 2.4, pcapng 1.0). */
    public VersionInfo version() {
        Info h = header();
        Long major = h.number("version_major");
        Long minor = h.number("version_minor");
        if (major == null) {
            major = h.number("section.major_version");
            minor = h.number("section.minor_version");
        }
        return new VersionInfo(major == null ? 0 : major.intValue(), minor == null ? 0 : minor.intValue());
    }

    public CaptureFormat format() {
        return reader.format();
    }

    /** Problems with the file itself (cut records, lying lengths), with byte offsets. */
    public List<Problem> problems() {
        return reader.problems();
    }

    /** Whether application protocols are parsed over the reassembled TCP streams (tests). */
    boolean parsesApplicationStreams() {
        return hooks != null && hooks.app != null;
    }

    /** Whether the whole input was read. */
    public boolean isFinished() {
        return finished;
    }

    /**
     * The IP datagrams reassembled (and, with includeIncomplete, those that did not complete), in
     * the order they ended; needs {@code store(true)}. Complete once the input was read.
     */
    public List<Datagram> datagrams() {
        return hooks == null ? List.of() : hooks.datagrams();
    }

    /** The TCP messages (with {@code reassemble("...,tcp")} and {@code store(true)}), in the order they ended. */
    public List<Message> messages() {
        return hooks == null ? List.of() : hooks.messages();
    }

    /** The flows that ended (with flows tracked and {@code store(true)}), in the order they ended. */
    public List<Flow> flows() {
        return hooks == null ? List.of() : hooks.flows();
    }

    /** Counts of the IPv4 defragmenter, or null when it is off. */
    public DefragStats ipv4Stats() {
        return hooks == null || hooks.ip == null || hooks.ip.ipv4() == null ? null : hooks.ip.ipv4().stats();
    }

    /** Counts of the IPv6 defragmenter, or null when it is off. */
    public DefragStats ipv6Stats() {
        return hooks == null || hooks.ip == null || hooks.ip.ipv6() == null ? null : hooks.ip.ipv6().stats();
    }

    /** Counts of TCP stream reassembly, or null when it is off. */
    public TcpStats tcpStats() {
        return hooks == null || hooks.tcp == null ? null : hooks.tcp.stats();
    }

    /** Frames the trace's per-flow files had dissected again (for tests: NDJSON files take the run's lines). */
    long traceReplays() {
        return hooks == null || hooks.trace == null ? 0 : hooks.trace.replayed();
    }

    /** Flows numbered so far: TCP, UDP (0 when flows are not tracked). */
    public long[] flowCounts() {
        return hooks == null || hooks.flows == null ? new long[2] : new long[] {hooks.flows.tcpFlows(), hooks.flows.udpFlows()};
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        IOException first = null;
        try {
            // flows and datagrams still open end now (at the end of the input, or where reading stopped)
            if (hooks != null) {
                hooks.finish();
                hooks.close();
            }
        } catch (IOException | RuntimeException e) {
            first = e instanceof IOException io ? io : new IOException(e);
        }
        try {
            if (dumper != null) {
                writeHeaderOnce();
                dumper.close();
            }
        } catch (IOException e) {
            first = e;
        }
        try {
            if (ownedOut != null) ownedOut.close();
        } catch (IOException e) {
            if (first == null) first = e;
        }
        try {
            reader.close();
        } catch (IOException e) {
            if (first == null) first = e;
        }
        if (first != null) throw first;
    }
}
