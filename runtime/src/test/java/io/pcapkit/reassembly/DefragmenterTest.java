package io.pcapkit.reassembly;

import static io.pcapkit.reassembly.Frags.frag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.reassembly.Frags.Frag;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The defragmenter's hole bookkeeping, anomalies and limits, on crafted fragments. */
class DefragmenterTest {
    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    void completesInTheFrameOfTheLastMissingFragmentWhateverTheOrder() {
        Frag a = frag(0, 'a', 16, true);
        Frag b = frag(16, 'b', 16, true);
        Frag c = frag(32, 'c', 5, false);
        Defragmenter d = new Defragmenter(new DefragOptions(), null);
        assertNull(Frags.offer(d, c, 9, 1, 0));
        assertNull(Frags.offer(d, a, 9, 2, 0));
        Datagram done = Frags.offer(d, b, 9, 3, 0);
        assertNotNull(done);
        assertEquals("aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbccccc", text(done.payload()));
        assertArrayEquals(new long[] {1, 2, 3}, done.frames());
        assertEquals(3, done.completedIn());
        assertTrue(done.anomalies().isEmpty());
        assertEquals(4, done.version());
        assertEquals("192.0.2.1", done.srcText());
        assertEquals(9, done.id());
        assertEquals(17, done.protocol());
        assertEquals(20, done.header().length, "the header of the fragment at offset 0");
        assertEquals(0, d.inProgress());
    }

    @Test
    void datagramsAreKeyedByAddressesIdAndProtocol() {
        Defragmenter d = new Defragmenter(new DefragOptions(), null);
        assertNull(Frags.offer(d, frag(0, 'x', 8, true), 1, 1, 0));
        // same id, other datagram: its tail does not complete the first
        assertNull(Frags.offer(d, frag(8, 'y', 8, false), 2, 2, 0));
        assertEquals(2, d.inProgress());
        assertNotNull(Frags.offer(d, frag(8, 'z', 8, false), 1, 3, 0));
    }

    @Test
    void duplicatesAreReportedAndCompleteOnce() {
        Defragmenter d = new Defragmenter(new DefragOptions(), null);
        Frag a = frag(0, 'a', 8, true);
        Frag b = frag(8, 'b', 8, false);
        assertNull(Frags.offer(d, a, 1, 1, 0));
        assertNull(Frags.offer(d, a, 1, 2, 0));
        Datagram done = Frags.offer(d, b, 1, 3, 0);
        assertEquals("aaaaaaaabbbbbbbb", text(done.payload()));
        assertTrue(done.anomalies().contains(Anomaly.DUPLICATE));
        assertFalse(done.anomalies().contains(Anomaly.OVERLAP));
        assertFalse(done.anomalies().contains(Anomaly.CONFLICTING_OVERLAP));
        assertArrayEquals(new long[] {1, 2, 3}, done.frames());
        // a late duplicate of the tail starts a new datagram that never completes (tshark shows it as data)
        assertNull(Frags.offer(d, b, 1, 4, 0));
        assertEquals(1, d.inProgress());
    }

    @Test
    void aDuplicateWithOtherBytesIsAConflict() {
        Defragmenter d = new Defragmenter(new DefragOptions().policy(OverlapPolicy.LAST), null);
        assertNull(Frags.offer(d, frag(0, 'a', 8, true), 1, 1, 0));
        assertNull(Frags.offer(d, frag(0, 'A', 8, true), 1, 2, 0));
        Datagram done = Frags.offer(d, frag(8, 'b', 8, false), 1, 3, 0);
        assertEquals("AAAAAAAAbbbbbbbb", text(done.payload()));
        assertTrue(done.anomalies().contains(Anomaly.DUPLICATE));
        assertTrue(done.anomalies().contains(Anomaly.CONFLICTING_OVERLAP));
    }

