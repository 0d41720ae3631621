package io.pcapkit.reassembly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.reassembly.Frags.Frag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Datagrams that end unseen (incomplete, and nobody asked for incomplete ones) leave their records
 * for the next datagrams: what completes, and the counts, are the same as when every datagram is
 * kept to be seen ({@code includeIncomplete}, under which nothing is reused).
 */
class DefragRecyclingTest {
    /** A completed datagram as the listener saw it. */
    private record Seen(long id, List<Long> frames, String anomalies, byte[] header, byte[] payload) {
    }

    private static List<Seen> run(List<Object[]> feed, DefragOptions o, boolean reuses) {
        List<Seen> out = new ArrayList<>();
        Defragmenter d = new Defragmenter(o, null);
        for (Object[] f : feed) {
            Datagram g = Frags.offer(d, (Frag) f[0], (int) f[1], (long) f[2], (long) f[3]);
            if (g != null) out.add(new Seen(g.id(), Arrays.stream(g.frames()).boxed().toList(), g.anomalies().toString(), g.header(), g.payload()));
        }
        d.finish();
        assertEquals(reuses, d.reusedForTest() > 0, "records reused: " + d.reusedForTest());
        DefragStats s = d.stats();
        out.add(new Seen(-1, List.of(s.fragments(), s.completed(), s.timedOut(), s.evicted(), s.dropped(), s.incompleteAtEnd(), s.peakDatagrams(),
                s.peakMemory()), Arrays.toString(s.anomalies), null, null));
        return out;
    }

    /**
     * Datagrams of two to six fragments, some never finished, sent out of order with duplicates,
     * overlaps with other bytes and now and then a jump past the timeout; ids collide.
     */
    private static List<Object[]> feed(SplittableRandom rnd) {
        List<Object[]> feed = new ArrayList<>();
        long frame = 0;
        long second = 0;
        for (int datagram = 0; datagram < 3000; datagram++) {
            int id = rnd.nextInt(500);
            int pieces = 2 + rnd.nextInt(5);
            List<Frag> frags = new ArrayList<>();
            for (int i = 0; i < pieces; i++) {
                int len = 8 * (1 + rnd.nextInt(6));
                frags.add(Frags.frag(i * 48, (char) ('a' + rnd.nextInt(26)), i == pieces - 1 ? len : 48, i < pieces - 1));
            }
            if (rnd.nextInt(3) == 0) frags.remove(rnd.nextInt(frags.size())); // never completes
            if (rnd.nextInt(6) == 0) frags.add(frags.get(rnd.nextInt(frags.size()))); // a duplicate
            if (rnd.nextInt(8) == 0) frags.add(Frags.frag(8 * rnd.nextInt(12), (char) ('A' + rnd.nextInt(26)), 16, true)); // an overlap
            java.util.Collections.shuffle(frags, new java.util.Random(rnd.nextLong()));
            if (rnd.nextInt(50) == 0) second += 40; // past the timeout
            for (Frag f : frags) feed.add(new Object[] {f, id, ++frame, second});
        }
        return feed;
    }

    @Test
    void reusedRecordsCompleteWhatNewOnesComplete() {
        SplittableRandom rnd = new SplittableRandom(27);
        int completed = 0;
        for (OverlapPolicy policy : OverlapPolicy.values()) {
            for (int maxDatagrams : new int[] {3, 64, 4096}) {
                List<Object[]> feed = feed(rnd);
                DefragOptions o = new DefragOptions().policy(policy).maxDatagrams(maxDatagrams).maxMemoryBytes(maxDatagrams == 64 ? 4096 : 1 << 25);
                List<Seen> reusing = run(feed, o, true);
                List<Seen> keeping = run(feed, o.copy().includeIncomplete(true), false);
                String what = policy + ", " + maxDatagrams + " datagrams";
                assertEquals(keeping.size(), reusing.size(), what);
                for (int i = 0; i < keeping.size(); i++) {
                    Seen a = keeping.get(i);
                    Seen b = reusing.get(i);
                    assertEquals(a.id(), b.id(), what + ": datagram " + i);
                    assertEquals(a.frames(), b.frames(), what + ": datagram " + i);
                    assertEquals(a.anomalies(), b.anomalies(), what + ": datagram " + i);
                    assertArrayEquals(a.header(), b.header(), what + ": datagram " + i);
                    assertArrayEquals(a.payload(), b.payload(), what + ": datagram " + i);
                }
                completed += reusing.size() - 1;
            }
        }
        assertTrue(completed > 10_000, "datagrams compared: " + completed);
    }
}
