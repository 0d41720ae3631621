package io.pcapkit.capture;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs tshark on a crafted file to cross-check the readers; tests skip when it is not installed. */
final class Tshark {
    private Tshark() {
    }

    static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "tshark"))) return true;
        }
        return false;
    }

    /** {@code tshark -r file -T fields -e f1 -e f2 ...}: one row per frame, columns split on tabs. */
    static List<String[]> fields(Path file, String... fields) throws IOException, InterruptedException {
        assumeTrue(available(), "tshark not installed: cross-check skipped");
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(), "-T", "fields", "-E", "separator=/t"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        List<String[]> rows = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) rows.add(line.split("\t", -1));
        }
        return rows;
    }
}
