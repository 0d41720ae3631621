package io.pcapkit.reassembly;

import static io.pcapkit.reassembly.Frags.frag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.reassembly.Frags.Frag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The overlap policies on the Shankar-Paxson / Novak test pattern (nine original fragments, then
 * eight that overlap them in every way: starting before, after, at the same offset, ending
 * before, after, at the same end), and on random fragment sets against a byte-by-byte reference.
 */
class OverlapPolicyTest {

    /**
     * The pattern, in arrival order (offsets and lengths in bytes; each fragment is filled with its
     * letter). A..I are the originals, J..Q overlap them; Q (the only one with MF clear) ends the
     * datagram at byte 192.
     */
    static List<Frag> novakPattern() {
        return List.of(
                frag(0, 'A', 24, true), frag(32, 'B', 16, true), frag(48, 'C', 24, true), frag(80, 'D', 8, true),
                frag(104, 'E', 16, true), frag(120, 'F', 24, true), frag(144, 'G', 16, true), frag(160, 'H', 16, true),
                frag(176, 'I', 8, true),
                frag(8, 'J', 32, true), frag(48, 'K', 24, true), frag(72, 'L', 24, true), frag(96, 'M', 24, true),
                frag(128, 'N', 8, true), frag(152, 'O', 8, true), frag(160, 'P', 8, true), frag(176, 'Q', 16, false));
    }

    /**
     * The expected datagram per policy, one letter per 8 bytes, derived by hand from the policy
     * definitions in {@link OverlapPolicy}. The contested 8-byte units are: 1-2 (A, then J), 4 (B,
     * J), 6-8 (C, K at the same offset and end), 10 (D inside L), 13-14 (E, M with the same end),
     * 16 (N inside F), 19 (O at G's end), 20 (P at H's start), 22 (I, Q at the same offset, Q longer).
     */
    static final Map<OverlapPolicy, String> EXPECTED = new EnumMap<>(Map.of(
            OverlapPolicy.FIRST, "AAAJBBCCCLDLMEEFFFGGHHIQ",
            OverlapPolicy.LAST, "AJJJJBKKKLLLMMMFNFGOPHQQ",
            OverlapPolicy.BSD, "AAAJJBCCCLLLMMMFFFGGHHIQ",
            OverlapPolicy.BSD_RIGHT, "AJJJBBCCCLLLMEEFFFGGHHQQ",
            OverlapPolicy.LINUX, "AAAJJBKKKLLLMMMFFFGGPHQQ",
            OverlapPolicy.WINDOWS, "AAAJBBCCCLLLMEEFFFGGHHIQ",
            OverlapPolicy.SOLARIS, "AAAJBBCCCLLLMMMFFFGGHHIQ"));

