package io.pcapkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.frame.InfoBuilder;
import io.pcapkit.frame.Info;
import io.pcapkit.testing.Corpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks the generator's fast codecs against the official Kaitai compiler: every frame of every
 * corpus capture is dissected with the fast codecs and with the Kaitai-backed reference codecs,
 * and the frame records must be equal. A malformed frame must at least fail in the same protocol
 * (the fast path names the exact field and offset; Kaitai's exceptions do not), and so must a
 * frame whose quoted datagram ends inside a layer.
 */
class FastVsReferenceTest {

    @Test
    void fastAndReferenceCodecsAgreeOnEveryCorpusFrame() throws IOException {
        List<String> diffs = new ArrayList<>();
        long frames = 0;
        long malformed = 0;
        for (Path file : captures()) {
            // with the decode-as rules tshark's oracle used (HTTP/2 on 8097), so those layers are compared too
            String extra = extraArgs(file);
            Dissected fast = Dissected.of(file, Dissected.optionsFor(extra, new DissectOptions()));
            Dissected ref = Dissected.of(file, Dissected.optionsFor(extra, new DissectOptions().reference(true)));
            String name = file.getFileName().toString();
            assertEquals(fast.frames().size(), ref.frames().size(), name + ": frame count");
            for (int i = 0; i < fast.frames().size(); i++) {
                frames++;
                Info a = fast.frames().get(i);
                Info b = ref.frames().get(i);
                String where = name + " frame " + (i + 1);
                if (isMalformed(a) || isMalformed(b)) {
                    malformed++;
                    Compare.sameFailure(where, a, b, diffs);
                } else if (isTruncated(a) || isTruncated(b)) {
                    Compare.sameTruncation(where, a, b, diffs);
                } else if (!a.equals(b)) {
                    diffs.add(where + ": " + Compare.firstDifference("", a, b));
                }
            }
        }
        System.out.printf("fast vs reference codecs: %d frames compared (%d malformed), %d differences%n", frames, malformed, diffs.size());
        if (!diffs.isEmpty()) fail(diffs.size() + " frames differ between the fast and the reference codecs:\n  "
                + String.join("\n  ", diffs.subList(0, Math.min(40, diffs.size()))));
    }

    /**
     * The same comparison on damaged frames, where the codecs' bounds checks and failure paths
     * are exercised: each of the first frames of every capture is cut at several lengths and has
     * header bytes replaced (a fixed seed, so a failure reproduces).
     */
    @Test
    void fastAndReferenceCodecsAgreeOnDamagedFrames() throws IOException {
        List<String> diffs = new ArrayList<>();
        java.util.Random rnd = new java.util.Random(0x5eed);
        // every decode-as rule of the manifest, so layers reached only through one (HTTP/2) are damaged too
        StringBuilder rules = new StringBuilder();
        for (Corpus.Entry e : Corpus.manifest()) if (e.get("tshark_extra_args") != null) rules.append(' ').append(e.get("tshark_extra_args"));
        Dissector fast = new Dissector(Dissected.optionsFor(rules.toString(), new DissectOptions()));
        Dissector ref = new Dissector(Dissected.optionsFor(rules.toString(), new DissectOptions().reference(true)));
        InfoBuilder fb = new InfoBuilder();
        InfoBuilder rb = new InfoBuilder();
        long variants = 0;
        long malformed = 0;
        for (Path file : captures()) {
            try (CaptureReader r = CaptureInput.open(file)) {
                PacketRecord rec = new PacketRecord();
                for (int n = 0; n < FRAMES_PER_CAPTURE && r.next(rec); n++) {
                    byte[] orig = rec.bytes();
                    for (int v = 0; v < VARIANTS_PER_FRAME; v++) {
                        byte[] b = orig.clone();
                        int len = b.length;
                        if (v % 2 == 0 && len > 0) {
                            len = rnd.nextInt(len); // cut
                        }
                        if (v > 0 && len > 0) {
                            // replace a few bytes in the first 80 (the headers)
                            for (int k = 0; k < 1 + rnd.nextInt(3); k++) b[rnd.nextInt(Math.min(len, 80))] = (byte) rnd.nextInt(256);
                        }
                        PacketRecord m = rec.copy();
                        m.buffer = java.nio.ByteBuffer.wrap(b);
                        m.capLen = len;
                        fast.dissect(m, fb);
                        ref.dissect(m, rb);
                        Info a = fb.frame();
                        Info c = rb.frame();
                        variants++;
                        String where = file.getFileName() + " frame " + rec.number + " variant " + v + " (" + hex(b, len) + ")";
                        if (isMalformed(a) || isMalformed(c)) {
                            malformed++;
                            Compare.sameFailure(where, a, c, diffs);
                        } else if (isTruncated(a) || isTruncated(c)) {
                            Compare.sameTruncation(where, a, c, diffs);
                        } else if (!a.equals(c)) {
                            diffs.add(where + ": " + Compare.firstDifference("", a, c));
                        }
                    }
                }
            }
        }
        System.out.printf("fast vs reference codecs on damaged frames: %d variants (%d malformed), %d differences%n", variants, malformed,
                diffs.size());
        if (!diffs.isEmpty()) fail(diffs.size() + " damaged frames differ between the fast and the reference codecs:\n  "
                + String.join("\n  ", diffs.subList(0, Math.min(40, diffs.size()))));
    }

    private static String extraArgs(Path file) throws IOException {
        for (Corpus.Entry e : Corpus.manifest()) if (e.file().equals(file)) return e.get("tshark_extra_args");
        return ConformanceTest.craftedArgs(file);
    }

    /** The corpus and our crafted edge cases. */
    private static List<Path> captures() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Corpus.Entry e : Corpus.manifest()) out.add(e.file());
        out.addAll(ConformanceTest.craftedCaptures());
        return out;
    }

    private static final int FRAMES_PER_CAPTURE = 40;
    private static final int VARIANTS_PER_FRAME = 12;

    private static String hex(byte[] b, int len) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(len, 96); i++) s.append(String.format("%02x", b[i]));
        return s.append(len > 96 ? "..." : "").toString();
    }

    static boolean isMalformed(Info frame) {
        return new Layers(frame).failingIndex() >= 0;
    }

    /** A quoted datagram (an ICMP error's) ends inside a layer: not malformed, but shown only as far as it goes. */
    static boolean isTruncated(Info frame) {
        return new Layers(frame).firstOf("truncated") != null;
    }
}
