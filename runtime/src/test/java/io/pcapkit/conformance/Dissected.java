package io.pcapkit.conformance;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.capture.Problem;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.frame.InfoBuilder;
import io.pcapkit.frame.Info;
import io.pcapkit.reassembly.DefragOptions;
import io.pcapkit.reassembly.IpDefragHook;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every frame of a capture dissected into its {@link Info} record, and the reader's problems. IP
 * reassembly is on, as in {@code extract} and in tshark's two-pass output: the frame that completes
 * a datagram shows its transport layer.
 */
record Dissected(List<Info> frames, List<Problem> problems) {

    static Dissected of(Path capture, DissectOptions options) throws IOException {
        Dissector d = new Dissector(options).hook(new IpDefragHook(new DefragOptions(), true, true, null));
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
