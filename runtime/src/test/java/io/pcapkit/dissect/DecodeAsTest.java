package io.pcapkit.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.ipsuite.Arp;
import io.pcapkit.ipsuite.Ethernet;
import io.pcapkit.ipsuite.PcapFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class DecodeAsTest {
    static String chain(byte[] capture, DissectOptions o) throws IOException {
        try (CaptureReader r = CaptureInput.open(new ByteArrayInputStream(capture), "t")) {
            PacketRecord rec = new PacketRecord();
            r.next(rec);
            return new Dissector(o).dissect(rec, null).toString();
        }
    }

    @Test
    void aRuleOverridesTheTable() throws IOException {
        byte[] arpUnderOtherType = Ethernet.builder().type(0x88b5).payload(Arp.builder()).build();
        byte[] cap = PcapFile.create(1).add(arpUnderOtherType).toBytes();
        assertEquals("Ethernet:Raw", chain(cap, new DissectOptions()));
        DissectOptions o = new DissectOptions();
        DecodeAs.add(o, "eth.type==0x88b5,arp");
        assertEquals("Ethernet:ARP", chain(cap, o));
    }

    @Test
    void badRulesSayWhatIsWrong() {
        DissectOptions o = new DissectOptions();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DecodeAs.add(o, "tcp.port=80,tcp")).getMessage().contains("expected"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DecodeAs.add(o, "foo.bar==1,tcp")).getMessage().contains("unknown selector"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DecodeAs.add(o, "tcp.port==80,nope")).getMessage().contains("unknown protocol"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DecodeAs.add(o, "tcp.port==eighty,arp")).getMessage().contains("not a number"));
    }
}
