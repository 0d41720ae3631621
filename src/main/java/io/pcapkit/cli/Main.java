package io.pcapkit.cli;

import picocli.CommandLine;

/** The {@code pcapkit} command. Exit codes: 0 ok, 1 the input had problems, 2 usage or I/O error. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new PcapkitCommand());
        cl.setExitCodeExceptionMapper(t -> ExitCodes.USAGE_OR_IO);
        return cl.execute(args);
    }
}