    private static String units(byte[] payload) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < payload.length; i += 8) {
            for (int k = 1; k < 8; k++) {
                if (payload[i] != payload[i + k]) throw new AssertionError("unit " + i / 8 + " mixes two fragments' bytes");
            }
            b.append((char) payload[i]);
        }
        return b.toString();
    }

    private static String expand(String units) {
        StringBuilder b = new StringBuilder();
        for (char c : units.toCharArray()) b.append(String.valueOf(c).repeat(8));
        return b.toString();
    }

    @Test
    void novakPatternGivesEachPolicysBytes() {
        for (Map.Entry<OverlapPolicy, String> e : EXPECTED.entrySet()) {
            Defragmenter d = new Defragmenter(new DefragOptions().policy(e.getKey()), null);
            Datagram done = null;
            List<Frag> pattern = novakPattern();
            for (int i = 0; i < pattern.size(); i++) {
                Datagram r = Frags.offer(d, pattern.get(i), 7, i + 1, 0);
                if (i < pattern.size() - 1) assertNull(r, e.getKey() + ": complete before Q");
                else done = r;
            }
            assertNotNull(done, e.getKey() + ": Q completes the datagram");
            assertEquals(192, done.length());
            assertEquals(e.getValue(), units(done.payload()), e.getKey().label);
            // and the byte-by-byte reference agrees with the hand derivation
            assertEquals(expand(e.getValue()), new String(reference(pattern, e.getKey()), StandardCharsets.US_ASCII), e.getKey().label);
            assertEquals(17, done.frames().length);
            assertTrue(done.anomalies().contains(Anomaly.OVERLAP));
            assertTrue(done.anomalies().contains(Anomaly.CONFLICTING_OVERLAP));
            // N inside F, O inside G, P inside H end before the fragment they lie in: teardrop shapes
            assertTrue(done.anomalies().contains(Anomaly.TEARDROP));
            assertEquals(0, d.inProgress());
            assertEquals(0, d.memory(), "a finished datagram releases its memory");
        }
    }

    @Test
    void dropOnOverlapAbandonsTheDatagram() {
        List<Datagram> ended = new ArrayList<>();
        Defragmenter d = new Defragmenter(new DefragOptions().policy(OverlapPolicy.DROP_ON_OVERLAP).includeIncomplete(true), ended::add);
        List<Frag> pattern = novakPattern();
        for (int i = 0; i < pattern.size(); i++) assertNull(Frags.offer(d, pattern.get(i), 7, i + 1, 0));
        assertEquals(0, d.stats().completed());
        assertTrue(d.stats().dropped() >= 1);
        Datagram first = ended.get(0);
        assertEquals(Datagram.End.DROPPED, first.end());
        assertTrue(first.anomalies().contains(Anomaly.DROPPED_ON_OVERLAP));
        // J (frame 10) overlapped A..B: the nine originals and J were thrown away together
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, first.frames());
    }

    @Test
    void dropOnOverlapKeepsExactDuplicates() {
        Defragmenter d = new Defragmenter(new DefragOptions().policy(OverlapPolicy.DROP_ON_OVERLAP), null);
        Frag a = frag(0, 'a', 16, true);
        Frag b = frag(16, 'b', 8, false);
        assertNull(Frags.offer(d, a, 1, 1, 0));
        assertNull(Frags.offer(d, a, 1, 2, 0));
        Datagram done = Frags.offer(d, b, 1, 3, 0);
        assertNotNull(done);
        assertEquals("aaaaaaaaaaaaaaaabbbbbbbb", new String(done.payload(), StandardCharsets.US_ASCII));
        assertTrue(done.anomalies().contains(Anomaly.DUPLICATE));
        assertTrue(!done.anomalies().contains(Anomaly.OVERLAP));
    }

    @Test
    void randomFragmentSetsMatchTheReference() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int round = 0; round < 600; round++) {
            int units = 2 + rnd.nextInt(20);
            List<Frag> frags = new ArrayList<>();
            // a cover of the whole datagram, so it completes, then overlapping extras
            int u = 0;
            char letter = 'a';
            while (u < units) {
                int n = 1 + rnd.nextInt(Math.min(4, units - u));
                frags.add(random(rnd, u * 8, n * 8, u + n < units, letter++));
                u += n;
            }
            int extras = rnd.nextInt(6);
            for (int x = 0; x < extras; x++) {
                int s = rnd.nextInt(units);
                int n = 1 + rnd.nextInt(units - s);
                // an extra may not end the datagram elsewhere: only the tail may have MF clear
                frags.add(random(rnd, s * 8, n * 8, s + n < units, letter++));
            }
            // arrival order: shuffled, but the datagram must not complete before the last fragment
            java.util.Collections.shuffle(frags, new java.util.Random(rnd.nextLong()));
            for (OverlapPolicy p : EXPECTED.keySet()) {
                Defragmenter d = new Defragmenter(new DefragOptions().policy(p), null);
                Datagram done = null;
                List<Frag> fed = new ArrayList<>();
                for (int i = 0; i < frags.size() && done == null; i++) {
                    fed.add(frags.get(i));
                    done = Frags.offer(d, frags.get(i), 1, i + 1, 0);
                }
                int r = round;
                assertNotNull(done, () -> "round " + r + " " + p);
                assertArrayEquals(reference(fed, p), done.payload(), () -> "round " + r + " " + p + " " + fed);
            }
        }
    }

    private static Frag random(SplittableRandom rnd, int offset, int len, boolean more, char letter) {
        byte[] d = new byte[len];
        for (int i = 0; i < len; i++) d[i] = (byte) (rnd.nextInt(4) == 0 ? letter : 'A' + rnd.nextInt(3));
        return new Frag(offset, d, more);
    }

    /**
     * The policy definitions applied literally, byte by byte: fragments in arrival order, a byte
     * changes hands when {@link OverlapPolicy#newWins} says the new fragment takes it from its holder.
     */
    static byte[] reference(List<Frag> frags, OverlapPolicy policy) {
        int total = 0;
        for (Frag f : frags) total = Math.max(total, f.end());
        byte[] out = new byte[total];
        Frag[] holder = new Frag[total];
        for (Frag f : frags) {
            for (int i = f.offset(); i < f.end(); i++) {
                Frag h = holder[i];
                if (h == null || policy.newWins(h.offset(), h.end(), f.offset(), f.end())) {
                    holder[i] = f;
                    out[i] = f.data()[i - f.offset()];
                }
            }
        }
        for (Frag h : holder) assertNotNull(h, () -> "the reference datagram has a hole: " + Arrays.toString(holder));
        return out;
    }
}
