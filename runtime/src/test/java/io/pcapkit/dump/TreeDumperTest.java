package io.pcapkit.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The text tree: its title, records, value forms and the indentation of nested layers. */
class TreeDumperTest {
    private static List<String> lines(String capture, DumpOptions o) throws IOException {
        return new String(Fixtures.dump(Fixtures.testdata(capture), "tree", o), StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void titleRecordsAndValues() throws IOException {
        List<String> l = lines("crafted-mix.pcap", new DumpOptions());
        assertEquals("PCAP File Tree-View Format", l.get(0));
        assertEquals(17, l.stream().filter(s -> s.equals("Global Header") || s.matches("Frame \\d+")).count());
        assertTrue(l.contains("  |-- network -> 1 (ETHERNET)"), "enumerated: number (name)");
        assertTrue(l.contains("  |-- magic -> 0xa1b2c3d4"), "HEX numbers in hex");
        assertTrue(l.contains("  |     |-- type -> 0x0800 (IPv4)"), "a HEX enumerated value");
        assertTrue(l.contains("  |           |-- proto -> 6 (TCP)"));
        assertTrue(l.contains("  |-- protocols -> Ethernet:IPv4:TCP"));
        assertTrue(l.contains("  |-- time -> 2023-11-14T22:13:20.123456Z"));
        // the IPv4 checksum is two bytes wide: four hex digits even when the value is small
        assertTrue(l.stream().anyMatch(s -> Pattern.matches("  \\|           \\|-- checksum -> 0x[0-9a-f]{4}", s)));
    }

    @Test
    void barsContinueOnlyWhileSiblingsFollow() throws IOException {
        List<String> l = lines("crafted-mix.pcap", new DumpOptions());
        int frame1 = l.indexOf("Frame 1");
        // ethernet has a sibling below it (protocols), so its subtree keeps the bar in column 2;
        // ipv4 is ethernet's last child, so below it the second column is blank
        assertEquals("  |-- ethernet", l.get(frame1 + 6));
        assertEquals("  |     |-- dst -> 02:00:00:00:00:0b", l.get(frame1 + 7));
        assertEquals("  |     |-- ipv4", l.get(frame1 + 10));
        assertEquals("  |           |-- version -> 4", l.get(frame1 + 11));
        // options is tcp's last child: its items hang below a blank column
        int opts = l.subList(frame1, l.size()).indexOf("  |                 |-- options") + frame1;
        assertEquals("  |                       |-- [0]", l.get(opts + 1));
        assertEquals("  |                       |     |-- kind -> 2 (MSS)", l.get(opts + 2));
        assertEquals("  |                       |-- [1]", l.get(opts + 5));
        // no line has a bar hanging below the last child of its parent
        int end = l.indexOf("Frame 2");
        assertEquals("  |-- protocols -> Ethernet:IPv4:TCP", l.get(end - 2));
        assertEquals("", l.get(end - 1));
    }

    @Test
    void longBytesWrapSixteenPerLine() throws IOException {
        List<String> l = lines("crafted-mix.pcap", new DumpOptions().bytes(true));
        int frame1 = l.indexOf("Frame 1");
        assertEquals("  |-- packet", l.get(frame1 + 6));
        assertEquals("  |     |--> 02 00 00 00 00 0b 02 00 00 00 00 0a 08 00 45 00", l.get(frame1 + 7));
        assertEquals("  |          00 3c 10 01 40 00 40 06 3e 84 c0 00 02 01 c6 33", l.get(frame1 + 8));
        int frame16 = l.indexOf("Frame 16");
        List<String> tail = l.subList(frame16, l.size());
        List<String> raw = tail.subList(tail.indexOf("  |     |-- raw"), tail.size());
        assertEquals(List.of("  |     |-- raw", "  |           |-- len -> 20", "  |           |-- data",
                "  |                 |--> 65 78 70 65 72 69 6d 65 6e 74 61 6c 20 70 61 79", "  |                      6c 6f 61 64",
                "  |-- protocols -> Ethernet:Raw"), raw.subList(0, 6));
    }
}
