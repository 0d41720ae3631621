package io.pcapkit.flow;

import static io.pcapkit.reassembly.TcpConnection.ACK;
import static io.pcapkit.reassembly.TcpConnection.FIN;
import static io.pcapkit.reassembly.TcpConnection.PSH;
import static io.pcapkit.reassembly.TcpConnection.RST;
import static io.pcapkit.reassembly.TcpConnection.SYN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.frame.InfoBuilder;
import io.pcapkit.reassembly.StreamOptions;
import io.pcapkit.reassembly.TcpStreams;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flows on crafted traffic: ids, connections reusing ports, directions, UDP numbering, limits. */
class FlowHookTest {
    private final Traced t = new Traced(new FlowOptions().udp(true));
    private long number;

    private Chain feed(byte[] frame, long second) {
        return t.dissector.dissect(Packets.record(frame, ++number, second), new InfoBuilder());
    }

    @Test
    void aSynOnAClosedFourTupleStartsANewConnection() {
        String c = "10.0.0.1";
        String s = "10.0.0.2";
        feed(Packets.tcp(c, 1000, s, 80, 100, 0, SYN, ""), 1);
        feed(Packets.tcp(s, 80, c, 1000, 500, 101, SYN | ACK, ""), 1);
        feed(Packets.tcp(c, 1000, s, 80, 101, 501, ACK, ""), 1);
        feed(Packets.tcp(c, 1000, s, 80, 101, 501, PSH | ACK, "hello"), 2);
        // a retransmitted SYN (same sequence number) is no new connection
        feed(Packets.tcp(c, 1000, s, 80, 100, 0, SYN, ""), 2);
        feed(Packets.tcp(c, 1000, s, 80, 106, 501, FIN | ACK, ""), 3);
        feed(Packets.tcp(s, 80, c, 1000, 501, 107, FIN | ACK, ""), 3);
        feed(Packets.tcp(c, 1000, s, 80, 107, 502, ACK, ""), 3);
        // the same ports again, a new initial sequence number
        feed(Packets.tcp(c, 1000, s, 80, 9000, 0, SYN, ""), 4);
        feed(Packets.tcp(s, 80, c, 1000, 7000, 9001, SYN | ACK, ""), 4);
        t.hook.finish();
        List<Flow> tcp = t.of("TCP");
        assertEquals(2, tcp.size());
        Flow first = tcp.get(0);
        assertEquals(0, first.id());
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6, 7, 8}, first.frames());
        assertEquals(Flow.End.REUSED, first.end());
        assertEquals("closed", first.state());
        assertEquals(6, first.packets(0));
        assertEquals(2, first.packets(1));
        assertEquals("10.0.0.1", first.endpoints().textA());
        assertEquals(1000, first.endpoints().portA());
        Flow second = tcp.get(1);
        assertEquals(1, second.id());
        assertArrayEquals(new long[] {9, 10}, second.frames());
        assertEquals("established", second.state());
        assertEquals(Flow.End.END_OF_INPUT, second.end());
        assertEquals(5, first.tcp().delivered(0));
    }

    @Test
    void udpFlowsAreNumberedOnTheirOwn() {
        feed(Packets.tcp("10.0.0.1", 1, "10.0.0.2", 2, 0, 0, SYN, ""), 1);
        feed(Packets.udp("10.0.0.1", 53, "10.0.0.3", 5353, "q"), 1);
        feed(Packets.udp("10.0.0.3", 5353, "10.0.0.1", 53, "a"), 1);
        feed(Packets.udp("10.0.0.4", 53, "10.0.0.3", 5353, "q"), 1);
        feed(Packets.tcp("10.0.0.2", 2, "10.0.0.1", 1, 0, 1, RST | ACK, ""), 1);
        t.hook.finish();
        assertEquals(List.of(0L), t.of("TCP").stream().map(Flow::id).toList());
        assertEquals("reset", t.of("TCP").get(0).state());
        assertEquals(List.of(0L, 1L), t.of("UDP").stream().map(Flow::id).toList());
        assertEquals(1, t.of("UDP").get(0).packets(0));
        assertEquals(1, t.of("UDP").get(0).packets(1));
    }

    @Test
    void idleFlowsEndInCaptureTime() {
        Traced tt = new Traced(new FlowOptions().idleTimeoutNanos(10_000_000_000L));
        long n = 0;
        tt.dissector.dissect(Packets.record(Packets.tcp("10.0.0.1", 1, "10.0.0.2", 2, 0, 0, ACK, "a"), ++n, 100), null);
        tt.dissector.dissect(Packets.record(Packets.tcp("10.0.0.1", 3, "10.0.0.2", 4, 0, 0, ACK, "b"), ++n, 111), null);
        assertTrue(tt.flows.isEmpty(), "one frame past the timeout is not enough: a second must confirm the time");
        tt.dissector.dissect(Packets.record(Packets.tcp("10.0.0.1", 3, "10.0.0.2", 4, 1, 0, ACK, "c"), ++n, 112), null);
        assertEquals(1, tt.flows.size());
        assertEquals(Flow.End.TIMEOUT, tt.flows.get(0).end());
        // the same ports after the timeout: a new flow
        tt.dissector.dissect(Packets.record(Packets.tcp("10.0.0.1", 1, "10.0.0.2", 2, 1, 0, ACK, "d"), ++n, 113), null);
        tt.hook.finish();
        assertEquals(3, tt.flows.size());
        assertEquals(2, tt.of("TCP").get(2).id());
    }

    @Test
    void aFloodOfHalfOpenConnectionsStaysUnderTheCaps() {
        int max = 1000;
        TcpStreams streams = new TcpStreams(new StreamOptions().maxTotalBytes(1 << 20));
        FlowHook hook = new FlowHook(new FlowOptions().maxOpen(max), streams, null);
        List<Flow> ended = new ArrayList<>();
        hook.listen(new FlowListener() {
            @Override
            public void ended(Flow f) {
                ended.add(f);
            }
        });
        Dissector d = new Dissector().hook(hook);
        ByteBuffer frame = ByteBuffer.allocate(64);
        PacketRecord r = new PacketRecord();
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            Packets.fastTcp(frame, 0x0a000000 + (i >>> 16), i & 0xffff, 0xc0000202, 80, i * 7919L, SYN);
            r.buffer = frame;
            r.capLen = frame.limit();
            r.origLen = frame.limit();
            r.linkType = 1;
            r.number = i + 1;
            r.time.set(1_700_000_000L, i * 1000L, 9);
            d.dissect(r, null);
            assertTrue(hook.openFlows() <= max);
            assertTrue(streams.held() <= 1 << 20);
        }
        assertEquals(n - max, hook.evicted());
        assertEquals(n - max, ended.size());
        assertEquals(Flow.End.EVICTED, ended.get(0).end());
        assertEquals(max, hook.peakOpenFlows());
        assertEquals(0, streams.openConnections(), "a SYN carries nothing: half-open connections cost their flow only");
        hook.finish();
        assertEquals(0, streams.openConnections());
        assertEquals(0, streams.held());
    }
}
