package io.pcapkit.cli;

/**
 * Whether an error is standard output closed by its reader ({@code pcapkit extract … | head}):
 * the reader chose to stop, so the run ends quietly with the frames it had written, as Unix tools
 * end on SIGPIPE, instead of reporting an I/O error.
 */
final class ClosedOutput {
    private ClosedOutput() {
    }

    /** Whether {@code e}, or what caused it, is a write to a pipe whose reader has gone. */
    static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            // Linux and macOS say "Broken pipe" (EPIPE); Windows says "The pipe is being closed"
            if (t instanceof java.io.IOException && m != null && (m.contains("Broken pipe") || m.contains("pipe is being closed"))) return true;
        }
        return false;
    }
}
