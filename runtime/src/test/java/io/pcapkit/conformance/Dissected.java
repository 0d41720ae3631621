package io.pcapkit.conformance;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.capture.Problem;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.frame.InfoBuilder;
import io.pcapkit.frame.Info;
import io.pcapkit.dissect.LayerHooks;
import io.pcapkit.flow.FlowHook;
import io.pcapkit.flow.FlowOptions;
import io.pcapkit.reassembly.AppStreams;
import io.pcapkit.reassembly.DefragOptions;
import io.pcapkit.reassembly.StreamOptions;
import io.pcapkit.reassembly.TcpStreams;
import io.pcapkit.reassembly.IpDefragHook;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every frame of a capture dissected into its {@link Info} record, and the reader's problems. IP
 * and TCP reassembly are on, as in tshark's two-pass output: the frame that completes a datagram
 * shows its transport layer, and the frame that completes an application message (an HTTP
 * message over several segments, a DNS message over TCP, an HTTP/2 frame) shows it.
 */
record Dissected(List<Info> frames, List<Problem> problems) {

    /**
     * The options tshark's oracle was made with: the manifest's {@code tshark_extra_args} carry
     * decode-as rules ({@code -d tcp.port==8097,http2}), applied to ours too.
     */
    static DissectOptions optionsFor(String extraArgs, DissectOptions options) {
        if (extraArgs == null || extraArgs.isBlank() || extraArgs.equals("-")) return options;
        String[] a = extraArgs.trim().split("\\s+");
        for (int i = 0; i < a.length; i++) {
            if (a[i].equals("-d") && i + 1 < a.length) io.pcapkit.dissect.DecodeAs.add(options, a[++i]);
        }
        return options;
    }

    static Dissected of(Path capture, DissectOptions options) throws IOException {
        StreamOptions so = new StreamOptions();
        FlowHook flows = new FlowHook(new FlowOptions(), new TcpStreams(so), new AppStreams(so));
        Dissector d = new Dissector(options).hook(LayerHooks.of(new IpDefragHook(new DefragOptions(), true, true, null), flows));
        InfoBuilder b = new InfoBuilder();
        List<Info> frames = new ArrayList<>();
        try (CaptureReader r = CaptureInput.open(capture)) {
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) {
                d.dissect(rec, b);
                frames.add(b.frame());
            }
            return new Dissected(frames, List.copyOf(r.problems()));
        }
    }
}
