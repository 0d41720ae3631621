package io.pcapkit.reassembly;

import static io.pcapkit.reassembly.TcpConnection.ACK;
import static io.pcapkit.reassembly.TcpConnection.FIN;
import static io.pcapkit.reassembly.TcpConnection.PSH;
import static io.pcapkit.reassembly.TcpConnection.RST;
import static io.pcapkit.reassembly.TcpConnection.SYN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One connection's streams: order, wrap-around, retransmissions, gaps, caps, messages. */
class TcpConnectionTest {
    /** What a listener heard, as text: {@code 0:abc} for data, {@code 0:[3 missing]} for a gap, {@code closed}. */
    static final class Recorder implements StreamListener {
        final List<String> events = new ArrayList<>();
        final StringBuilder[] streams = {new StringBuilder(), new StringBuilder()};

        @Override
        public void data(TcpConnection c, int dir, ByteBuffer buf, int off, int len, long frame) {
            byte[] b = new byte[len];
            buf.get(off, b);
            String s = new String(b, StandardCharsets.ISO_8859_1);
            events.add(dir + ":" + s + "@" + frame);
            streams[dir].append(s);
        }

        @Override
        public void gap(TcpConnection c, int dir, long length, long frame) {
            events.add(dir + ":[" + length + " missing]");
            streams[dir].append("[" + length + " missing]");
        }

        @Override
        public void closed(TcpConnection c) {
            events.add("closed");
        }
    }

    private final Recorder rec = new Recorder();
    private final List<Message> messages = new ArrayList<>();
    private long frame;

    private TcpConnection connection(StreamOptions o) {
        TcpStreams s = new TcpStreams(o).listen(rec).listen(new MessageAssembler(messages::add));
        return s.open(0, new Endpoints(new byte[] {10, 0, 0, 1}, 1234, new byte[] {10, 0, 0, 2}, 80));
    }

    private void send(TcpConnection c, int dir, long seq, long ack, int flags, String data) {
        byte[] b = data.getBytes(StandardCharsets.ISO_8859_1);
        c.segment(dir, seq & 0xFFFFFFFFL, ack & 0xFFFFFFFFL, flags, ByteBuffer.wrap(b), 0, b.length, ++frame);
    }

    @Test
    void inOrderDataAfterTheHandshake() {
        TcpConnection c = connection(new StreamOptions());
        send(c, 0, 1000, 0, SYN, "");
        send(c, 1, 5000, 1001, SYN | ACK, "");
        send(c, 0, 1001, 5001, ACK, "");
        send(c, 0, 1001, 5001, PSH | ACK, "GET /");
        send(c, 1, 5001, 1006, PSH | ACK, "200 OK");
        send(c, 0, 1006, 5007, FIN | ACK, "");
        send(c, 1, 5007, 1007, FIN | ACK, "");
        assertEquals(List.of("0:GET /@4", "1:200 OK@5"), rec.events);
        assertTrue(c.finished(0) && c.finished(1));
        assertFalse(c.isClosed(), "the streams close with the flow");
        c.close(8);
        assertEquals("closed", rec.events.get(2));
        assertTrue(c.anomalies().isEmpty());
        assertEquals(2, messages.size());
        assertEquals("GET /", new String(messages.get(0).payload(), StandardCharsets.US_ASCII));
        assertArrayEquals(new long[] {5}, messages.get(1).frames());
        assertEquals(1, messages.get(1).index());
        assertEquals("10.0.0.2:80", messages.get(1).source());
    }

    @Test
    void outOfOrderSegmentsWaitForTheHole() {
        TcpConnection c = connection(new StreamOptions());
        send(c, 0, 100, 0, SYN, "");
        send(c, 0, 107, 0, ACK, "world");
        send(c, 0, 104, 0, ACK, "lo ");
        assertTrue(rec.events.isEmpty());
        send(c, 0, 101, 0, ACK, "hel");
        assertEquals("hello world", rec.streams[0].toString());
        assertEquals(List.of("0:hel@4", "0:lo @3", "0:world@2"), rec.events, "each delivered with the frame that carried it");
        assertEquals(64, c.held(), "only the message being built remains held (delivered bytes are kept in the shared ring)");
    }

