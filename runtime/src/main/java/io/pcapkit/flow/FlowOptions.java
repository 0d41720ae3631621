package io.pcapkit.flow;

import io.pcapkit.dump.DumpOptions;
import io.pcapkit.dump.Dumpers;
import io.pcapkit.reassembly.ReassemblyLimits;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What flow tracing keeps track of and writes: TCP flows always, UDP flows on request; per-flow
 * output files in a folder (any dumper format) and its {@code index.json}; the limits (defaults
 * and their reasons in {@link ReassemblyLimits}). Fluent setters.
 */
public final class FlowOptions {
    /** Also trace UDP flows (numbered on their own, as tshark's udp.stream). */
    public boolean udp;
    public long idleTimeoutNanos = ReassemblyLimits.FLOW_IDLE_TIMEOUT_NANOS;
    public int maxOpen = ReassemblyLimits.FLOW_MAX_OPEN;
    public int maxOpenFiles = ReassemblyLimits.defaultMaxOpenFiles();
    /** Folder of the per-flow files and index.json, or null to write nothing. */
    public Path output;
    /** Format of the per-flow files (json, ndjson, plist, tree, pcap, pcapng), or null for the index alone. */
    public String format;
    public DumpOptions dump = new DumpOptions();
    /**
     * Let the work on flows run on a thread of its own when nothing the frames' output shows
     * depends on it and the machine has two cores or more ({@link FlowHook#offThread}); the results
     * are the same either way.
     */
    public boolean thread = true;

    public FlowOptions udp(boolean u) {
        this.udp = u;
        return this;
    }

    public FlowOptions idleTimeoutNanos(long t) {
        if (t <= 0) throw new IllegalArgumentException("idle timeout must be positive: " + t);
        this.idleTimeoutNanos = t;
        return this;
    }

    public FlowOptions maxOpen(int n) {
        if (n <= 0) throw new IllegalArgumentException("maxOpen must be positive: " + n);
        this.maxOpen = n;
        return this;
    }

    public FlowOptions maxOpenFiles(int n) {
        if (n <= 0) throw new IllegalArgumentException("maxOpenFiles must be positive: " + n);
        this.maxOpenFiles = n;
        return this;
    }

    /** Writes {@code index.json} (and, with a format, the per-flow files) into {@code dir}. */
    public FlowOptions output(Path dir) {
        this.output = dir;
        return this;
    }

    /** Per-flow file format; null for none. */
    public FlowOptions format(String f) {
        if (f != null) {
            f = f.toLowerCase(Locale.ROOT);
            if (!Dumpers.FORMATS.contains(f)) {
                throw new IllegalArgumentException("unknown trace format '" + f + "' (formats: " + String.join(", ", Dumpers.FORMATS) + ")");
            }
        }
        this.format = f;
        return this;
    }

    public FlowOptions thread(boolean t) {
        this.thread = t;
        return this;
    }

    public FlowOptions dump(DumpOptions d) {
        this.dump = d == null ? new DumpOptions() : d;
        return this;
    }

    public FlowOptions copy() {
        FlowOptions o = new FlowOptions();
        o.udp = udp;
        o.idleTimeoutNanos = idleTimeoutNanos;
        o.maxOpen = maxOpen;
        o.maxOpenFiles = maxOpenFiles;
        o.output = output;
        o.format = format;
        o.dump = dump;
        o.thread = thread;
        return o;
    }
}
