package io.pcapkit.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generated registries' fast name lookup agrees with their tables, assigned or not. */
class RegistryLookupTest {
    @Test
    void nameOfAgreesWithOfForEveryKeyAndItsNeighbours() {
        checkAll(EtherType.values().stream().map(e -> new long[] {e.value}).toList(), EtherType::nameOf, v -> EtherType.of(v).assigned ? EtherType.of(v).name : null);
        checkAll(IpProtocol.values().stream().map(e -> new long[] {e.value}).toList(), IpProtocol::nameOf, v -> IpProtocol.of(v).assigned ? IpProtocol.of(v).name : null);
        checkAll(LinkType.values().stream().map(e -> new long[] {e.value}).toList(), LinkType::nameOf, v -> LinkType.of(v).assigned ? LinkType.of(v).name : null);
        checkAll(TcpPort.values().stream().map(e -> new long[] {e.value}).toList(), TcpPort::nameOf, v -> TcpPort.of(v).assigned ? TcpPort.of(v).name : null);
        checkAll(UdpPort.values().stream().map(e -> new long[] {e.value}).toList(), UdpPort::nameOf, v -> UdpPort.of(v).assigned ? UdpPort.of(v).name : null);
    }

    @Test
    void knownAndUnknownValues() {
        assertEquals("IPv4", EtherType.nameOf(0x0800));
        assertEquals("TCP", IpProtocol.nameOf(6));
        assertNull(IpProtocol.nameOf(-1));
        assertNull(EtherType.nameOf(Long.MAX_VALUE));
        assertFalse(EtherType.of(0x0001).assigned);
        assertNull(EtherType.nameOf(0x0001));
    }

    private static void checkAll(java.util.List<long[]> keys, java.util.function.LongFunction<String> fast, java.util.function.LongFunction<String> slow) {
        assertTrue(keys.size() > 10, "a registry with entries");
        Set<Long> probe = new HashSet<>();
        for (long[] k : keys) for (long d = -2; d <= 2; d++) if (k[0] + d >= 0) probe.add(k[0] + d);
        for (long v = 0; v < 70_000; v += 7) probe.add(v);
        for (long v : probe) assertEquals(slow.apply(v), fast.apply(v), "value " + v);
    }
}
