package io.pcapkit.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.frame.Info;
import io.pcapkit.frame.InfoBuilder;
import io.pcapkit.gen.Protocols;
import io.pcapkit.testing.Corpus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How application layers are chosen: by the ports the grammars declare; by content (the grammars'
 * heuristics) only when the user asks for application layers, as PyPCAPKit's {@code analyse}; a
 * guarded grammar (HTTP/1.x) takes a port's payload only when it looks like one, and one it declines
 * may go to a grammar of its group that recognises it (HTTP/2's preface on port 80); and FTP is
 * never guessed from a line that merely ends in CRLF.
 */
class ApplicationSelectionTest {

    private static Chain analyse(String payload) {
        return analyse(payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Chain analyse(byte[] b) {
        Dissector d = new Dissector(new DissectOptions().sniff(true));
        PacketRecord r = new PacketRecord();
        r.buffer = ByteBuffer.wrap(b);
        r.capLen = b.length;
        return d.analyse(r.buffer, 0, b.length, r, null).snapshot();
    }

    @Test
    void contentIsRecognisedByTheGrammarsHeuristics() {
        assertEquals("FTP", analyse("USER anonymous\r\n").toString());
        assertEquals("FTP", analyse("user anonymous\r\n").toString(), "FTP commands are case-insensitive");
        assertEquals("FTP", analyse("PASV\r\n").toString());
        assertEquals("FTP", analyse("220-Welcome here\r\n220 ready\r\n").toString());
        assertEquals("HTTP/1.1", analyse("GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\nX: 2\r\n\r\n").toString());
        assertEquals("HTTP/1.0:Raw", analyse("HTTP/1.0 200 OK\r\n\r\nbody").toString(), "a response's body runs to the end");
        assertEquals("HTTP/2:HTTP/2", analyse(concat("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
                new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}, new byte[] {0, 0, 0, 4, 1, 0, 0, 0, 0})).toString());
    }

    @Test
    void ftpIsNotGuessedFromAnyLineEndingInCrlf() {
        // PyPCAPKit took every single CRLF-terminated line for FTP
        assertEquals("Raw", analyse("hello world\r\n").toString());
        assertEquals("Raw", analyse("SSH-2.0-OpenSSH_9.2\r\n").toString());
        assertEquals("Raw", analyse("USERS are here\r\n").toString(), "a word that starts like a command is not one");
        assertEquals("Raw", analyse("600 not a reply code\r\n").toString());
        assertEquals("Raw", analyse("220 no line end").toString(), "a reply needs its CRLF");
    }

    @Test
    void aMessageCutShortIsTruncatedSoTheStreamHookCanWait() {
        Chain c = analyse("POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc");
        assertTrue(c.isMalformed());
        assertEquals(ErrorKind.TRUNCATED, c.malformedKind());
        c = analyse("GET / HTTP/1.1\r\nHost: examp");
        assertEquals(ErrorKind.TRUNCATED, c.malformedKind(), "a header block without its end");
        c = analyse("RETR file.t");
        assertEquals("Raw", c.toString(), "content sniffing needs a whole FTP line");
        c = analyse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab");
        assertEquals(ErrorKind.TRUNCATED, c.malformedKind(), "a chunked body cut inside a chunk");
        assertEquals("HTTP-Chunked", c.malformedProtocol().name);
    }

    /** Every frame of a capture, dissected with {@code options}: (chain, record). */
    private static List<Info> dissect(Path file, DissectOptions options) throws IOException {
        Dissector d = new Dissector(options);
        InfoBuilder b = new InfoBuilder();
        List<Info> out = new ArrayList<>();
        try (CaptureReader r = CaptureInput.open(file)) {
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) {
                d.dissect(rec, b);
                out.add(b.frame());
            }
        }
        return out;
    }

    @Test
    void contentIsLookedAtOnlyWhenApplicationLayersAreAskedFor() throws IOException {
        Path zeek = Corpus.require().resolve("zeek_http-non-default-port.pcap");
        long byDefault = dissect(zeek, new DissectOptions()).stream().filter(f -> f.string("protocols").contains("HTTP")).count();
        assertEquals(0, byDefault, "port 1234 is in no table");
        long asked = dissect(zeek, new DissectOptions().layer(LayerType.APPLICATION)).stream()
                .filter(f -> f.string("protocols").contains("HTTP/1.1")).count();
        assertEquals(2, asked, "the request and the response (tshark's http heuristic finds the same two)");
        long byProtocol = dissect(zeek, new DissectOptions().protocol("HTTP")).stream()
                .filter(f -> f.string("protocols").endsWith("HTTP/1.1")).count();
        assertEquals(2, byProtocol, "a protocol threshold naming an application group asks too");
        assertTrue(new DissectOptions().protocol("http").sniffs());
        assertFalse(new DissectOptions().protocol("TCP").sniffs());
        assertFalse(new DissectOptions().layer(LayerType.TRANSPORT).sniffs());
    }

    @Test
    void aConversationFoundByItsPrefaceStaysHttp2() throws IOException {
        // no decode-as: the client's preface is recognised, then the rest of the connection follows
        List<Info> frames = dissect(Corpus.require().resolve("pcapfileex_http2_sample.pcap"), new DissectOptions().layer(LayerType.APPLICATION));
        long h2 = frames.stream().filter(f -> f.string("protocols").contains("HTTP/2")).count();
        assertEquals(46, h2, "the frames tshark shows with http2 (given -d tcp.port==8097,http2)");
        assertEquals(0, dissect(Corpus.require().resolve("pcapfileex_http2_sample.pcap"), new DissectOptions()).stream()
                .filter(f -> f.string("protocols").contains("HTTP/2")).count(), "not by default");
    }

    @Test
    void aGuardedGrammarLeavesAPortsOtherPayloadsRaw() throws IOException {
        // dpkt_http.pcap: the responses' bodies go on over many segments to port 80
        List<Info> frames = dissect(Corpus.require().resolve("dpkt_http.pcap"), new DissectOptions());
        int raw = 0;
        for (Info f : frames) if (f.string("protocols").equals("Ethernet:IPv4:TCP:Raw")) raw++;
        assertTrue(raw >= 10, "continuations stay raw (" + raw + ")");
        for (Info f : frames) assertFalse(f.string("protocols").equals("Ethernet:IPv4:TCP:HTTP/1.1") && f.toString().contains("\"malformed\"")
                && !f.toString().contains("truncated"), "a continuation is never a malformed HTTP message");
    }

    @Test
    void http2OnHttpsOwnPortIsFoundByItsPrefaceByDefault() throws IOException {
        // testdata/crafted/app_h2c_port80.pcap: prior-knowledge HTTP/2 on port 80 (frames 1-4), then
        // HTTP/1.1 on another port-80 connection (5-6) and its body in a segment of its own (7)
        List<Info> frames = dissect(Corpus.repoRoot().resolve("testdata/crafted/app_h2c_port80.pcap"), new DissectOptions());
        List<String> chains = new ArrayList<>();
        for (Info f : frames) chains.add(f.string("protocols").replace("Ethernet:IPv4:TCP:", ""));
        assertEquals("HTTP/2", chains.get(0), "the preface (with its SETTINGS) claims port 80's payload for HTTP/2");
        assertEquals("HTTP/2:HTTP/2", chains.get(1), "the server's frames, which carry no preface, follow the connection");
        assertEquals("HTTP/2", chains.get(2));
        assertEquals("HTTP/2:HTTP/2", chains.get(3));
        assertEquals("HTTP/1.1", chains.get(4), "another connection on port 80 is HTTP/1.1 still");
        assertEquals("Raw", chains.get(6), "a body's continuation is neither HTTP/1.x nor HTTP/2 by content: raw");
    }

    @Test
    void decodeAsReachesGrammarsWithoutAPort() throws IOException {
        DissectOptions o = new DissectOptions();
        DecodeAs.add(o, "tcp.port==8097,http2");
        long h2 = dissect(Corpus.require().resolve("pcapfileex_http2_sample.pcap"), o).stream()
                .filter(f -> f.string("protocols").contains("HTTP/2")).count();
        assertEquals(46, h2, "the frames tshark shows with http2");
        DissectOptions tcp = new DissectOptions();
        DecodeAs.add(tcp, "tcp.port==5300,dns");
        int dnsTcp = Protocols.lookup(Protocols.T_TCP_PORT, 53);
        assertEquals(dnsTcp, tcp.decodeAs.get(Protocols.T_TCP_PORT).get(5300L).intValue(),
                "on a TCP port, the DNS entry with the TCP length prefix");
        assertNull(new DissectOptions().decodeAs.get(Protocols.T_TCP_PORT));
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int k = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }
}