    @Test
    void teardropIsReportedAndEndsTheDatagramWhenItsEndsDisagree() {
        // 1997's teardrop: the second fragment starts inside the first and ends before it
        List<Datagram> ended = new ArrayList<>();
        Defragmenter d = new Defragmenter(new DefragOptions().includeIncomplete(true), ended::add);
        assertNull(Frags.offer(d, frag(0, 'a', 36, true), 1, 1, 0));
        assertNull(Frags.offer(d, frag(24, 'b', 4, false), 1, 2, 0));
        assertEquals(1, ended.size());
        Datagram t = ended.get(0);
        assertEquals(Datagram.End.DROPPED, t.end());
        assertTrue(t.anomalies().contains(Anomaly.TEARDROP), t.anomalies().toString());
        assertTrue(t.anomalies().contains(Anomaly.INCONSISTENT_END));
        assertEquals(1, d.stats().anomalies().get(Anomaly.TEARDROP));
        // the same shape with MF set is reported and the datagram goes on
        assertNull(Frags.offer(d, frag(0, 'a', 32, true), 2, 3, 0));
        assertNull(Frags.offer(d, frag(8, 'b', 8, true), 2, 4, 0));
        Datagram done = Frags.offer(d, frag(32, 'c', 8, false), 2, 5, 0);
        assertTrue(done.anomalies().contains(Anomaly.TEARDROP));
        assertEquals("a".repeat(32) + "c".repeat(8), text(done.payload()), "bsd: the earlier fragment at the lower offset keeps its bytes");
    }

    @Test
    void oversizeDatagramsAreDropped() {
        List<Datagram> ended = new ArrayList<>();
        Defragmenter d = new Defragmenter(new DefragOptions().includeIncomplete(true), ended::add);
        assertNull(Frags.offer(d, frag(0, 'a', 8, true), 1, 1, 0));
        // 20 + 65,520 + 16 > 65,535: the ping of death
        assertNull(Frags.offer(d, frag(65520, 'z', 16, false), 1, 2, 0));
        assertEquals(Datagram.End.DROPPED, ended.get(0).end());
        assertTrue(ended.get(0).anomalies().contains(Anomaly.OVERSIZE));
        assertEquals(0, d.inProgress());
        assertEquals(0, d.memory());
    }

    @Test
    void tooManyFragmentsDropTheDatagram() {
        List<Datagram> ended = new ArrayList<>();
        Defragmenter d = new Defragmenter(new DefragOptions().maxFragments(4).includeIncomplete(true), ended::add);
        for (int i = 0; i < 5; i++) assertNull(Frags.offer(d, frag(8 * i, 'a', 8, true), 1, i + 1, 0));
        assertEquals(1, ended.size());
        assertTrue(ended.get(0).anomalies().contains(Anomaly.TOO_MANY_FRAGMENTS));
        assertEquals(5, ended.get(0).frames().length);
        assertEquals(1, d.stats().dropped());
    }

    @Test
    void timeoutIsInCaptureTimeFromTheFirstFragment() {
        List<Datagram> ended = new ArrayList<>();
        Defragmenter d = new Defragmenter(new DefragOptions().includeIncomplete(true), ended::add);
        assertNull(Frags.offer(d, frag(0, 'a', 8, true), 1, 1, 100));
        assertNull(Frags.offer(d, frag(16, 'c', 8, false), 1, 2, 129));
        assertTrue(ended.isEmpty(), "29 s: still waiting");
        // fragments of another datagram more than 30 s after the first one's first fragment end it
        // (once a second frame confirms the time: one wild timestamp must not expire everything)
        assertNull(Frags.offer(d, frag(0, 'x', 8, true), 2, 3, 131));
        assertTrue(ended.isEmpty());
        assertNull(Frags.offer(d, frag(8, 'x', 8, true), 2, 4, 131));
        assertEquals(1, ended.size());
        Datagram t = ended.get(0);
        assertEquals(Datagram.End.TIMED_OUT, t.end());
        assertTrue(t.anomalies().contains(Anomaly.TIMEOUT));
        assertNull(t.payload());
        assertEquals(2, t.runs().size(), "the bytes received, as runs");
        assertEquals(16, t.runs().get(1).start());
        assertEquals(1, d.stats().timedOut());
        // the missing middle comes too late: a new datagram
        assertNull(Frags.offer(d, frag(8, 'b', 8, true), 1, 5, 131));
        assertEquals(2, d.inProgress());
    }

