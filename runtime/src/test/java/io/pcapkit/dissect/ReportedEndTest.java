package io.pcapkit.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pcapkit.capture.PacketRecord;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * {@link Chain#reportedEnd}: where a layer's payload ends by the lengths announced for it, which
 * tells a payload the capture cut (the TCP stream hook waits on it no longer) from one a length
 * field lies about (the bytes the lengths leave are the payload, as tshark takes them).
 */
class ReportedEndTest {
    private static final int ETHERNET = 1;

    private static byte[] ipv4(int proto, int totalLength, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) totalLength).putShort((short) 1).putShort((short) 0);
        b.put((byte) 64).put((byte) proto).putShort((short) 0).putInt(0x0a000001).putInt(0x0a000002).put(payload);
        return b.array();
    }

    private static byte[] tcp(int payloadLength) {
        ByteBuffer b = ByteBuffer.allocate(20 + payloadLength);
        b.putShort((short) 40000).putShort((short) 9).putInt(1).putInt(0).put((byte) 0x50).put((byte) 0x18).putShort((short) 8192);
        return b.array();
    }

    private static byte[] ethernet(byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
        b.put(new byte[12]).putShort((short) 0x0800).put(payload);
        return b.array();
    }

    private static Chain dissect(byte[] frame, int capLen, long origLen) {
        PacketRecord r = new PacketRecord();
        r.buffer = ByteBuffer.wrap(frame, 0, capLen).slice();
        r.offset = 0;
        r.capLen = capLen;
        r.origLen = origLen;
        r.linkType = ETHERNET;
        return new Dissector(new DissectOptions()).dissect(r.buffer, 0, capLen, ETHERNET, r, null, false);
    }

    @Test
    void aWholeFrameReportsWhatItHolds() {
        byte[] f = ethernet(ipv4(6, 60, tcp(20)));
        Chain c = dissect(f, f.length, f.length);
        assertEquals("Ethernet:IPv4:TCP:Raw", c.toString());
        for (int i = 0; i < c.size(); i++) assertEquals(c.payloadEnd(i), c.reportedEnd(i), "layer " + i);
    }

    @Test
    void aCutFrameReportsTheLengthsAnnounced() {
        byte[] f = ethernet(ipv4(6, 120, tcp(80)));
        Chain c = dissect(f, 60, f.length);
        assertEquals(60, c.payloadEnd(2));
        assertEquals(14 + 120, c.reportedEnd(1), "IPv4's total length");
        assertEquals(14 + 120, c.reportedEnd(2), "TCP has no length: its payload ends with the IP payload");
    }

    @Test
    void anIpLengthPastTheFrameIsBoundedByTheFrame() {
        byte[] f = ethernet(ipv4(6, 400, tcp(20)));
        Chain c = dissect(f, f.length, f.length);
        assertEquals(f.length, c.reportedEnd(2), "not a cut: the frame is whole");
        assertEquals(c.payloadEnd(2), c.reportedEnd(2));
    }

    @Test
    void aTunnelsOuterLengthBoundsTheInnerPacket() {
        byte[] inner = ipv4(6, 60, tcp(20));
        byte[] gre = ByteBuffer.allocate(4 + inner.length).putShort((short) 0).putShort((short) 0x0800).put(inner).array();
        byte[] f = ethernet(ipv4(47, 20 + 4 + 50, gre)); // the outer IPv4 leaves the inner one 50 of its 60 bytes
        Chain c = dissect(f, f.length, f.length);
        assertEquals("Ethernet:IPv4:GRE:IPv4:TCP:Raw", c.toString());
        int outerEnd = 14 + 20 + 4 + 50;
        assertEquals(outerEnd, c.payloadEnd(4));
        assertEquals(outerEnd, c.reportedEnd(4), "the outer IP's length, not the inner's 60 bytes");
    }
}
