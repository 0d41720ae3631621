package io.pcapkit.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pcapkit.ipsuite.Ethernet;
import io.pcapkit.ipsuite.Ipv4;
import io.pcapkit.ipsuite.Udp;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A frame of a UDP tunnel (VXLAN) carries two datagram layers, each a packet of its own flow: the
 * outer flow's payload is the VXLAN header and the frame it carries, the inner flow's the inner
 * datagram's data. (tshark 4.0's follow prints both payloads for either stream, with the inner
 * endpoints: its tap takes every UDP layer of a frame in the stream; we follow the flow asked for.)
 */
class FollowTunnelTest {
    @Test
    void eachFlowOfATunnelledFrameFollowsItsOwnDatagrams() {
        byte[] inner = Ethernet.builder().payload(Ipv4.builder().src("192.168.0.1").dst("192.168.0.2")
                .payload(Udp.builder().ports(7000, 7001).payload("inner-payload".getBytes(StandardCharsets.US_ASCII)))).build();
        byte[] vxlan = ByteBuffer.allocate(8 + inner.length).put((byte) 0x08).put(new byte[3]).putInt(42 << 8).put(inner).array();
        byte[] frame = Ethernet.builder().payload(Ipv4.builder().src("10.0.0.1").dst("10.0.0.2").payload(Udp.builder().ports(50000, 4789)
                .payload(vxlan))).build();
        List<Follow.Chunk> outer = new ArrayList<>();
        List<Follow.Chunk> tunnelled = new ArrayList<>();
        Follow f0 = Follow.byId("UDP", 0, outer::add);
        Follow f1 = Follow.byId("UDP", 1, tunnelled::add);
        Traced t = new Traced(new FlowOptions().udp(true));
        t.hook.listen(f0).listen(f1);
        t.dissector.dissect(Packets.record(frame, 1, 0), null);
        t.dissector.dissect(Packets.record(frame, 2, 1), null);
        t.hook.finish();
        assertEquals(2, outer.size());
        assertArrayEquals(vxlan, outer.get(0).data(), "the outer flow's payload: VXLAN and the frame it carries");
        assertEquals(2, tunnelled.size());
        assertArrayEquals("inner-payload".getBytes(StandardCharsets.US_ASCII), tunnelled.get(1).data());
        assertEquals(7000, f1.flow().endpoints().portA());
    }
}