    @Test
    void aSegmentCutByTheCaptureLeavesAGapNotAHold() {
        TcpConnection c = connection(new StreamOptions());
        send(c, 0, 100, 0, SYN, "");
        // 10 bytes sent, 3 captured: the 7 others are lost at once, so the next segment is in order
        send(c, 0, 101, 0, ACK, "abc");
        c.lost(0, 101, ACK, 10, frame);
        send(c, 0, 111, 0, ACK, "xyz");
        assertEquals("abc[7 missing]xyz", rec.streams[0].toString());
        assertEquals(7, c.missing(0));
        // a cut segment held out of order leaves its hole to be filled
        send(c, 0, 130, 0, ACK, "q");
        c.lost(0, 130, ACK, 5, frame);
        assertEquals("abc[7 missing]xyz", rec.streams[0].toString(), "nothing past the hole at 114 is declared lost");
    }

    @Test
    void sequenceNumbersWrapAround() {
        TcpConnection c = connection(new StreamOptions());
        long isn = 0xFFFFFFF0L;
        send(c, 0, isn, 0, SYN, "");
        send(c, 0, isn + 1, 0, ACK, "0123456789");
        // the next segment starts at 0xFFFFFFFB and runs past 2^32
        send(c, 0, isn + 21, 0, ACK, "KLMNO");
        send(c, 0, isn + 11, 0, ACK, "ABCDEFGHIJ");
        assertEquals("0123456789ABCDEFGHIJKLMNO", rec.streams[0].toString());
        send(c, 0, (isn + 26) & 0xFFFFFFFFL, 0, ACK, "xyz");
        assertEquals("0123456789ABCDEFGHIJKLMNOxyz", rec.streams[0].toString());
        assertTrue(c.anomalies().isEmpty(), c.anomalies().toString());
    }

    @Test
    void aRetransmissionWithDifferentDataIsAConflictAndTheFirstDataStays() {
        TcpConnection c = connection(new StreamOptions());
        send(c, 0, 1, 0, SYN, "");
        send(c, 0, 2, 0, ACK, "abcdef");
        send(c, 0, 2, 0, ACK, "abcdef");
        assertTrue(c.anomalies().contains(Anomaly.OVERLAP));
        assertFalse(c.anomalies().contains(Anomaly.CONFLICTING_OVERLAP), "the same bytes again");
        // bytes 2-5 again, but different, then two new bytes
        send(c, 0, 4, 0, ACK, "XYZghi");
        assertTrue(c.anomalies().contains(Anomaly.CONFLICTING_OVERLAP));
        assertEquals("abcdefhi", rec.streams[0].toString(), "first data wins; the new tail is delivered");
    }

