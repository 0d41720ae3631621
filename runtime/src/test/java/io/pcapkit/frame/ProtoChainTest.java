package io.pcapkit.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.LayerHooks;
import io.pcapkit.flow.FlowHook;
import io.pcapkit.flow.FlowOptions;
import io.pcapkit.reassembly.AppStreams;
import io.pcapkit.reassembly.DefragOptions;
import io.pcapkit.reassembly.IpDefragHook;
import io.pcapkit.reassembly.StreamOptions;
import io.pcapkit.reassembly.TcpStreams;
import io.pcapkit.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Frame API's protocol chain names what the chain string names, frame for frame: malformed
 * layers where they failed, transparent layers left out, Raw at the end.
 */
class ProtoChainTest {
    @Test
    void namesTheLayersTheChainStringNames() throws IOException {
        List<Path> captures;
        try (Stream<Path> s = Files.list(Corpus.repoRoot().resolve("testdata/crafted"))) {
            captures = s.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
        }
        int frames = 0;
        int malformedThenMore = 0;
        int raw = 0;
        for (Path capture : captures) {
            // with TCP reassembly, as extract runs it: a malformed message then the next one in a frame
            Dissector d = new Dissector().hook(LayerHooks.of(new IpDefragHook(new DefragOptions(), true, true, null),
                    new FlowHook(new FlowOptions(), new TcpStreams(new StreamOptions()), new AppStreams(new StreamOptions()))));
            try (CaptureReader r = CaptureInput.open(capture)) {
                PacketRecord rec = new PacketRecord();
                while (r.next(rec)) {
                    Chain c = d.dissect(rec, null);
                    ProtoChain p = ProtoChain.of(c);
                    assertEquals(c.toString(), String.join(":", p.names()), capture.getFileName() + " frame " + rec.number);
                    frames++;
                    if (c.malformedLayers() > 0 && !c.endsMalformed()) malformedThenMore++;
                    if (c.showsRaw()) raw++;
                }
            }
        }
        assertTrue(frames > 400, "frames compared: " + frames);
        assertTrue(raw > 0 && malformedThenMore > 0, "raw " + raw + ", a malformed layer before others " + malformedThenMore);
    }
}
