package io.pcapkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.frame.Info;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Pcapkit#analyse(byte[])}: PyPCAPKit's analyse, on the examples its reference gives and more. */
class AnalyseTest {
    private static Analysis analyse(String s) {
        return Pcapkit.analyse(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void theExamplesOfPyPcapKitsAnalyse() {
        Analysis h = analyse("GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\nX: 2\r\n\r\nbody");
        assertEquals("HTTP/1.1", h.protocol());
        assertFalse(h.malformed());
        assertEquals(Map.of("method", "GET", "target", "/", "version", "HTTP/1.1"), h.fields().get("request"));
        List<?> headers = (List<?>) h.fields().get("headers");
        assertEquals(List.of(Map.of("name", "Host", "value", "a"), Map.of("name", "X", "value", "1"), Map.of("name", "X", "value", "2")),
                headers, "repeated header fields kept, in order; the empty line ends the list and, with no field, does not show");
        assertEquals("HTTP/1.1", h.chain(), "a request without a length has no body: 'body' is not its payload");

        Analysis u = analyse("USER anonymous\r\n");
        assertEquals("FTP", u.protocol());
        assertEquals(Map.of("command", "USER", "arg", "anonymous"), u.fields().get("request"));
        Analysis r = analyse("220-Welcome here\r\n220 ready\r\n");
        assertEquals("FTP", r.protocol());
        Info response = r.fields().info("response");
        assertEquals(220L, response.get("code"));
        assertEquals("Welcome here", response.get("arg"));

        Analysis preface = analyse("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\u0000\u0000\u0006\u0004\u0000\u0000\u0000\u0000\u0000\u0000\u0003\u0000\u0000\u0000\u0064");
        assertEquals("HTTP/2", preface.protocol(), "PyPCAPKit never matched HTTP/2");
        assertEquals(4L, ((io.pcapkit.frame.EnumValue) preface.fields().get("type")).value());
    }

    @Test
    void anythingElseIsRaw() {
        Analysis a = analyse("just a line\r\n");
        assertEquals("Raw", a.protocol());
        assertTrue(a.fields().isEmpty());
        assertEquals("Raw", Pcapkit.analyse(new byte[0]).protocol());
    }

    @Test
    void aMessageCutShortIsTruncated() {
        Analysis a = analyse("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this");
        assertEquals("HTTP/1.1", a.protocol());
        assertTrue(a.malformed());
        assertEquals(200L, a.fields().info("response").get("status"));
    }
}
