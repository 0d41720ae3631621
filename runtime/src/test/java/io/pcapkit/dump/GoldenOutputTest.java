package io.pcapkit.dump;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import io.pcapkit.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every format's output for our own captures, compared byte for byte with
 * {@code testdata/golden/}. Output is in UTC and has no run-dependent content, so the files hold
 * on any machine. After an intended change, regenerate them with
 * {@code mvn -B -pl runtime -am test -Dtest=GoldenOutputTest -Dsurefire.failIfNoSpecifiedTests=false -Dpcapkit.updateGolden=true}
 * and review the diff: the test then reports each rewritten file as aborted, never as passed.
 */
class GoldenOutputTest {
    static Stream<Arguments> cases() {
        DumpOptions plain = new DumpOptions();
        DumpOptions all = new DumpOptions().bytes(true).offsets(true);
        return Stream.of(
                Arguments.of("crafted-mix.pcap", "json", plain, "crafted-mix.pcap.json"),
                Arguments.of("crafted-mix.pcap", "ndjson", plain, "crafted-mix.pcap.ndjson"),
                Arguments.of("crafted-mix.pcap", "plist", plain, "crafted-mix.pcap.plist"),
                Arguments.of("crafted-mix.pcap", "tree", plain, "crafted-mix.pcap.txt"),
                Arguments.of("crafted-mix.pcap", "pcapng", plain, "crafted-mix.pcap.pcapng"),
                Arguments.of("crafted-mix.pcap", "json", all, "crafted-mix.pcap.bytes-offsets.json"),
                Arguments.of("crafted-mix.pcap", "tree", all, "crafted-mix.pcap.bytes-offsets.txt"),
                Arguments.of("crafted-mix.pcapng", "json", plain, "crafted-mix.pcapng.json"),
                Arguments.of("crafted-mix.pcapng", "pcap", plain, "crafted-mix.pcapng.pcap"),
                Arguments.of("crafted-mix-nsec.pcap", "ndjson", plain, "crafted-mix-nsec.pcap.ndjson"),
                Arguments.of("mixed-linktypes.pcapng", "tree", plain, "mixed-linktypes.pcapng.txt"),
                Arguments.of("mixed-linktypes.pcapng", "pcap", plain, "mixed-linktypes.pcapng.pcap"),
                Arguments.of("mixed-linktypes.pcapng", "pcapng", plain, "mixed-linktypes.pcapng.pcapng"),
                Arguments.of("http-loopback.pcap", "json", plain, "http-loopback.pcap.json"),
                Arguments.of("http-loopback.pcap", "ndjson", all, "http-loopback.pcap.bytes-offsets.ndjson"));
    }

    @ParameterizedTest(name = "{0} as {1} = golden/{3}")
    @MethodSource("cases")
    void matchesGolden(String capture, String format, DumpOptions options, String golden) throws IOException {
        byte[] actual = Fixtures.dump(Fixtures.testdata(capture), format, options);
        assertTrue(actual.length > 0, "empty output");
        Path file = Corpus.repoRoot().resolve("testdata/golden").resolve(golden);
        if (Boolean.getBoolean("pcapkit.updateGolden")) {
            Files.createDirectories(file.getParent());
            Files.write(file, actual);
            abort("rewrote " + file + ": review the diff");
        }
        assertTrue(Files.isRegularFile(file), "no golden file " + file + " (run with -Dpcapkit.updateGolden=true to create it)");
        byte[] expected = Files.readAllBytes(file);
        if (!Arrays.equals(expected, actual)) fail(describe(expected, actual, Dumpers.isBinary(format)));
    }

    /** Where the output first differs, with context, so a failure can be read without a diff tool. */
    private static String describe(byte[] expected, byte[] actual, boolean binary) {
        int i = Arrays.mismatch(expected, actual);
        String msg = "output differs from the golden file at byte " + i + " (golden " + expected.length + " bytes, now "
                + actual.length + ")";
        if (binary) return msg;
        int from = Math.max(0, i - 120);
        return msg + "\n--- golden:\n" + new String(expected, from, Math.min(expected.length, i + 120) - from, StandardCharsets.UTF_8)
                + "\n--- now:\n" + new String(actual, from, Math.min(actual.length, i + 120) - from, StandardCharsets.UTF_8);
    }
}
