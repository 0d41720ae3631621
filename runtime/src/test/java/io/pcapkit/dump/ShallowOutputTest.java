package io.pcapkit.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.ipsuite.Ethernet;
import io.pcapkit.ipsuite.Ipv4;
import io.pcapkit.ipsuite.PcapFile;
import io.pcapkit.ipsuite.Tcp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** With {@code shallow}, nested structures (here TCP's options) are one hex string: their bytes. */
class ShallowOutputTest {
    static String ndjson(byte[] capture, boolean shallow) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CaptureReader r = CaptureInput.open(new ByteArrayInputStream(capture), "t");
                Dumper d = Dumpers.create("ndjson", out, new DumpOptions().shallow(shallow))) {
            Dumpers.dump(r, new Dissector(), d);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The value of the first {@code name} field, as text. */
    static String field(String json, String name) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                if (t == JsonToken.FIELD_NAME && p.currentName().equals(name)) {
                    JsonToken v = p.nextToken();
                    return v == JsonToken.START_ARRAY ? "[array]" : v == JsonToken.START_OBJECT ? "{object}" : p.getText();
                }
            }
        }
        return null;
    }

    @Test
    void optionsAreTheirBytesInHex() throws IOException {
        byte[] syn = Ethernet.builder().payload(Ipv4.builder().payload(Tcp.builder().flags(Tcp.SYN).mss(1460).nop().windowScale(7)))
                .build();
        byte[] cap = PcapFile.create(1).add(syn).toBytes();
        assertEquals("[array]", field(ndjson(cap, false), "options"));
        String shallow = ndjson(cap, true);
        assertEquals("020405b401030307", field(shallow, "options"), "MSS 1460, NOP, WS 7: the option bytes");
        assertTrue(shallow.contains("\"hdr_len\":28"), "the fixed header fields are all there");
    }
}