    /**
     * Delivered bytes go to a ring shared by all connections, each chunk linked to its direction's
     * previous one: after the ring wrapped many times (a small one here, so that chunk headers also
     * straddle its end), every retained byte still in it is compared with its own value.
     */
    @Test
    void retransmissionsAreComparedWithTheKeptBytesAfterTheRingWrapped() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int trial = 0; trial < 300; trial++) {
            TcpStreams streams = new TcpStreams(new StreamOptions().retainedBytes(64).deliveredRingBytes(4096)).listen(rec);
            TcpConnection c = streams.open(0, new Endpoints(new byte[] {10, 0, 0, 1}, 1234, new byte[] {10, 0, 0, 2}, 80));
            TcpConnection noise = streams.open(1, new Endpoints(new byte[] {10, 0, 0, 3}, 1234, new byte[] {10, 0, 0, 2}, 80));
            send(c, 0, 1, 0, SYN, "");
            send(noise, 0, 1, 0, SYN, "");
            StringBuilder all = new StringBuilder();
            long seq = 2;
            long noiseSeq = 2;
            int segments = 3 + rnd.nextInt(60);
            for (int k = 0; k < segments; k++) {
                StringBuilder d = new StringBuilder();
                int n = 1 + rnd.nextInt(rnd.nextBoolean() ? 20 : 90);
                for (int j = 0; j < n; j++) d.append((char) ('a' + rnd.nextInt(26)));
                send(c, 0, seq, 0, ACK, d.toString());
                seq += n;
                all.append(d);
                if (rnd.nextInt(4) == 0) { // another connection's bytes in between, less than a ring in all
                    int m = 1 + rnd.nextInt(30);
                    send(noise, 0, noiseSeq, 0, ACK, "x".repeat(m));
                    noiseSeq += m;
                }
            }
            // a retransmission inside the last 64 bytes: the same bytes, then one changed byte
            int keep = Math.min(64, all.length());
            int from = all.length() - keep + rnd.nextInt(keep);
            int to = from + 1 + rnd.nextInt(all.length() - from);
            String same = all.substring(from, to);
            send(c, 0, 2 + from, 0, ACK, same);
            assertFalse(c.anomalies().contains(Anomaly.CONFLICTING_OVERLAP), "trial " + trial + ": the same bytes again");
            assertEquals(0, streams.stats().uncomparedBytes(), "trial " + trial + ": all of it compared");
            char[] changed = same.toCharArray();
            int at = rnd.nextInt(changed.length);
            changed[at] = (char) (changed[at] == 'z' ? 'y' : changed[at] + 1);
            send(c, 0, 2 + from, 0, ACK, new String(changed));
            assertTrue(c.anomalies().contains(Anomaly.CONFLICTING_OVERLAP), "trial " + trial + ": one byte differs");
            // further back than the retained bytes: counted, not compared
            if (all.length() > 70) {
                long before = streams.stats().uncomparedBytes();
                send(c, 0, 2, 0, ACK, "?".repeat(4));
                assertEquals(before + 4, streams.stats().uncomparedBytes(), "trial " + trial);
            }
        }
    }

    @Test
    void deliveredBytesAreComparedFromTheSharedRingUntilNewerTrafficOverwritesThem() {
        TcpStreams streams = new TcpStreams(new StreamOptions()).listen(rec);
        TcpConnection c = streams.open(0, new Endpoints(new byte[] {10, 0, 0, 1}, 1234, new byte[] {10, 0, 0, 2}, 80));
        send(c, 0, 1, 0, SYN, "");
        send(c, 0, 2, 0, ACK, "abcdef");
        assertEquals(0, c.held(), "delivered bytes cost their connection nothing: they are in the shared ring");
        send(c, 0, 8, 0, ACK, "ghij");
        // spanning both chunks: the same bytes, then one changed in the first chunk
        send(c, 0, 4, 0, ACK, "cdefgh");
        assertFalse(c.anomalies().contains(Anomaly.CONFLICTING_OVERLAP));
        send(c, 0, 2, 0, ACK, "abXdef");
        assertTrue(c.anomalies().contains(Anomaly.CONFLICTING_OVERLAP));
        assertEquals("abcdefghij", rec.streams[0].toString());
        assertEquals(0, streams.stats().uncomparedBytes());

        // another connection's traffic overwrites the ring (the ring grows to its size first):
        // an old segment is counted, not compared
        TcpConnection old = streams.open(1, new Endpoints(new byte[] {10, 0, 0, 3}, 1234, new byte[] {10, 0, 0, 2}, 80));
        send(old, 0, 1, 0, SYN, "");
        send(old, 0, 2, 0, ACK, "first");
        byte[] big = new byte[ReassemblyLimits.TCP_RETAINED_BYTES];
        TcpConnection other = streams.open(2, new Endpoints(new byte[] {10, 0, 1, 1}, 1234, new byte[] {10, 0, 0, 2}, 80));
        other.segment(0, 0, 0, SYN, ByteBuffer.allocate(0), 0, 0, ++frame);
        long seq = 1;
        for (int i = 0; i <= ReassemblyLimits.TCP_DELIVERED_RING_BYTES / big.length; i++, seq += big.length) {
            other.segment(0, seq, 0, ACK, ByteBuffer.wrap(big), 0, big.length, ++frame);
        }
        send(old, 0, 2, 0, ACK, "FIRST");
        assertTrue(old.anomalies().contains(Anomaly.OVERLAP));
        assertFalse(old.anomalies().contains(Anomaly.CONFLICTING_OVERLAP), "32 MiB of other traffic later: too old to compare");
        assertEquals(5, streams.stats().uncomparedBytes());
        // and the other connection's own last bytes, still in the ring, are compared
        big[big.length - 1] = 1;
        other.segment(0, seq - big.length, 0, ACK, ByteBuffer.wrap(big), 0, big.length, ++frame);
        assertTrue(other.anomalies().contains(Anomaly.CONFLICTING_OVERLAP));
    }

    /** The ring grows by doubling: what it held before is found at the same positions after. */
    @Test
    void theRingKeepsItsBytesWhenItGrows() {
        TcpStreams streams = new TcpStreams(new StreamOptions()).listen(rec);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        List<TcpConnection> cs = new ArrayList<>();
        List<byte[]> last = new ArrayList<>();
        long[] seqs = new long[8];
        for (int i = 0; i < 8; i++) {
            TcpConnection c = streams.open(i, new Endpoints(new byte[] {10, 0, 0, (byte) i}, 1234, new byte[] {10, 0, 0, 2}, 80));
            c.segment(0, 0, 0, SYN, ByteBuffer.allocate(0), 0, 0, ++frame);
            cs.add(c);
            last.add(null);
            seqs[i] = 1;
        }
        // 8 MiB in segments of up to 16 KiB, interleaved: the ring doubles from 1 MiB three times
        for (long total = 0; total < 8L << 20; ) {
            int i = rnd.nextInt(8);
            byte[] d = new byte[1 + rnd.nextInt(ReassemblyLimits.TCP_RETAINED_BYTES)];
            rnd.nextBytes(d);
            cs.get(i).segment(0, seqs[i], 0, ACK, ByteBuffer.wrap(d), 0, d.length, ++frame);
            seqs[i] += d.length;
            last.set(i, d);
            total += d.length;
        }
        for (int i = 0; i < 8; i++) {
            byte[] d = last.get(i);
            cs.get(i).segment(0, seqs[i] - d.length, 0, ACK, ByteBuffer.wrap(d), 0, d.length, ++frame);
            assertFalse(cs.get(i).anomalies().contains(Anomaly.CONFLICTING_OVERLAP), "connection " + i + ": the same bytes");
            byte[] changed = d.clone();
            changed[0] ^= 1;
            cs.get(i).segment(0, seqs[i] - d.length, 0, ACK, ByteBuffer.wrap(changed), 0, d.length, ++frame);
            assertTrue(cs.get(i).anomalies().contains(Anomaly.CONFLICTING_OVERLAP), "connection " + i + ": one byte differs");
        }
        assertEquals(0, streams.stats().uncomparedBytes());
    }

    @Test
    void overlappingWaitingSegmentsFollowThePolicy() {
        for (OverlapPolicy p : new OverlapPolicy[] {OverlapPolicy.FIRST, OverlapPolicy.LAST}) {
            Recorder r = new Recorder();
            TcpConnection c = new TcpStreams(new StreamOptions().policy(p)).listen(r)
                    .open(0, new Endpoints(new byte[4], 1, new byte[4], 2));
            c.segment(0, 0, 0, SYN, ByteBuffer.allocate(0), 0, 0, 1);
            c.segment(0, 5, 0, ACK, ByteBuffer.wrap("eeee".getBytes()), 0, 4, 2);
            c.segment(0, 7, 0, ACK, ByteBuffer.wrap("FFFF".getBytes()), 0, 4, 3);
            c.segment(0, 1, 0, ACK, ByteBuffer.wrap("abcd".getBytes()), 0, 4, 4);
            String expected = p == OverlapPolicy.FIRST ? "abcdeeeeFF" : "abcdeeFFFF";
            assertEquals(expected, r.streams[0].toString(), p.label);
            assertTrue(c.anomalies().contains(Anomaly.CONFLICTING_OVERLAP));
        }
    }

    @Test
    void aHoleThePeerAcknowledgedPastIsAGap() {
        TcpConnection c = connection(new StreamOptions());
        send(c, 0, 1, 0, SYN, "");
        send(c, 0, 2, 0, ACK, "aaaa");
        // "bbbb" (seq 6) was never captured
        send(c, 0, 10, 0, ACK, "cccc");
        assertEquals("aaaa", rec.streams[0].toString());
        // the receiver acknowledges up to 14: it got the missing bytes
        send(c, 1, 1, 14, ACK, "");
        assertEquals("aaaa[4 missing]cccc", rec.streams[0].toString());
        assertTrue(c.anomalies().contains(Anomaly.GAP));
        assertEquals(4, c.missing(0));
        send(c, 0, 14, 0, FIN | ACK, "");
        send(c, 1, 1, 15, FIN | ACK, "");
        c.close(9);
        assertEquals(1, messages.size());
        Message m = messages.get(0);
        assertEquals("aaaacccc", new String(m.payload(), StandardCharsets.US_ASCII), "gaps are never zero-filled");
        assertEquals(List.of(new Message.Gap(4, 4)), m.gaps());
        assertFalse(m.completed());
    }

    @Test
    void whatStillWaitsAtTheEndIsDeliveredAfterAGap() {
        TcpConnection c = connection(new StreamOptions());
        send(c, 0, 1, 0, SYN, "");
        send(c, 0, 2, 0, ACK, "aa");
        send(c, 0, 8, 0, ACK, "cc");
        c.close(99);
        assertEquals("aa[4 missing]cc", rec.streams[0].toString());
        assertEquals("closed", rec.events.get(rec.events.size() - 1));
    }

    @Test
    void theOutOfOrderCapForcesTheHoleToBeAGap() {
        TcpConnection c = connection(new StreamOptions().maxOutOfOrderSegments(2));
        send(c, 0, 1, 0, SYN, "");
        send(c, 0, 4, 0, ACK, "b");
        send(c, 0, 6, 0, ACK, "c");
        assertEquals("", rec.streams[0].toString());
        // a third waiting segment: the first hole becomes a gap, one at a time
        send(c, 0, 8, 0, ACK, "d");
        assertEquals("[2 missing]b", rec.streams[0].toString());
        send(c, 0, 9, 0, ACK, "e");
        assertEquals("[2 missing]b[1 missing]c", rec.streams[0].toString());
        c.close(99);
        assertEquals("[2 missing]b[1 missing]c[1 missing]de", rec.streams[0].toString());
    }

    @Test
    void dataSentBeforeARstButCapturedAfterItStillCounts() {
        TcpConnection c = connection(new StreamOptions());
        send(c, 0, 1, 0, SYN, "");
        send(c, 0, 2, 0, ACK, "hi");
        send(c, 1, 7, 0, RST, "");
        assertTrue(c.isReset());
        send(c, 0, 4, 0, ACK, "late");
        assertEquals("hilate", rec.streams[0].toString(), "as tshark's follow shows it");
        c.close(9);
        send(c, 0, 8, 0, ACK, "after");
        assertEquals("hilate", rec.streams[0].toString(), "nothing once the flow ended");
    }

    @Test
    void theConnectionCapSplitsMessages() {
        TcpConnection c = connection(new StreamOptions().maxConnectionBytes(200).retainedBytes(16));
        send(c, 0, 1, 0, SYN, "");
        String chunk = "x".repeat(60);
        for (int i = 0; i < 10; i++) send(c, 0, 2 + 60L * i, 0, ACK, chunk);
        c.close(99);
        assertTrue(messages.size() > 1, "split under the cap");
        long total = 0;
        for (int i = 0; i < messages.size(); i++) {
            total += messages.get(i).payload().length;
            assertEquals(i < messages.size() - 1, messages.get(i).continues());
        }
        assertEquals(600, total, "nothing lost");
        assertEquals(0, c.held());
    }

    @Test
    void theTotalCapMakesOldConnectionsHandOnTheirBuffers() {
        TcpStreams s = new TcpStreams(new StreamOptions().maxTotalBytes(4096).retainedBytes(16)).listen(new MessageAssembler(messages::add));
        List<TcpConnection> cs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            TcpConnection c = s.open(i, new Endpoints(new byte[4], i, new byte[4], 80));
            cs.add(c);
            c.segment(0, 0, 0, SYN, ByteBuffer.allocate(0), 0, 0, i);
            // a hole first: the data waits out of order
            c.segment(0, 11, 0, ACK, ByteBuffer.wrap(new byte[300]), 0, 300, i);
            assertTrue(s.held() <= 4096 + 300 + 256, "held " + s.held());
        }
        assertTrue(s.stats().relieved() > 0);
        assertTrue(s.stats().gaps() > 0, "the holes became gaps");
        s.finish(100);
        assertEquals(0, s.held());
        assertEquals(50, messages.size());
    }
}
