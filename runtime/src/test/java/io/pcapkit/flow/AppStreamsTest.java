package io.pcapkit.flow;

import static io.pcapkit.reassembly.TcpConnection.ACK;
import static io.pcapkit.reassembly.TcpConnection.PSH;
import static io.pcapkit.reassembly.TcpConnection.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.LayerHooks;
import io.pcapkit.dissect.ReplayHook;
import io.pcapkit.frame.Info;
import io.pcapkit.frame.InfoBuilder;
import io.pcapkit.gen.Protocols;
import io.pcapkit.reassembly.AppStreams;
import io.pcapkit.reassembly.StreamOptions;
import io.pcapkit.reassembly.TcpStreams;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The application-message mechanism over TCP streams, with a toy length-prefixed protocol: the UDP
 * grammar decoded over a TCP stream (decode-as TCP port 9999), so each message is an 8-byte header
 * whose length field says where the message ends. The application grammars (HTTP, FTP, HTTP/2,
 * DNS over TCP) go through the same path: TcpApplicationTest and the conformance test.
 */
class AppStreamsTest {
    private Dissector dissector(DissectOptions o, AppStreams app) {
        o.decodeAs.put(Protocols.T_TCP_PORT, Map.of(9999L, Protocols.P_UDP));
        TcpStreams tcp = new TcpStreams(new StreamOptions());
        FlowHook flows = new FlowHook(new FlowOptions(), tcp, app);
        return new Dissector(o).hook(LayerHooks.of(flows));
    }

    /** A toy message: the UDP header (ports 0, length) then the body. */
    private static byte[] message(String body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length());
        b.putShort((short) 0).putShort((short) 0).putShort((short) (8 + body.length())).putShort((short) 0).put(body.getBytes());
        return b.array();
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) b.put(p);
        return b.array();
    }

    private long number;

    private Chain send(Dissector d, InfoBuilder sink, long seq, int flags, byte[] data) {
        return d.dissect(Packets.record(Packets.tcp("10.0.0.1", 40000, "10.0.0.2", 9999, seq, 1, flags, data), ++number, 1), sink);
    }

    @Test
    void messagesAreDissectedInTheFrameThatCompletesThem() {
        AppStreams app = new AppStreams(new StreamOptions());
        Dissector d = dissector(new DissectOptions(), app);
        InfoBuilder b = new InfoBuilder();
        byte[] m1 = message("0123456789");
        byte[] m2 = message("abc");
        byte[] m3 = message("wxyz");
        assertEquals("Ethernet:IPv4:TCP", send(d, b, 100, SYN, new byte[0]).toString());
        // 12 of m1's 18 bytes: not complete, the segment stays raw
        assertEquals("Ethernet:IPv4:TCP:Raw", send(d, b, 101, PSH | ACK, Arrays.copyOf(m1, 12)).toString());
        assertEquals(12L, b.frame().number("ethernet.ipv4.tcp.raw.len"));
        // the rest of m1, then m2 and m3 whole: three messages complete in this frame
        Chain c = send(d, b, 113, PSH | ACK, concat(Arrays.copyOfRange(m1, 12, 18), m2, m3));
        assertEquals("Ethernet:IPv4:TCP:UDP:UDP:UDP:Raw", c.toString());
        assertEquals(3, c.continuations());
        Info tcp = b.frame().info("ethernet.ipv4.tcp");
        assertEquals("TCP stream", tcp.string("reassembled.kind"));
        assertEquals(List.of(2L, 3L), tcp.get("reassembled.frames"), "m1 came in frames 2 and 3");
        assertEquals(18L, tcp.number("udp.len"));
        assertEquals(10L, tcp.number("udp.raw.len"));
        assertEquals(List.of(3L), tcp.get("udp.reassembled.frames"));
        assertEquals(11L, tcp.number("udp.udp.len"));
        assertEquals(12L, tcp.number("udp.udp.udp.len"));
        // 4 bytes of a header: TRUNCATED, so the parser waits
        assertEquals("Ethernet:IPv4:TCP:Raw", send(d, b, 144, PSH | ACK, Arrays.copyOf(message("tail"), 4)).toString());
        assertEquals(3, app.messages());
        assertEquals(0, d.hookFailures());
    }

    @Test
    void bytesThatAreNotAMessageAreHandedOverAsTheyStand() {
        AppStreams app = new AppStreams(new StreamOptions());
        Dissector d = dissector(new DissectOptions(), app);
        InfoBuilder b = new InfoBuilder();
        send(d, b, 100, SYN, new byte[0]);
        byte[] bad = message("xy");
        bad[5] = 3; // a length under the header's 8 bytes: the grammar says invalid
        Chain c = send(d, b, 101, PSH | ACK, bad);
        assertEquals("Ethernet:IPv4:TCP:UDP", c.toString());
        assertEquals(true, c.isMalformed());
        assertNotNull(b.frame().get("ethernet.ipv4.tcp.udp.malformed"));
    }

    @Test
    void aThresholdAtTcpLeavesTheStreamRaw() {
        // (the toy protocol is a transport-layer grammar, so a layer threshold would not stop it)
        Dissector d = dissector(new DissectOptions().protocol("TCP"), new AppStreams(new StreamOptions()));
        InfoBuilder b = new InfoBuilder();
        send(d, b, 100, SYN, new byte[0]);
        assertEquals("Ethernet:IPv4:TCP:Raw", send(d, b, 101, PSH | ACK, message("abc")).toString());
    }

    @Test
    void aKeptFrameReplaysItsMessages() {
        Dissector d = dissector(new DissectOptions(), new AppStreams(new StreamOptions()));
        send(d, null, 100, SYN, new byte[0]);
        Chain kept = send(d, null, 101, PSH | ACK, concat(message("one"), message("two"))).snapshot();
        // dissected again on its own, with the data the run handed over
        Dissector alone = new Dissector(new DissectOptions()).hook(new ReplayHook(kept));
        InfoBuilder b = new InfoBuilder();
        Chain again = alone.dissect(Packets.record(Packets.tcp("10.0.0.1", 40000, "10.0.0.2", 9999, 101, 1, PSH | ACK,
                concat(message("one"), message("two"))), 2, 1), b);
        assertEquals(kept.toString(), again.toString());
        assertEquals(11L, b.frame().number("ethernet.ipv4.tcp.udp.udp.len"));
    }
}
