package io.pcapkit.dump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dd.plist.NSDictionary;
import com.dd.plist.PropertyListParser;
import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Dissector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files mode: PyPCAPKit's file names, and every file a complete document of its format. */
class FilesModeTest {
    private static Set<String> run(String capture, String format, Path dir) throws IOException {
        try (CaptureReader r = CaptureInput.open(Fixtures.testdata(capture)); Dumper d = Dumpers.createFiles(format, dir, new DumpOptions())) {
            assertEquals(format.equals("pcap") || format.equals("pcapng"), !d.wantsLayers());
            Dumpers.dump(r, new Dissector(), d);
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> expectedNames(String format, int frames) {
        String ext = Dumpers.extension(format);
        Set<String> names = new TreeSet<>();
        if (!format.equals("ndjson")) names.add("Global Header." + ext);
        for (int i = 1; i <= frames; i++) names.add("Frame " + i + "." + ext);
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "ndjson"})
    void jsonFilesEachParse(String format, @TempDir Path dir) throws IOException {
        assertEquals(expectedNames(format, 18), run("mixed-linktypes.pcapng", format, dir));
        Map<String, Object> whole = Fixtures.map(Fixtures.json(Fixtures.dump(Fixtures.testdata("mixed-linktypes.pcapng"), "json")));
        for (int i = 1; i <= 18; i++) {
            Object doc = Fixtures.json(Files.readAllBytes(dir.resolve("Frame " + i + ".json")));
            Object frame = format.equals("json") ? Fixtures.at(doc, "Frame " + i) : doc;
            if (format.equals("json")) assertEquals(Set.of("Frame " + i), Fixtures.map(doc).keySet());
            assertEquals(whole.get("Frame " + i), frame, "frame " + i);
        }
        if (format.equals("json")) {
            Object header = Fixtures.json(Files.readAllBytes(dir.resolve("Global Header.json")));
            assertEquals(whole.get("Global Header"), Fixtures.at(header, "Global Header"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plist", "tree"})
    void textFilesEachStandAlone(String format, @TempDir Path dir) throws Exception {
        Set<String> names = run("crafted-mix.pcap", format, dir);
        assertEquals(expectedNames(format, 16), names);
        for (String name : names) {
            byte[] b = Files.readAllBytes(dir.resolve(name));
            String record = name.substring(0, name.lastIndexOf('.'));
            if (format.equals("plist")) {
                NSDictionary d = (NSDictionary) PropertyListParser.parse(b);
                assertEquals(Set.of(record), d.keySet());
            } else {
                List<String> lines = new String(b, StandardCharsets.UTF_8).lines().toList();
                assertEquals(TreeDumper.TITLE, lines.get(0));
                assertEquals(record, lines.get(2));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pcap", "pcapng"})
    void captureFilesEachHoldOneFrame(String format, @TempDir Path dir) throws IOException {
        assertEquals(expectedNames(format, 18), run("mixed-linktypes.pcapng", format, dir));
        List<PacketRecord> frames = Fixtures.records(Fixtures.testdata("mixed-linktypes.pcapng"));
        assertTrue(Fixtures.records(dir.resolve("Global Header." + format)).isEmpty());
        for (int i = 1; i <= 18; i++) {
            List<PacketRecord> one = Fixtures.records(dir.resolve("Frame " + i + "." + format));
            assertEquals(1, one.size(), "frame " + i);
            PacketRecord a = frames.get(i - 1);
            assertArrayEquals(a.bytes(), one.get(0).bytes());
            assertEquals(a.linkType, one.get(0).linkType, "each file keeps its frame's link type");
            assertEquals(a.instant(), one.get(0).instant());
        }
    }
}
