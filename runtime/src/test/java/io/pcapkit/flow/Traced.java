package io.pcapkit.flow;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.LayerHooks;
import io.pcapkit.reassembly.AppStreams;
import io.pcapkit.reassembly.DefragOptions;
import io.pcapkit.reassembly.IpDefragHook;
import io.pcapkit.reassembly.StreamListener;
import io.pcapkit.reassembly.StreamOptions;
import io.pcapkit.reassembly.TcpStreams;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A capture run through IP reassembly, flows and TCP streams, as extract --reassemble ip,tcp --trace does. */
final class Traced {
    final List<Flow> flows = new ArrayList<>();
    final FlowHook hook;
    final Dissector dissector;

    Traced(FlowOptions o, StreamListener... listeners) {
        TcpStreams tcp = new TcpStreams(new StreamOptions());
        for (StreamListener l : listeners) tcp.listen(l);
        hook = new FlowHook(o, tcp, new AppStreams(new StreamOptions()));
        hook.listen(new FlowListener() {
            @Override
            public void ended(Flow f) {
                flows.add(f);
            }
        });
        dissector = new Dissector().hook(LayerHooks.of(new IpDefragHook(new DefragOptions(), true, true, null), hook));
    }

    static Traced run(Path capture, FlowOptions o, StreamListener... listeners) throws IOException {
        Traced t = new Traced(o, listeners);
        try (CaptureReader r = CaptureInput.open(capture)) {
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) t.dissector.dissect(rec, null);
        }
        t.hook.finish();
        t.flows.sort(Comparator.comparing((Flow f) -> f.isTcp()).thenComparingLong(Flow::id));
        if (t.dissector.hookFailures() != 0) throw new AssertionError(capture + ": the hooks threw " + t.dissector.hookFailures() + " times");
        return t;
    }

    /** The flows tshark numbers as {@code TCP} (tcp.stream) or {@code UDP} (udp.stream, with UDP-Lite's). */
    List<Flow> of(String numbering) {
        return flows.stream().filter(f -> f.isTcp() == numbering.equals("TCP")).toList();
    }
}
