package io.pcapkit.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.gen.Protocols;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The grammars' roles read the header fields they name, wherever a header starts in a buffer. */
class RoleTest {
    private static final int AT = 3; // a header that does not start the buffer

    private static ByteBuffer at(String hex) {
        byte[] h = HexFormat.of().parseHex(hex);
        ByteBuffer b = ByteBuffer.allocate(AT + h.length);
        b.put(AT, h);
        return b;
    }

    @Test
    void tcpRolesReadPortsSequenceNumbersAndControlBits() {
        Protocol tcp = Protocols.get(Protocols.P_TCP);
        // ports 443 -> 51000, seq 0xfedcba98, ack 0x01020304, offset 5, flags CWR|ACK|RST (0x94)
        ByteBuffer b = at("01bbc738fedcba98010203045094ffff00000000");
        assertEquals(443, tcp.read(Role.SRC_PORT, b, AT));
        assertEquals(51000, tcp.read(Role.DST_PORT, b, AT));
        assertEquals(0xfedcba98L, tcp.read(Role.SEQUENCE, b, AT));
        assertEquals(0x01020304L, tcp.read(Role.ACKNOWLEDGEMENT, b, AT));
        assertEquals(1, tcp.read(Role.ACK, b, AT));
        assertEquals(1, tcp.read(Role.RST, b, AT));
        assertEquals(0, tcp.read(Role.SYN, b, AT));
        assertEquals(0, tcp.read(Role.FIN, b, AT));
        assertEquals(List.of(false, true, false, true), List.of(tcp.flag(Role.SYN, b, AT), tcp.flag(Role.ACK, b, AT), tcp.flag(Role.FIN, b, AT),
                tcp.flag(Role.RST, b, AT)));
        b.put(AT + 13, (byte) 0x03); // SYN|FIN
        assertEquals(List.of(true, false, true, false), List.of(tcp.flag(Role.SYN, b, AT), tcp.flag(Role.ACK, b, AT), tcp.flag(Role.FIN, b, AT),
                tcp.flag(Role.RST, b, AT)));
        assertTrue(tcp.byteStream());
        assertEquals(14, tcp.roleBytes, "the control bits end in byte 13");
    }

    @Test
    void ipRolesNameTheAddresses() {
        Protocol v4 = Protocols.get(Protocols.P_IPV4);
        Protocol v6 = Protocols.get(Protocols.P_IPV6);
        assertEquals(List.of(12, 16, 4), List.of(v4.roleByte(Role.SRC_ADDRESS), v4.roleByte(Role.DST_ADDRESS), v4.roleSize(Role.SRC_ADDRESS)));
        assertEquals(List.of(8, 24, 16), List.of(v6.roleByte(Role.SRC_ADDRESS), v6.roleByte(Role.DST_ADDRESS), v6.roleSize(Role.DST_ADDRESS)));
        assertFalse(v4.has(Role.SRC_PORT));
    }

    @Test
    void datagramTransportsHavePortsOnly() {
        for (int id : new int[] {Protocols.P_UDP, Protocols.P_UDPLITE}) {
            Protocol p = Protocols.get(id);
            assertEquals(5353, p.read(Role.SRC_PORT, at("14e9003500000000"), AT), p.name);
            assertFalse(p.byteStream(), p.name);
        }
        // only grammars that declare them have roles
        assertFalse(Protocols.get(Protocols.P_ICMP).has(Role.SRC_PORT));
    }
}
