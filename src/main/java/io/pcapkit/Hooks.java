package io.pcapkit;

import io.pcapkit.capture.CaptureReader;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.dissect.FrameSink;
import io.pcapkit.dissect.LayerHook;
import io.pcapkit.dissect.LayerHooks;
import io.pcapkit.flow.Flow;
import io.pcapkit.flow.FlowHook;
import io.pcapkit.flow.FlowListener;
import io.pcapkit.flow.FlowOptions;
import io.pcapkit.flow.TraceWriter;
import io.pcapkit.reassembly.AppStreams;
import io.pcapkit.reassembly.Datagram;
import io.pcapkit.reassembly.IpDefragHook;
import io.pcapkit.reassembly.Message;
import io.pcapkit.reassembly.MessageAssembler;
import io.pcapkit.reassembly.StreamListener;
import io.pcapkit.reassembly.TcpStreams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The reassembly and tracing of one run, put together from the options: IP defragmentation,
 * flows with their TCP streams, application messages and PyPCAPKit-style messages, the trace
 * writer; the results kept when asked; finished once at the end of the input.
 */
final class Hooks {
    final IpDefragHook ip;
    final FlowHook flows;
    final TcpStreams tcp;
    final AppStreams app;
    final TraceWriter trace;
    private final LayerHook hook;
    /** whether anything but the frames' output uses the reassembly (flows, callbacks, kept results) */
    final boolean observed;
    private final List<Datagram> datagrams;
    private final List<Message> messages;
    private final List<Flow> ended;
    private boolean finished;

    /**
     * @param trace  flow options when tracing (output folder, format), else null
     * @param onFlow receives each flow as it ends (may be null)
     * @param keep   keep every datagram, message and flow for the end of the run
     * @param extra  more listeners of flows and streams (a Follow)
     */
    Hooks(ReassembleOptions r, FlowOptions trace, Consumer<Flow> onFlow, boolean keep, CaptureReader reader, DissectOptions dissect,
            Object... extra) throws IOException {
        datagrams = keep ? new ArrayList<>() : null;
        messages = keep && r.tcp ? new ArrayList<>() : null;
        ended = keep ? new ArrayList<>() : null;
        Consumer<Datagram> dg = d -> {
            if (datagrams != null) datagrams.add(d);
            if (r.onDatagram != null) r.onDatagram.accept(d);
        };
        ip = r.ipv4 || r.ipv6 ? new IpDefragHook(r.defrag, r.ipv4, r.ipv6, dg) : null;
        boolean needFlows = r.tcp || trace != null || onFlow != null || extra.length > 0;
        if (needFlows) {
            tcp = r.tcp || hasStreamListener(extra) ? new TcpStreams(r.streams) : null;
            app = r.tcp && (dissect == null || dissect.reachesApplication()) ? new AppStreams(r.streams) : null;
            if (tcp != null && (messages != null || r.onMessage != null)) {
                tcp.listen(new MessageAssembler(m -> {
                    if (messages != null) messages.add(m);
                    if (r.onMessage != null) r.onMessage.accept(m);
                }));
            }
            for (Object x : extra) if (x instanceof StreamListener l && tcp != null) tcp.listen(l);
            FlowOptions fo = trace != null ? trace : new FlowOptions();
            flows = new FlowHook(fo, tcp, app);
            if (ended != null || onFlow != null) {
                flows.listen(new FlowListener() {
                    @Override
                    public void ended(Flow f) {
                        if (ended != null) ended.add(f);
                        if (onFlow != null) onFlow.accept(f);
                    }
                });
            }
            for (Object x : extra) if (x instanceof FlowListener l) flows.listen(l);
            this.trace = trace != null && trace.output != null ? new TraceWriter(trace, reader, dissect) : null;
            if (this.trace != null) flows.listen(this.trace);
            // the flows' work beside the dissection, where the frames' output does not wait for it
            if (fo.thread && Runtime.getRuntime().availableProcessors() > 1) flows.offThread();
        } else {
            tcp = null;
            app = null;
            flows = null;
            this.trace = null;
        }
        hook = LayerHooks.of(ip, flows);
        observed = flows != null || keep || r.onDatagram != null;
    }

    private static boolean hasStreamListener(Object[] extra) {
        for (Object x : extra) if (x instanceof StreamListener) return true;
        return false;
    }

    LayerHook hook() {
        return hook;
    }

    /**
     * Where a run without output of its own dissects the next frame: the trace's, so that its
     * per-flow files take the frame as the run made it ({@link TraceWriter#runSink}), or null.
     */
    FrameSink runSink() {
        return trace == null ? null : trace.runSink();
    }

    /** The input ended: datagrams and flows still open end, the trace is written out. Idempotent. */
    void finish() {
        if (finished) return;
        finished = true;
        if (ip != null) ip.finish();
        if (flows != null) flows.finish();
    }

    /** Closes the trace (without finishing: for a run abandoned before its end). */
    void close() throws IOException {
        if (flows != null) flows.drain(); // the flow thread's last events reach the trace before it closes
        if (trace != null) trace.close();
    }

    List<Datagram> datagrams() {
        if (datagrams == null) throw new IllegalStateException("results are kept with store(true)");
        return Collections.unmodifiableList(datagrams);
    }

    List<Message> messages() {
        if (messages == null) throw new IllegalStateException("messages are kept with store(true) and TCP reassembly on");
        return Collections.unmodifiableList(messages);
    }

    List<Flow> flows() {
        if (ended == null) throw new IllegalStateException("results are kept with store(true)");
        return Collections.unmodifiableList(ended);
    }

}
