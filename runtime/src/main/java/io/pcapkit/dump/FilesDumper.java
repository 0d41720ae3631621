package io.pcapkit.dump;

import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Continuation;
import io.pcapkit.dissect.ErrorKind;
import io.pcapkit.dissect.Field;
import io.pcapkit.dissect.Protocol;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Files mode: a folder holding {@code Global Header.<ext>} and one {@code Frame <n>.<ext>} per
 * frame (PyPCAPKit's names), each a complete document of its format on its own: a JSON or plist
 * file is the one-record object {@code {"Frame 3": {...}}}, a tree file has its title line, a
 * pcap or pcapng file repeats the global header (or the section and interface blocks) before its
 * one frame (a one-frame pcap made from pcapng has that frame's link type, so none is skipped).
 * NDJSON has no header record, so it writes no header file.
 */
final class FilesDumper implements Dumper {
    private final String format;
    private final Path dir;
    private final DumpOptions options;
    private final boolean binary;
    private final boolean layers;
    private CaptureReader reader;
    private Dumper current;
    private final List<String> summaries = new ArrayList<>();

    FilesDumper(String format, Path dir, DumpOptions options) throws IOException {
        this.format = format;
        this.dir = dir;
        this.options = options;
        this.binary = Dumpers.isBinary(format);
        this.layers = !binary;
        Files.createDirectories(dir);
    }

    private Dumper open(String name) throws IOException {
        Path p = dir.resolve(name + "." + Dumpers.extension(format));
        return Dumpers.create(format, new BufferedOutputStream(Files.newOutputStream(p), 1 << 16), options);
    }

    @Override
    public void header(CaptureReader reader) throws IOException {
        this.reader = reader;
        if (format.equals("ndjson")) return;
        try (Dumper d = open(RecordDumper.GLOBAL_HEADER)) {
            d.header(reader);
        }
    }

    @Override
    public boolean wantsLayers() {
        return layers;
    }

    @Override
    public void beginFrame(PacketRecord r) {
        try {
            finishFrame();
            current = open("Frame " + r.number);
            if (binary && reader != null) {
                if (current instanceof PcapDumper pcap && reader.rawHeader() == null) {
                    // a one-frame pcap from pcapng takes the frame's own link type
                    pcap.attach(reader);
                } else {
                    current.header(reader);
                }
            }
            current.beginFrame(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void endFrame(Chain chain) {
        if (current == null) return;
        current.endFrame(chain);
        try {
            finishFrame();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void finishFrame() throws IOException {
        if (current == null) return;
        Dumper d = current;
        current = null;
        d.close();
        String s = d.summary();
        if (s != null && summaries.size() < 10) summaries.add(s);
    }

    @Override
    public String summary() {
        return summaries.isEmpty() ? null : String.join("; ", summaries);
    }

    @Override
    public void close() throws IOException {
        finishFrame();
    }

    @Override
    public void beginLayer(Protocol protocol, int offset) {
        if (current != null) current.beginLayer(protocol, offset);
    }

    @Override
    public void reassembled(Continuation data) {
        if (current != null) current.reassembled(data);
    }

    @Override
    public void raw(ByteBuffer buf, int off, int len) {
        if (current != null) current.raw(buf, off, len);
    }

    @Override
    public void malformed(Protocol protocol, Field field, int offset, ErrorKind kind, String reason) {
        if (current != null) current.malformed(protocol, field, offset, kind, reason);
    }

    @Override
    public void truncated(Protocol protocol, Field field, int offset) {
        if (current != null) current.truncated(protocol, field, offset);
    }

    @Override
    public void number(Field f, long value, int off, int len) {
        if (current != null) current.number(f, value, off, len);
    }

    @Override
    public void enumerated(Field f, long value, String name, int off, int len) {
        if (current != null) current.enumerated(f, value, name, off, len);
    }

    @Override
    public void bool(Field f, boolean value, int off, int len) {
        if (current != null) current.bool(f, value, off, len);
    }

    @Override
    public void bytes(Field f, ByteBuffer buf, int off, int len) {
        if (current != null) current.bytes(f, buf, off, len);
    }

    @Override
    public void text(Field f, String value) {
        if (current != null) current.text(f, value);
    }

    @Override
    public void beginGroup(Field f) {
        if (current != null) current.beginGroup(f);
    }

    @Override
    public void endGroup(Field f) {
        if (current != null) current.endGroup(f);
    }

    @Override
    public void beginList(Field f) {
        if (current != null) current.beginList(f);
    }

    @Override
    public void endList(Field f) {
        if (current != null) current.endList(f);
    }

    @Override
    public void beginItem(Field f) {
        if (current != null) current.beginItem(f);
    }

    @Override
    public void endItem(Field f) {
        if (current != null) current.endItem(f);
    }
}