    @Test
    void oneWildTimestampDoesNotExpireEverything() {
        List<Datagram> ended = new ArrayList<>();
        Defragmenter d = new Defragmenter(new DefragOptions().includeIncomplete(true), ended::add);
        assertNull(Frags.offer(d, frag(0, 'a', 8, true), 1, 1, 1_422_527_998L));
        // a frame dated 2061 among frames of 2015 (as in the corpus' ppp_pcapng-example.pcapng)
        assertNull(Frags.offer(d, frag(0, 'z', 8, true), 2, 2, 2_894_531_997L));
        assertNull(Frags.offer(d, frag(0, 'y', 8, true), 3, 3, 1_422_527_999L));
        assertTrue(ended.isEmpty());
        assertNotNull(Frags.offer(d, frag(8, 'b', 8, false), 1, 4, 1_422_528_000L));
    }

    @Test
    void incompleteDatagramsAreHiddenUnlessAskedFor() {
        List<Datagram> seen = new ArrayList<>();
        Defragmenter d = new Defragmenter(new DefragOptions(), seen::add);
        assertNull(Frags.offer(d, frag(0, 'a', 8, true), 1, 1, 0));
        assertTrue(d.finish().isEmpty());
        assertTrue(seen.isEmpty());
        assertEquals(1, d.stats().incompleteAtEnd());
        Defragmenter e = new Defragmenter(new DefragOptions().includeIncomplete(true), seen::add);
        assertNull(Frags.offer(e, frag(0, 'a', 8, true), 1, 1, 0));
        List<Datagram> left = e.finish();
        assertEquals(1, left.size());
        assertEquals(Datagram.End.INCOMPLETE, left.get(0).end());
        assertEquals(left, seen);
    }

    @Test
    void theOldestDatagramIsEvictedAtTheLimit() {
        List<Datagram> ended = new ArrayList<>();
        Defragmenter d = new Defragmenter(new DefragOptions().maxDatagrams(2).includeIncomplete(true), ended::add);
        for (int id = 1; id <= 3; id++) assertNull(Frags.offer(d, frag(0, 'a', 8, true), id, id, 0));
        assertEquals(2, d.inProgress());
        assertEquals(1, ended.size());
        assertEquals(1, ended.get(0).id());
        assertEquals(Datagram.End.EVICTED, ended.get(0).end());
        assertTrue(ended.get(0).anomalies().contains(Anomaly.EVICTED));
        // the survivors still complete
        assertNotNull(Frags.offer(d, frag(8, 'b', 8, false), 3, 4, 0));
    }

    @Test
    void theMemoryCapEvictsOldestFirst() {
        List<Datagram> ended = new ArrayList<>();
        long cap = 3 * (1000 + ReassemblyLimits.DEFRAG_FRAGMENT_OVERHEAD) + 3 * 20;
        Defragmenter d = new Defragmenter(new DefragOptions().maxMemoryBytes(cap).includeIncomplete(true), ended::add);
        for (int id = 1; id <= 5; id++) {
            assertNull(Frags.offer(d, frag(0, 'a', 1000, true), id, id, 0));
            assertTrue(d.memory() <= cap, "memory " + d.memory() + " over the cap " + cap);
        }
        assertEquals(3, d.inProgress());
        assertEquals(List.of(1L, 2L), ended.stream().map(Datagram::id).toList());
        // a datagram alone over the cap is evicted itself
        Defragmenter small = new Defragmenter(new DefragOptions().maxMemoryBytes(100).includeIncomplete(true), ended::add);
        assertNull(Frags.offer(small, frag(0, 'a', 200, true), 9, 9, 0));
        assertEquals(0, small.memory());
        assertEquals(Datagram.End.EVICTED, ended.get(ended.size() - 1).end());
    }

