package io.pcapkit.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.frame.Info;
import io.pcapkit.frame.InfoBuilder;

/**
 * Every grammar, reached by name from the generated protocol table (see {@link Entry}): the
 * input's first bytes pick a protocol, the rest is dissected from that layer on through the real
 * dispatch tables. A grammar added tomorrow is fuzzed by these targets with no Java written.
 */
class GrammarFuzzTest {
    private final InfoBuilder sink = new InfoBuilder();
    private final InfoBuilder sink2 = new InfoBuilder();

    /**
     * Decode alone, decode then emit, and the one-pass streaming walk must each give a
     * well-formed chain (a result or a malformed node) and the same one.
     */
    @FuzzTest
    void everyGrammar(byte[] data) {
        Entry e = Entry.protocol(data);
        PacketRecord r = Roots.record(data, e.from(), data.length - e.from(), Roots.linkType(e.protocol()));
        Chain bare = Roots.dissect(Roots.dissector(false), r, null, false).snapshot();
        Checks.chain(bare, r.capLen);
        Chain emitted = Roots.dissect(Roots.dissector(false), r, sink, false).snapshot();
        Checks.check(sink.frame() != null, "no frame record");
        Checks.sameChain(e.protocol() + ": decode vs decode and emit", bare, emitted);
        Chain streamed = Roots.dissect(Roots.dissector(false), r, sink, true);
        Checks.check(sink.frame() != null, "no frame record (streaming)");
        Checks.sameChain(e.protocol() + ": decode vs streaming walk", bare, streamed);
    }

    /**
     * The generator's fast codecs against the Kaitai-backed reference codecs (the official
     * compiler's parsers): on input both accept, the same layers and the same fields; on input
     * one rejects, the other rejects it too, in the same layer. The fast codec names the exact
     * field and offset; Kaitai's parse is all or nothing, so failures (and a quoted datagram that
     * ends inside a layer) compare by protocol.
     */
    @FuzzTest
    void fastMatchesReference(byte[] data) {
        Entry e = Entry.protocol(data);
        PacketRecord r = Roots.record(data, e.from(), data.length - e.from(), Roots.linkType(e.protocol()));
        Chain a = Roots.dissect(Roots.dissector(false), r, sink, false).snapshot();
        Chain b = Roots.dissect(Roots.dissector(true), r, sink2, false);
        Checks.chain(a, r.capLen);
        Checks.chain(b, r.capLen);
        java.util.function.Supplier<String> what = () -> e.protocol() + ": fast " + Checks.describe(a) + " (" + a.malformedReason() + "), reference "
                + Checks.describe(b) + " (" + b.malformedReason() + ")";
        Checks.check(a.isMalformed() == b.isMalformed() && a.size() == b.size(), what);
        for (int i = 0; i < a.size(); i++) {
            Checks.check(a.protocolId(i) == b.protocolId(i) && a.start(i) == b.start(i) && a.headerEnd(i) == b.headerEnd(i)
                    && a.payloadEnd(i) == b.payloadEnd(i), what);
        }
        Checks.check(a.isTruncated() == b.isTruncated() && a.truncatedProtocol() == b.truncatedProtocol(), what);
        if (a.isMalformed()) {
            Checks.check(a.malformedProtocol() == b.malformedProtocol(), what);
        } else if (a.isTruncated()) {
            // a quoted datagram that ends inside a layer shows that layer as far as it goes: the
            // fast codec up to the cut field, Kaitai's all-or-nothing parse nothing of it; they
            // agree on the layers and where the quote ends, compared above
        } else {
            Checks.check(a.rawStart() == b.rawStart() && a.rawLength() == b.rawLength(), what);
            Info x = sink.frame();
            Info y = sink2.frame();
            Checks.check(x.equals(y), () -> what.get() + ": fields differ:\n  fast      " + x + "\n  reference " + y);
        }
    }
}
