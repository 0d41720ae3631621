package io.pcapkit.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.frame.InfoBuilder;
import io.pcapkit.testing.Corpus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus frame dissected at every captured length from 0 to its own: never an exception;
 * the layers found are those of the whole frame, in the same places, and the chain either ends
 * where the bytes run out or in a malformed node for the very layer that comes next in the
 * whole frame, naming a field at an offset inside the frame.
 */
class TruncatedFramesTest {
    /** Frames of one layer structure dissected with field-collecting sinks at every length up to their last header. */
    private static final int SINK_FRAMES_PER_STRUCTURE = 3;

    static Stream<Corpus.Entry> captures() {
        return CorpusSweepTest.captures();
    }

    private static String structure(Chain c) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < c.size(); i++) b.append(c.protocolId(i)).append('@').append(c.start(i)).append('-').append(c.headerEnd(i)).append(' ');
        return b.append(c.isMalformed() ? "M" + c.malformedOffset() : "").toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void everyLength(Corpus.Entry e) throws IOException {
        Dissector d = new Dissector();
        InfoBuilder sink = new InfoBuilder();
        Set<String> seen = new HashSet<>();
        Map<String, Integer> perStructure = new HashMap<>();
        List<PacketRecord> frames = new ArrayList<>();
        try (CaptureReader r = CaptureInput.open(e.file())) {
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) {
                String key = rec.linkType + ":" + Arrays.hashCode(rec.bytes()) + ":" + rec.capLen;
                if (seen.add(key)) frames.add(rec.copy());
            }
        }
        for (PacketRecord f : frames) {
            Chain full = d.dissect(f, null).snapshot();
            int withSink = perStructure.merge(structure(full), 1, Integer::sum);
            // past the last header only the raw payload shrinks: the sinks see nothing new there
            int headers = full.size() == 0 ? 0 : full.headerEnd(full.size() - 1);
            for (int len = 0; len <= f.capLen; len++) {
                int n = len;
                java.util.function.Supplier<String> what = () -> e.name() + " frame " + f.number + " (" + full + ") cut to " + n + " bytes";
                try {
                    check(what, full, d.dissect(f.buffer, f.offset, len, f.linkType, f, null, false), len, f.capLen);
                    if (withSink <= SINK_FRAMES_PER_STRUCTURE && (len <= headers + 8 || len == f.capLen)) {
                        check(what, full, d.dissect(f.buffer, f.offset, len, f.linkType, f, sink, false), len, f.capLen);
                        assertTrue(sink.frame() != null, what);
                        check(() -> what.get() + " (streaming)", full, d.dissect(f.buffer, f.offset, len, f.linkType, f, sink, true), len, f.capLen);
                    }
                } catch (AssertionError x) {
                    throw x;
                } catch (Throwable x) {
                    throw new AssertionError(what.get() + ": escaped " + x, x);
                }
            }
        }
    }

    private static boolean endsInIpv4Raw(Chain c) {
        return c.size() > 0 && c.rawLength() > 0 && "ipv4".equals(io.pcapkit.gen.Protocols.get(c.protocolId(c.size() - 1)).grammar);
    }

    private static void check(java.util.function.Supplier<String> what, Chain full, Chain cut, int len, int capLen) {
        try {
            Reading.checkMalformed(cut, len);
        } catch (AssertionError x) {
            throw new AssertionError(what.get() + ": " + x.getMessage(), x);
        }
        // an IPv4 first fragment cut short is dissected on (tshark's rule: only a fragment with all
        // its bytes joins a reassembly), so there a cut may go deeper than the whole frame
        boolean cutFragment = endsInIpv4Raw(full) && (cut.size() > full.size() || cut.size() == full.size() && cut.isMalformed());
        assertTrue(cut.size() <= full.size() || cutFragment, () -> what.get() + ": more layers than the whole frame: " + cut);
        for (int i = 0; i < Math.min(cut.size(), full.size()); i++) {
            int k = i;
            if (full.protocolId(i) != cut.protocolId(i) || full.start(i) != cut.start(i)) {
                throw new AssertionError(what.get() + ": layer " + k + " differs: " + cut + " at " + cut.start(k));
            }
        }
        if (cut.isMalformed() && !cutFragment) {
            // the layer that failed is the one that follows in the whole frame (or failed there too);
            // by grammar: a variant's name (HTTP/1.0) comes from content, and a failed layer keeps its default
            int next = cut.size() < full.size() ? full.protocolId(cut.size()) : full.isMalformed() ? full.malformedProtocol().id : -1;
            assertEquals(next < 0 ? null : io.pcapkit.gen.Protocols.get(next).grammar, cut.malformedProtocol().grammar,
                    () -> what.get() + ": malformed " + cut.malformedProtocol() + " (" + cut.malformedReason() + ")");
        }
        if (len == capLen) {
            // whole again after all those cuts: the reused codecs kept nothing from them
            assertEquals(structure(full), structure(cut), what);
        }
    }
}