    @Test
    void twoDifferentEndsAreInconsistent() {
        List<Datagram> ended = new ArrayList<>();
        Defragmenter d = new Defragmenter(new DefragOptions().includeIncomplete(true), ended::add);
        assertNull(Frags.offer(d, frag(8, 'b', 8, false), 1, 1, 0));
        assertNull(Frags.offer(d, frag(16, 'c', 8, false), 1, 2, 0));
        assertTrue(ended.get(0).anomalies().contains(Anomaly.INCONSISTENT_END));
        // data past a known end
        assertNull(Frags.offer(d, frag(8, 'b', 8, false), 2, 3, 0));
        assertNull(Frags.offer(d, frag(16, 'c', 8, true), 2, 4, 0));
        assertTrue(ended.get(1).anomalies().contains(Anomaly.INCONSISTENT_END));
    }

    @Test
    void aFragmentCutByTheSnapLengthLeavesAHole() {
        Defragmenter d = new Defragmenter(new DefragOptions().includeIncomplete(true), null);
        // the IPv4 header says 16 bytes of data; only 10 were captured
        byte[] p = Frags.ipv4(frag(0, 'a', 16, true), 5);
        assertNull(d.offer(Frags.IPV4, ByteBuffer.wrap(p), 0, 20, 30, 0, 1, 0));
        byte[] q = Frags.ipv4(frag(16, 'b', 8, false), 5);
        assertNull(d.offer(Frags.IPV4, ByteBuffer.wrap(q), 0, 20, q.length, 0, 2, 0), "bytes 10-15 are missing");
        List<Datagram> left = d.finish();
        assertEquals(2, left.get(0).runs().size());
    }

    @Test
    void zeroLengthLastFragmentEndsTheDatagram() {
        Defragmenter d = new Defragmenter(new DefragOptions(), null);
        assertNull(Frags.offer(d, frag(0, 'a', 16, true), 1, 1, 0));
        Datagram done = Frags.offer(d, new Frag(16, new byte[0], false), 1, 2, 0);
        assertNotNull(done);
        assertEquals(16, done.length());
    }

    @Test
    void aFloodOfFragmentsThatNeverCompleteStaysUnderTheCaps() {
        // every fragment starts a datagram that never completes: the state stays bounded by the
        // limits, the oldest are evicted and counted (the million-fragment run is in the benchmarks)
        int max = 500;
        long cap = 256 << 10;
        Defragmenter d = new Defragmenter(new DefragOptions().maxDatagrams(max).maxMemoryBytes(cap), null);
        int n = 100_000;
        byte[] data = new byte[128];
        ByteBuffer p = ByteBuffer.allocate(20 + data.length);
        for (int i = 0; i < n; i++) {
            p.clear();
            p.put((byte) 0x45).put((byte) 0).putShort((short) (20 + data.length)).putShort((short) i);
            p.putShort((short) 0x2000).put((byte) 64).put((byte) 17).putShort((short) 0);
            p.putInt(0x0a000000 + (i >>> 16)).putInt(0xc0000202).put(data);
            assertNull(d.offer(Frags.IPV4, p, 0, 20, p.capacity(), 0, i + 1, i * 1_000L));
            if ((i & 1023) == 0) {
                assertTrue(d.inProgress() <= max);
                assertTrue(d.memory() <= cap);
            }
        }
        assertTrue(d.stats().peakDatagrams() <= max);
        assertTrue(d.stats().peakMemory() <= cap + data.length + 20 + ReassemblyLimits.DEFRAG_FRAGMENT_OVERHEAD);
        assertEquals(n - d.inProgress(), d.stats().evicted() + d.stats().timedOut());
        assertEquals(n, d.stats().fragments());
    }
}
