package io.pcapkit.conformance;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.capture.Problem;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.frame.InfoBuilder;
import io.pcapkit.frame.Info;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Every frame of a capture dissected into its {@link Info} record, and the reader's problems. */
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
        Dissector d = new Dissector(options);
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
