package io.pcapkit.flow;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.ReplayHook;
import io.pcapkit.dump.Dumper;
import io.pcapkit.dump.Dumpers;
import io.pcapkit.reassembly.Anomaly;
import io.pcapkit.reassembly.Endpoints;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes a trace: one file per flow in the chosen format ({@code tcp-000000.pcap},
 * {@code udp-000003.json}, ...) and {@code index.json}, {@code {"flows": [...]}}, one entry per flow
 * with its id, protocol, endpoints, first and last time, packets and bytes each way, state, why it
 * ended, frame numbers and files.
 *
 * <p>Streaming with bounded state: at most {@link FlowOptions#maxOpenFiles} files are open (a flow
 * whose file was closed to make room goes on in a new part, {@code tcp-000000.2.pcap}, each part a
 * complete document); an index entry is written when its flow ends, in the order flows started
 * (entries wait for the flows that started earlier, up to {@link #MAX_WAITING_ENTRIES}, past which
 * they are written as they come, each with its id).
 */
public final class TraceWriter implements FlowListener, Closeable {
    /**
     * 65,536 index entries may wait for an earlier flow to end, so that the index is in start
     * order; beyond that (one long flow among a flood of short ones) entries go out as flows end.
     */
    public static final int MAX_WAITING_ENTRIES = 65_536;

    private static final JsonFactory JSON = new JsonFactory();

    private final FlowOptions options;
    private final Path dir;
    private final CaptureReader reader;
    private final Dissector replay;
    private final OutputStream index;
    private final LinkedHashMap<Flow, Dumper> open;
    private final Map<Flow, Integer> parts = new HashMap<>();
    private final TreeSet<Long> running = new TreeSet<>();
    private final TreeMap<Long, byte[]> waiting = new TreeMap<>();
    private boolean firstEntry = true;
    private long entries;
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
        Files.createDirectories(dir);
        this.index = new BufferedOutputStream(Files.newOutputStream(dir.resolve("index.json")), 1 << 16);
        index.write("{\"flows\": [".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        this.open = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** Index entries written so far. */
    public long entries() {
        return entries;
    }

    /** Per-flow files (parts included) opened so far. */
    public long files() {
        return filesWritten;
    }

    @Override
    public void started(Flow f) {
        running.add(f.serial);
    }

    @Override
    public void packet(Flow f, int dir, PacketRecord r, Chain chain) {
        if (options.format == null) return;
        try {
            Dumper d = open.get(f);
            if (d == null) d = openFile(f);
            if (replay == null) {
                d.beginFrame(r);
                d.endFrame(chain);
            } else if (chain.isReassembled()) {
                // the flow's file gets the frame as the run dissected it, reassembled layers included
                replay.hook(new ReplayHook(chain.snapshot()));
                replay.dissect(r, d);
                replay.hook(null);
            } else {
                replay.dissect(r, d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Dumper openFile(Flow f) throws IOException {
        while (open.size() >= options.maxOpenFiles) {
            Iterator<Map.Entry<Flow, Dumper>> it = open.entrySet().iterator();
            Map.Entry<Flow, Dumper> e = it.next();
            it.remove();
            e.getValue().close();
        }
        int part = parts.merge(f, 1, Integer::sum);
        String name = String.format("%s-%06d%s.%s", f.protocol().toLowerCase(java.util.Locale.ROOT), f.id(), part == 1 ? "" : "." + part,
                options.format.equals("ndjson") ? "ndjson" : Dumpers.extension(options.format));
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(name)), 1 << 14);
        Dumper d = Dumpers.create(options.format, out, options.dump);
        if (reader != null) d.header(reader);
        f.files.add(name);
        open.put(f, d);
        filesWritten++;
        return d;
    }

    @Override
    public void ended(Flow f) {
        try {
            Dumper d = open.remove(f);
            if (d != null) d.close();
            parts.remove(f);
            running.remove(f.serial);
            waiting.put(f.serial, entry(f));
            flush(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the waiting entries no running flow started before (all of them when {@code all}). */
    private void flush(boolean all) throws IOException {
        while (!waiting.isEmpty()) {
            long first = waiting.firstKey();
            boolean ready = all || running.isEmpty() || running.first() > first || waiting.size() > MAX_WAITING_ENTRIES;
            if (!ready) return;
            byte[] e = waiting.pollFirstEntry().getValue();
            index.write(firstEntry ? "\n  " .getBytes() : ",\n  ".getBytes());
            firstEntry = false;
            index.write(e);
            entries++;
        }
    }

    private static byte[] entry(Flow f) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(b, JsonEncoding.UTF8)) {
            Endpoints ep = f.endpoints();
            g.writeStartObject();
            g.writeNumberField("id", f.id());
            g.writeStringField("protocol", f.protocol());
            g.writeObjectFieldStart("a");
            g.writeStringField("address", ep.textA());
            g.writeNumberField("port", ep.portA());
            g.writeEndObject();
            g.writeObjectFieldStart("b");
            g.writeStringField("address", ep.textB());
            g.writeNumberField("port", ep.portB());
            g.writeEndObject();
            g.writeStringField("first", f.first.isoString());
            g.writeStringField("last", f.last.isoString());
            g.writeFieldName("first_epoch");
            g.writeNumber(f.first.epochString());
            g.writeFieldName("last_epoch");
            g.writeNumber(f.last.epochString());
            for (int d = 0; d < 2; d++) {
                g.writeObjectFieldStart(d == 0 ? "a_to_b" : "b_to_a");
                g.writeNumberField("packets", f.packets(d));
                g.writeNumberField("bytes", f.bytes(d));
                if (f.tcp != null) {
                    g.writeNumberField("stream_bytes", f.tcp.delivered(d));
                    g.writeNumberField("missing_bytes", f.tcp.missing(d));
                }
                g.writeEndObject();
            }
            g.writeStringField("state", f.state());
            g.writeStringField("ended_by", f.end() == null ? Flow.End.END_OF_INPUT.label : f.end().label);
            g.writeArrayFieldStart("anomalies");
            for (Anomaly a : f.anomalies()) g.writeString(a.label);
            g.writeEndArray();
            g.writeArrayFieldStart("frames");
            f.frameList().forEach(n -> {
                try {
                    g.writeNumber(n);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            g.writeEndArray();
            g.writeArrayFieldStart("files");
            for (String s : f.files) g.writeString(s);
            g.writeEndArray();
            g.writeEndObject();
        }
        return b.toByteArray();
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
        for (Dumper d : new ArrayList<>(open.values())) {
            try {
                d.close();
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        open.clear();
        try {
            flush(true);
            index.write(firstEntry ? "]}\n".getBytes() : "\n]}\n".getBytes());
        } finally {
            index.close();
        }
        if (first != null) throw first;
    }

    /** Files in the folder (for reports). */
    List<String> list() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
