package io.pcapkit.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pcapkit.capture.CaptureException;
import io.pcapkit.capture.Problem;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus capture, cut at many offsets and with bytes flipped: reading and dissecting never
 * lets an exception escape, never hangs, and never loses or changes a frame that came before the
 * damage. Seeded, so a failure names a reproducible case.
 */
class CorpusSweepTest {
    /** Record boundaries tried per file (each ±1); files with more are sampled, seeded. */
    private static final int MAX_BOUNDARIES = 200;
    private static final int RANDOM_CUTS = 30;
    private static final int MUTATIONS = 300;
    private static final Duration PER_FILE = Duration.ofSeconds(60);

    static Stream<Corpus.Entry> captures() {
        return Corpus.manifest().stream().filter(e -> Files.isRegularFile(e.file()));
    }

    private static long seed(String name) {
        return name.hashCode() * 0x9E3779B97F4A7C15L;
    }

    /** Runs one case; anything thrown but an assertion becomes a failure naming the case. */
    private static Reading run(String what, byte[] data, Dissector d, java.util.function.Predicate<io.pcapkit.capture.PacketRecord> dissect,
            long openableFrom, long damageAt) {
        try {
            return Reading.read(data, d, dissect);
        } catch (CaptureException e) {
            if (damageAt >= openableFrom) fail(what + ": cannot be opened although its header is intact: " + e.getMessage());
            return null;
        } catch (AssertionError e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        } catch (Throwable e) {
            throw new AssertionError(what + ": escaped " + e, e);
        }
    }

    private static void assertPrefix(String what, Reading full, Reading got, int n) {
        assertTrue(got.frames.size() >= n, what + ": " + got.frames.size() + " frames, " + n + " expected before the damage");
        for (int i = 0; i < n; i++) {
            Reading.Frame a = full.frames.get(i);
            Reading.Frame b = got.frames.get(i);
            // the chain is compared where both runs dissected the frame
            if (b.chain() == null || a.chain() == null) b = new Reading.Frame(b.number(), b.fileOffset(), b.capLen(), b.origLen(), b.seconds(),
                    b.fraction(), b.interfaceId(), b.linkType(), b.bytesHash(), a.chain());
            if (!a.equals(b)) assertEquals(a, b, what + ": frame " + (i + 1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void cutsAndFlips(Corpus.Entry e) throws IOException {
        byte[] data = Files.readAllBytes(e.file());
        Layout layout = Layout.of(data);
        Dissector d = new Dissector();
        Reading full = run(e.name(), data, d, r -> true, 0, Long.MAX_VALUE);
        assertEquals(layout.packets().size(), full.frames.size(), e.name() + ": the framing oracle disagrees with the reader");
        assertTimeoutPreemptively(PER_FILE, () -> {
            cuts(e.name(), data, layout, full, d);
            flips(e.name(), data, layout, full, d);
        }, e.name());
    }

    private static void cuts(String name, byte[] data, Layout layout, Reading full, Dissector d) {
        Random rnd = new Random(seed(name));
        List<Long> bounds = new ArrayList<>(layout.boundaries());
        if (bounds.size() > MAX_BOUNDARIES) {
            java.util.Collections.shuffle(bounds, rnd);
            bounds = bounds.subList(0, MAX_BOUNDARIES);
        }
        TreeSet<Long> cuts = new TreeSet<>();
        for (long b : bounds) for (long c = b - 1; c <= b + 1; c++) if (c > 0 && c < data.length) cuts.add(c);
        for (int i = 0; i < RANDOM_CUTS; i++) cuts.add(1 + (long) rnd.nextInt(data.length - 1));
        long walked = layout.boundaries().isEmpty() ? 0 : layout.boundaries().last();
        for (long cut : cuts) {
            String what = name + " cut at " + cut;
            // the frames were dissected in the full run: reading alone is what a cut can change
            Reading r = run(what, Arrays.copyOf(data, (int) cut), d, x -> false, layout.firstStart(), cut);
            if (r == null) continue;
            int n = layout.packetsBefore(cut);
            assertEquals(n, r.frames.size(), what);
            assertPrefix(what, full, r, n);
            List<Problem> truncated = r.problems.stream().filter(p -> p.kind() == Problem.Kind.TRUNCATED).toList();
            long around = layout.blockAround(cut);
            if (around >= 0 && cut <= walked) {
                assertEquals(1, truncated.size(), what + ": " + r.problems);
                assertEquals(around, truncated.get(0).offset(), what + ": " + truncated.get(0));
            } else if (cut <= walked) {
                assertEquals(0, truncated.size(), what + ": " + r.problems);
            }
        }
    }

    /** A position to damage: anywhere, in a record header, or in the first bytes of a frame (its headers). */
    private static int target(Random rnd, byte[] data, Layout layout) {
        int kind = rnd.nextInt(3);
        if (kind == 0 || layout.packets().isEmpty()) return rnd.nextInt(data.length);
        long[] p = layout.packets().get(rnd.nextInt(layout.packets().size()));
        int at = kind == 1 ? (int) p[0] + rnd.nextInt(28) : (int) p[0] + 16 + rnd.nextInt(80);
        return Math.min(at, data.length - 1);
    }

    private static void flips(String name, byte[] data, Layout layout, Reading full, Dissector d) {
        Random rnd = new Random(~seed(name));
        java.util.Map<Long, Reading.Frame> original = new java.util.HashMap<>();
        for (Reading.Frame f : full.frames) original.put(f.fileOffset(), f);
        java.util.Map<Long, Long> recordEnd = new java.util.HashMap<>();
        for (long[] p : layout.packets()) recordEnd.put(p[0], p[1]);
        for (int m = 0; m < MUTATIONS; m++) {
            byte[] c = data.clone();
            int first = Integer.MAX_VALUE;
            TreeSet<Long> flipped = new TreeSet<>();
            StringBuilder what = new StringBuilder(name).append(" mutation ").append(m).append(':');
            int flips = 1 + rnd.nextInt(4);
            for (int k = 0; k < flips; k++) {
                int at = target(rnd, data, layout);
                int x = 1 + rnd.nextInt(255);
                c[at] ^= (byte) x;
                first = Math.min(first, at);
                flipped.add((long) at);
                what.append(' ').append(at).append("^=").append(x);
            }
            // frames wholly before the first damaged byte are read (and dissect) as in the full run;
            // so does a frame that sits where an original frame sat, with its length and link type,
            // and holds no damaged byte: only the others need dissecting
            int before = layout.packetsBefore(first);
            Reading r = run(what.toString(), c, d, rec -> {
                Reading.Frame o = original.get(rec.fileOffset);
                if (o == null || o.capLen() != rec.capLen || o.linkType() != rec.linkType) return true;
                Long hit = flipped.ceiling(rec.fileOffset);
                return hit != null && hit < recordEnd.get(rec.fileOffset);
            }, layout.firstStart(), first);
            if (r == null) continue;
            assertPrefix(what.toString(), full, r, before);
        }
    }
}
