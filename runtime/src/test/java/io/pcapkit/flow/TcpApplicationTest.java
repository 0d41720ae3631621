package io.pcapkit.flow;

import static io.pcapkit.reassembly.TcpConnection.ACK;
import static io.pcapkit.reassembly.TcpConnection.FIN;
import static io.pcapkit.reassembly.TcpConnection.PSH;
import static io.pcapkit.reassembly.TcpConnection.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.LayerHooks;
import io.pcapkit.frame.InfoBuilder;
import io.pcapkit.ipsuite.Ethernet;
import io.pcapkit.ipsuite.Icmp;
import io.pcapkit.ipsuite.Ipv4;
import io.pcapkit.ipsuite.Tcp;
import io.pcapkit.reassembly.AppStreams;
import io.pcapkit.reassembly.DefragOptions;
import io.pcapkit.reassembly.IpDefragHook;
import io.pcapkit.reassembly.StreamOptions;
import io.pcapkit.reassembly.TcpStreams;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Application grammars over reassembled TCP streams: an HTTP/1.x message spread over segments is
 * one message, shown in the frame that completes it (tshark's tcp.reassembled_in), whether its
 * body is framed by Content-Length, by chunked coding or by the end of the connection; and the
 * headers an ICMP error quotes feed no flow and no stream.
 */
class TcpApplicationTest {
    private static final String C = "10.0.0.1";
    private static final String S = "10.0.0.2";

    private final TcpStreams tcp = new TcpStreams(new StreamOptions());
    private final AppStreams app = new AppStreams(new StreamOptions());
    private final List<Flow> ended = new ArrayList<>();
    private final FlowHook flows = new FlowHook(new FlowOptions().udp(true), tcp, app).listen(new FlowListener() {
        @Override
        public void ended(Flow f) {
            ended.add(f);
        }
    });
    private final Dissector d = new Dissector(new DissectOptions())
            .hook(LayerHooks.of(new IpDefragHook(new DefragOptions(), true, true, null), flows));
    private final InfoBuilder b = new InfoBuilder();
    private long number;
    private long cseq = 101;
    private long sseq = 501;
    /** the server's port: it picks the application grammar */
    private int port = 80;

    private Chain frame(byte[] f) {
        return d.dissect(io.pcapkit.flow.Packets.record(f, ++number, 1), b);
    }

    private Chain client(int flags, String data) {
        Chain c = frame(Packets.tcp(C, 40000, S, port, cseq, sseq, flags, data));
        cseq += data.length() + ((flags & FIN) != 0 ? 1 : 0);
        return c;
    }

    private Chain server(int flags, String data) {
        Chain c = frame(Packets.tcp(S, port, C, 40000, sseq, cseq, flags, data));
        sseq += data.length() + ((flags & FIN) != 0 ? 1 : 0);
        return c;
    }

    /** A client segment (PSH, ACK) carrying the bytes of {@code hex}. */
    private Chain clientBytes(String hex) {
        byte[] data = HexFormat.of().parseHex(hex);
        Chain c = frame(Packets.tcp(C, 40000, S, port, cseq, sseq, PSH | ACK, data));
        cseq += data.length;
        return c;
    }

    private void handshake() {
        frame(Packets.tcp(C, 40000, S, port, 100, 0, SYN, ""));
        frame(Packets.tcp(S, port, C, 40000, 500, 101, SYN | ACK, ""));
        frame(Packets.tcp(C, 40000, S, port, 101, 501, ACK, ""));
    }

    /**
     * After bytes the capture lost, HTTP picks up again at a segment that starts a request, as
     * tshark does; a segment in between that starts no message stays raw.
     */
    @Test
    void afterAGapHttpResumesAtASegmentThatStartsAMessage() {
        handshake();
        assertEquals("Ethernet:IPv4:TCP:HTTP/1.1", client(PSH | ACK, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n").toString());
        cseq += 20; // a segment the capture lost: the start of a request
        assertEquals("Ethernet:IPv4:TCP:Raw", client(PSH | ACK, "rest of the lost one\r\n\r\n").toString(), "waits behind the hole");
        // the server acknowledges past the hole: a gap, and the waiting bytes start no message
        assertEquals("Ethernet:IPv4:TCP", server(ACK, "").toString());
        assertEquals("Ethernet:IPv4:TCP:Raw", client(PSH | ACK, "more of no message\r\n").toString());
        assertEquals("Ethernet:IPv4:TCP:HTTP/1.1", client(PSH | ACK, "GET /c HTTP/1.1\r\nHost: x\r\n\r\n").toString());
        assertEquals("/c", b.frame().info("ethernet.ipv4.tcp.http").string("request.target"));
    }

    /**
     * FTP is found by content too (a known command or a reply line): after a gap it picks up at a
     * segment that starts with one, as tshark, which dissects each segment's lines, shows it.
     */
    @Test
    void afterAGapFtpResumesAtASegmentThatStartsACommandOrReply() {
        port = 21;
        handshake();
        assertEquals("Ethernet:IPv4:TCP:FTP", server(PSH | ACK, "220 ready\r\n").toString());
        assertEquals("Ethernet:IPv4:TCP:FTP", client(PSH | ACK, "USER anonymous\r\n").toString());
        cseq += 12; // a segment the capture lost: "PASS secret\r\n" without its last byte
        assertEquals("Ethernet:IPv4:TCP:Raw", client(PSH | ACK, "\n").toString(), "waits behind the hole");
        assertEquals("Ethernet:IPv4:TCP", server(ACK, "").toString(), "the server acknowledges past the hole: a gap");
        assertEquals("Ethernet:IPv4:TCP:Raw", client(PSH | ACK, "ous\r\n").toString(), "the end of a line is no command");
        assertEquals("Ethernet:IPv4:TCP:FTP", client(PSH | ACK, "CWD /pub\r\n").toString());
        assertEquals("CWD", b.frame().info("ethernet.ipv4.tcp.ftp").string("request.command"));
        // the other direction never lost a byte
        assertEquals("Ethernet:IPv4:TCP:FTP", server(PSH | ACK, "250 ok\r\n").toString());
    }

    /**
     * The connection's first data is too short for HTTP's heuristic to tell ("GE"): the port's
     * grammar is kept and the stream waits, as tshark's HTTP does; bytes that then turn out to be
     * no message start stay raw.
     */
    @Test
    void aRequestLineCutInItsMethodIsOneMessageInTheFrameThatCompletesIt() {
        handshake();
        assertEquals("Ethernet:IPv4:TCP:Raw", client(PSH | ACK, "GE").toString(), "too few bytes to tell: waits");
        assertEquals("Ethernet:IPv4:TCP:HTTP/1.1", client(PSH | ACK, "T /a HTTP/1.1\r\nHost: x\r\n\r\n").toString());
        assertEquals("/a", b.frame().info("ethernet.ipv4.tcp.http").string("request.target"));
        assertEquals(List.of(number - 1, number), b.frame().get("ethernet.ipv4.tcp.reassembled.frames"));
        // another connection whose short first bytes are no HTTP: raw once enough bytes tell
        cseq = 1001;
        sseq = 2001;
        frame(Packets.tcp(C, 40001, S, port, 1000, 0, SYN, ""));
        frame(Packets.tcp(S, port, C, 40001, 2000, 1001, SYN | ACK, ""));
        frame(Packets.tcp(C, 40001, S, port, 1001, 2001, ACK, ""));
        assertEquals("Ethernet:IPv4:TCP:Raw", frame(Packets.tcp(C, 40001, S, port, 1001, 2001, PSH | ACK, "XY")).toString());
        assertEquals("Ethernet:IPv4:TCP:Raw", frame(Packets.tcp(C, 40001, S, port, 1003, 2001, PSH | ACK, "Z not http at all\r\n\r\n")).toString());
        assertEquals("Ethernet:IPv4:TCP:HTTP/1.1", frame(Packets.tcp(C, 40001, S, port, 1024, 2001, PSH | ACK, "GET /b HTTP/1.1\r\nHost: x\r\n\r\n")).toString(),
                "a later segment that starts a message is HTTP again");
    }

    /**
     * The connection's first data comes out of order (the end of the request before its start):
     * the protocol is decided on the segment that starts the stream, and the request is one
     * message in the frame that completes it, as tshark shows it.
     */
    @Test
    void aConnectionWhoseFirstDataArrivesOutOfOrderIsStillHttp() {
        handshake();
        String req = "GET /a HTTP/1.1\r\nHost: example\r\n\r\n";
        assertEquals("Ethernet:IPv4:TCP:Raw", frame(Packets.tcp(C, 40000, S, port, cseq + 18, sseq, PSH | ACK, req.substring(18))).toString(),
                "the end first: held until the start arrives");
        assertEquals("Ethernet:IPv4:TCP:HTTP/1.1", frame(Packets.tcp(C, 40000, S, port, cseq, sseq, PSH | ACK, req.substring(0, 18))).toString());
        cseq += req.length();
        assertEquals("example", b.frame().info("ethernet.ipv4.tcp.http").list("headers").stream()
                .filter(h -> "Host".equals(((io.pcapkit.frame.Info) h).string("name"))).map(h -> ((io.pcapkit.frame.Info) h).string("value"))
                .findFirst().orElse(null));
        assertEquals("Ethernet:IPv4:TCP:HTTP/1.1:Raw", server(PSH | ACK, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok").toString());
    }

    /**
     * A connection first seen mid-stream whose first data is a keep-alive byte: too few bytes to
     * tell, so the port's grammar waits; the next segment starts a request, which is then a
     * message of its own and the byte stays raw (ppp_example2_first3000.pcap frame 1286 in tshark).
     */
    @Test
    void aRequestAfterAKeepAliveByteIsAMessageOfItsOwn() {
        assertEquals("Ethernet:IPv4:TCP:Raw", frame(Packets.tcp(C, 40000, S, port, 700, 900, ACK, "\0")).toString());
        assertEquals("Ethernet:IPv4:TCP:Raw", frame(Packets.tcp(C, 40000, S, port, 700, 900, ACK, "\0")).toString(), "retransmitted");
        assertEquals("Ethernet:IPv4:TCP:HTTP/1.1",
                frame(Packets.tcp(C, 40000, S, port, 701, 900, PSH | ACK, "GET /after HTTP/1.1\r\nHost: x\r\n\r\n")).toString());
        assertEquals("/after", b.frame().info("ethernet.ipv4.tcp.http").string("request.target"));
    }

    /**
     * A response to HEAD has no body whatever its headers announce (RFC 9110 section 9.3.2): the
     * stream pairs responses with the requests they answer, in order, pipelined ones too, as
     * tshark does; the response that follows is a message of its own, not the HEAD one's body.
     */
    @Test
    void aResponseToHeadHasNoBodyWhateverItsHeadersSay() {
        handshake();
        assertEquals("Ethernet:IPv4:TCP:HTTP/1.1", client(PSH | ACK, "HEAD /h HTTP/1.1\r\nHost: x\r\n\r\n").toString());
        assertEquals("Ethernet:IPv4:TCP:HTTP/1.1", server(PSH | ACK, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n").toString(),
                "complete without the 100 bytes");
        assertEquals(200L, b.frame().number("ethernet.ipv4.tcp.http.response.status"));
        assertEquals(null, b.frame().get("ethernet.ipv4.tcp.http.raw"), "no body");
        // pipelined: HEAD then GET in one segment; both responses in one segment, the first chunked
        assertEquals("Ethernet:IPv4:TCP:HTTP/1.1:HTTP/1.1",
                client(PSH | ACK, "HEAD /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n").toString());
        assertEquals("Ethernet:IPv4:TCP:HTTP/1.1:HTTP/1.1:Raw",
                server(PSH | ACK, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok").toString(),
                "the HEAD response ends at its headers; the GET response carries its body");
        // the next GET's response has its body again
        client(PSH | ACK, "GET /c HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals("Ethernet:IPv4:TCP:Raw", server(PSH | ACK, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab").toString(), "waits for its body");
        assertEquals("Ethernet:IPv4:TCP:HTTP/1.1:Raw", server(PSH | ACK, "cd").toString());
    }

    @Test
    void aMessageWithContentLengthOverThreeSegmentsIsOneMessageInTheLastFrame() {
        handshake();
        assertEquals("Ethernet:IPv4:TCP:HTTP/1.1", client(PSH | ACK, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n").toString());
        assertEquals("Ethernet:IPv4:TCP:Raw", server(ACK, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n").toString());
        long first = number;
        assertEquals("Ethernet:IPv4:TCP:Raw", server(ACK, "\r\n01234").toString());
        Chain last = server(PSH | ACK, "56789");
        assertEquals("Ethernet:IPv4:TCP:HTTP/1.1:Raw", last.toString(), "the body is the message's payload");
        assertEquals(200L, b.frame().number("ethernet.ipv4.tcp.http.response.status"));
        assertEquals(List.of(first, first + 1, first + 2), b.frame().get("ethernet.ipv4.tcp.reassembled.frames"));
        // the next request on the same connection is a message of its own
        assertEquals("Ethernet:IPv4:TCP:HTTP/1.1", client(PSH | ACK, "GET /b HTTP/1.1\r\nHost: x\r\n\r\n").toString());
    }

    @Test
    void aChunkedBodyEndsWithItsLastChunkNotWithTheSegment() {
        handshake();
        client(PSH | ACK, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals("Ethernet:IPv4:TCP:Raw", server(ACK, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n").toString());
        // a chunk that looks like a request line must not start a message
        assertEquals("Ethernet:IPv4:TCP:Raw", server(ACK, "1b\r\nGET /not-a-request HTTP/1.1\r\n").toString());
        assertEquals("Ethernet:IPv4:TCP:HTTP/1.1:HTTP-Chunked", server(PSH | ACK, "0\r\n\r\n").toString());
        // then two pipelined responses in one segment: two messages in one frame
        client(PSH | ACK, "GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals("Ethernet:IPv4:TCP:HTTP/1.1:HTTP/1.1",
                server(PSH | ACK, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\naHTTP/1.1 204 No Content\r\n\r\n").toString());
        assertEquals(0, d.hookFailures());
    }

    @Test
    void aResponseWithoutALengthRunsToTheFin() {
        handshake();
        client(PSH | ACK, "GET / HTTP/1.0\r\n\r\n");
        assertEquals("Ethernet:IPv4:TCP:Raw", server(ACK, "HTTP/1.0 200 OK\r\n\r\nfirst part, ").toString());
        assertEquals("Ethernet:IPv4:TCP:Raw", server(ACK, "second part").toString());
        Chain fin = server(FIN | ACK, "");
        assertEquals("Ethernet:IPv4:TCP:HTTP/1.0:Raw", fin.toString(), "shown in the FIN's frame, as tshark does");
        assertEquals(23L, b.frame().number("ethernet.ipv4.tcp.http.raw.len"));
    }

    /**
     * A DNS message over TCP whose length prefix is shorter than a DNS header: every byte it claims
     * is there, so it is complete and malformed (tshark shows DNS, malformed), not a message to
     * wait for; a longer message cut by the segment's end still waits for the next segment.
     */
    @Test
    void aDnsMessageShorterThanItsHeaderIsMalformedNotAwaited() {
        port = 53;
        handshake();
        // length 8, then 8 bytes (id, flags, two counts: the header needs 12), then the start of the next message
        byte[] shortOne = HexFormat.of().parseHex("00080af6273159496e65401e0476d100");
        Chain c = frame(Packets.tcp(C, 40000, S, port, cseq, sseq, PSH | ACK, shortOne));
        cseq += shortOne.length;
        assertEquals("Ethernet:IPv4:TCP:DNS", c.toString());
        assertTrue(c.isMalformed());
        assertEquals(0x0af6L, b.frame().number("ethernet.ipv4.tcp.dns.id"));
        // a 12-byte message announced, 8 of its 14 bytes sent: it waits, then completes in the next segment
        byte[] whole = HexFormat.of().parseHex("000c123401000000000000000000");
        c = frame(Packets.tcp(S, port, C, 40000, sseq, cseq, PSH | ACK, Arrays.copyOf(whole, 8)));
        sseq += 8;
        assertEquals("Ethernet:IPv4:TCP:Raw", c.toString());
        c = frame(Packets.tcp(S, port, C, 40000, sseq, cseq, PSH | ACK, Arrays.copyOfRange(whole, 8, whole.length)));
        assertEquals("Ethernet:IPv4:TCP:DNS", c.toString());
        assertEquals(0x1234L, b.frame().number("ethernet.ipv4.tcp.dns.id"));
        sseq += whole.length - 8;
        // a question name that runs past its message's 15 bytes: the name's scan fails inside the
        // message. Behind it a message of length 0 (malformed too), then the start of one of 256
        // bytes, which waits: tshark shows the same two malformed DNS PDUs
        byte[] nameCut = HexFormat.of().parseHex("000f5678010000010000000000000561620000010001");
        c = frame(Packets.tcp(S, port, C, 40000, sseq, cseq, PSH | ACK, nameCut));
        assertEquals("Ethernet:IPv4:TCP:DNS:DNS", c.toString());
        assertTrue(c.isMalformed());
        assertEquals(2, c.malformedLayers());
        assertEquals(0x5678L, b.frame().number("ethernet.ipv4.tcp.dns.id"));
    }

    /**
     * A malformed DNS message over TCP ends where its length prefix says, so the message after it
     * in the same segment is the stream's next message, as tshark dissects on after a malformed PDU
     * (before, the malformed layer took every byte buffered, and the stream lost step).
     */
    @Test
    void aMalformedDnsMessageEndsWhereItsLengthSaysAndTheNextFollows() {
        port = 53;
        handshake();
        // length 12: a header whose answer count says 1 with no record (malformed inside its 12
        // bytes), then the first 4 bytes of a 12-byte query
        Chain c = clientBytes("000c0bad81800000000100000000" + "000c600d");
        assertEquals("Ethernet:IPv4:TCP:DNS", c.toString());
        assertTrue(c.isMalformed());
        assertEquals(0x0badL, b.frame().number("ethernet.ipv4.tcp.dns.id"));
        c = clientBytes("01000000000000000000");
        assertEquals("Ethernet:IPv4:TCP:DNS", c.toString());
        assertFalse(c.isMalformed());
        assertEquals(0x600dL, b.frame().number("ethernet.ipv4.tcp.dns.id"));
    }

    /**
     * Two DNS messages over TCP in one segment, the first malformed: the frame shows both, the
     * malformed one first, as tshark does (before, a malformed layer ended the frame).
     */
    @Test
    void aMessageAfterAMalformedOneInTheSameSegmentIsShownAfterIt() {
        port = 53;
        handshake();
        Chain c = clientBytes("000c0bad81800000000100000000" + "000c600d01000000000000000000");
        assertEquals("Ethernet:IPv4:TCP:DNS:DNS", c.toString());
        assertTrue(c.isMalformed());
        assertEquals(1, c.malformedLayers());
        assertEquals(3, c.malformedAt(0));
        assertEquals("DNS", c.malformedProtocol().name);
        assertEquals(0x0badL, b.frame().number("ethernet.ipv4.tcp.dns.id"));
        assertEquals(0x600dL, b.frame().number("ethernet.ipv4.tcp.dns.dns.id"));
        assertEquals("Ethernet:IPv4:TCP:DNS:DNS", io.pcapkit.frame.ProtoChain.of(c).toString());
    }

    /**
     * A segment of 600 DNS messages of length 0, each malformed: the messages after a malformed
     * one nest, so they count towards the limit of layers in a frame like any layer (without it,
     * the record would nest 600 deep and a recursive reader of it could overflow its stack).
     */
    @Test
    void malformedMessagesCountTowardsTheLimitOfLayers() {
        port = 53;
        handshake();
        Chain c = clientBytes("0000".repeat(600));
        assertTrue(c.isMalformed());
        // the layers and malformed messages up to the limit, then the one that exceeds it
        assertEquals(io.pcapkit.dissect.Limits.MAX_LAYERS + 1, c.size() + c.malformedLayers());
        assertNotNull(b.frame());
    }

    @Test
    void headersAnIcmpErrorQuotesFeedNoFlowAndNoStream() {
        handshake();
        client(PSH | ACK, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        // a router's "port unreachable" quoting a segment of the same connection, and one quoting
        // a segment of a connection never seen
        byte[] quoted = Ipv4.builder().src(C).dst(S).payload(Tcp.builder().ports(40000, 80).seq(cseq).ack(sseq).flags(PSH | ACK)
                .payload("XXXX".getBytes(StandardCharsets.ISO_8859_1))).build();
        byte[] unseen = Ipv4.builder().src(C).dst("10.9.9.9").payload(Tcp.builder().ports(41000, 443).seq(7).flags(SYN)).build();
        for (byte[] q : new byte[][] {quoted, unseen}) {
            Chain c = frame(Ethernet.builder().payload(Ipv4.builder().src("10.0.0.254").dst(C).payload(Icmp.v4().type(3).code(3).payload(q)))
                    .build());
            assertTrue(c.quoteStart() > 0, c.toString());
            assertTrue(c.toString().contains("ICMP:IPv4:TCP"), c.toString());
        }
        flows.finish();
        assertEquals(1, ended.size(), "the quoted segment of an unseen connection starts no flow");
        Flow f = ended.get(0);
        assertEquals(4, f.packets(), "the error frames are no packets of the connection");
        assertEquals(0, f.tcp().missing(0) + f.tcp().missing(1));
        assertEquals("GET / HTTP/1.1\r\nHost: x\r\n\r\n".length(), f.tcp().delivered(0), "the quoted bytes are not stream data");
    }
}
