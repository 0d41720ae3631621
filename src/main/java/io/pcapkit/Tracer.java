package io.pcapkit;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.flow.Flow;
import io.pcapkit.flow.FlowOptions;
import io.pcapkit.frame.Frame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Flow tracing on its own ({@link Pcapkit#trace}): feed it the frames of one capture in order; it
 * numbers the flows as tshark numbers its streams, counts their packets and bytes, and with an
 * output folder writes {@code index.json} and (with a format) one file per flow. {@link #close}
 * ends the flows still open and finishes the files. Not thread-safe.
 */
public final class Tracer implements AutoCloseable {
    private final Hooks hooks;
    private final Dissector dissector;

    Tracer(FlowOptions options, Consumer<Flow> onFlow, CaptureReader reader) {
        try {
            this.hooks = new Hooks(new ReassembleOptions(), options.copy(), onFlow, true, reader, new DissectOptions());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.dissector = new Dissector().hook(hooks.hook());
    }

    public Tracer accept(PacketRecord r) {
        dissector.dissect(r, null);
        return this;
    }

    public Tracer accept(Frame f) {
        return accept(f.record());
    }

    /** Feeds every frame of a capture file. */
    public Tracer accept(Path capture) throws IOException {
        try (CaptureReader r = CaptureInput.open(capture)) {
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) accept(rec);
        }
        return this;
    }

    /** The flows that ended so far (all of them after {@link #close}), in the order they ended. */
    public List<Flow> flows() {
        return hooks.flows();
    }

    /** Ends the flows still open and finishes index.json and the per-flow files. */
    @Override
    public void close() throws IOException {
        hooks.finish();
        hooks.close();
    }
}
