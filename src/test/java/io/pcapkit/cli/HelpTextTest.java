package io.pcapkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Every command's {@code --help}: exit code 0, its usage line, and text as a user reads it. */
class HelpTextTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "extract", "trace", "follow"})
    void helpIsPlainText(String command) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = command.isEmpty() ? Main.run("--help") : Main.run(command, "--help");
        } finally {
            System.setOut(old);
        }
        String help = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, help);
        assertTrue(help.startsWith("Usage: pcapkit" + (command.isEmpty() ? "" : " " + command)), help);
        // Java escapes left in a description (the trace command's showed {\"flows\": ...})
        assertFalse(help.contains("\\\""), help);
        assertFalse(help.contains("\\n"), help);
        // every subcommand is listed in the top-level help
        if (command.isEmpty()) {
            for (String sub : new CommandLine(new PcapkitCommand()).getSubcommands().keySet()) assertTrue(help.contains(sub), sub);
        }
    }
}
