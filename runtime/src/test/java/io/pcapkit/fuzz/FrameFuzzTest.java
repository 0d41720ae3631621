package io.pcapkit.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.LayerType;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.frame.InfoBuilder;

/**
 * Whole frames, per link type: the input's first two bytes name a link type of the generated
 * linktype table (see {@link Entry}), the rest is one frame of it, dissected as the extractor
 * does (the frame record materialised), with and without a layer threshold.
 */
class FrameFuzzTest {
    private static final DissectOptions TO_INTERNET = new DissectOptions().layer(LayerType.INTERNET);
    private final InfoBuilder sink = new InfoBuilder(true);

    @FuzzTest
    void everyLinkType(byte[] data) {
        Entry e = Entry.linkType(data);
        PacketRecord r = Roots.record(data, e.from(), data.length - e.from(), e.linkType());
        // a new dissector per run: each starts with no flow state (see Roots#dissector)
        Chain full = new Dissector().dissect(r, sink).snapshot();
        Checks.chain(full, r.capLen);
        Checks.check(sink.frame() != null && sink.frame().get("protocols") != null, "no frame record");
        Chain streamed = new Dissector().dissect(r.buffer, r.offset, r.capLen, r.linkType, r, sink, true);
        Checks.sameChain("link type " + e.linkType() + ": decode vs streaming walk", full, streamed);

        // a threshold only cuts the chain short: the layers it keeps are the same
        Chain cut = new Dissector(TO_INTERNET).dissect(r, null);
        Checks.chain(cut, r.capLen);
        Checks.check(cut.size() <= full.size(), () -> "a threshold found more layers: " + Checks.describe(cut) + " vs " + Checks.describe(full));
        for (int i = 0; i < cut.size(); i++) {
            int k = i;
            Checks.check(cut.protocolId(i) == full.protocolId(i) && cut.headerEnd(i) == full.headerEnd(i),
                    () -> "a threshold changed layer " + k + ": " + Checks.describe(cut) + " vs " + Checks.describe(full));
        }
    }
}
