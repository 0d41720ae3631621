package io.pcapkit;

import io.pcapkit.capture.CaptureFormat;
import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.capture.Problem;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.FrameSink;
import io.pcapkit.dump.Dumper;
import io.pcapkit.dump.Dumpers;
import io.pcapkit.frame.Frame;
import io.pcapkit.frame.Info;
import io.pcapkit.frame.InfoBuilder;
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
    private final Chain noLayers = new Chain();
    private boolean headerWritten;
    private boolean finished;
    private boolean closed;
    private long count;
    private String lastChain;
    private Frame pending;
    private boolean iterating;

    private Extractor(ExtractOptions o, CaptureReader reader, Dumper dumper, OutputStream ownedOut) {
        this.options = o;
        this.reader = reader;
        this.dumper = dumper;
        this.ownedOut = ownedOut;
        this.dissector = new Dissector(o.dissect);
        this.stored = o.store ? new ArrayList<>() : null;
    }

    static Extractor open(ExtractOptions o) throws IOException {
        CaptureReader reader = o.input != null ? CaptureInput.open(o.input) : CaptureInput.open(o.inputStream, o.inputName);
        Dumper dumper = null;
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
                    dumper = Dumpers.create(format, out, o.dump);
                }
            }
        } catch (IOException | RuntimeException e) {
            reader.close();
            if (owned != null) owned.close();
            throw e;
        }
        return new Extractor(o, reader, dumper, owned);
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
            return null;
        }
        writeHeaderOnce();
        Chain c;
        try {
            if (visitor != null) {
                c = dissector.dissect(record.buffer, record.offset, record.capLen, record.linkType, record, visitor, streaming);
                if (dumper != null) dissector.dissect(record, dumper);
            } else if (dumper != null && !dumper.wantsLayers() && stored == null && options.verbose == null && !iterating) {
                // a pcap or pcapng copy needs no dissection
                c = noLayers;
                dumper.beginFrame(record);
                dumper.endFrame(c);
            } else {
                c = dissector.dissect(record, dumper);
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

    /** Whether the whole input was read. */
    public boolean isFinished() {
        return finished;
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        IOException first = null;
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
