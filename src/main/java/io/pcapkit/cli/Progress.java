package io.pcapkit.cli;

import java.io.PrintStream;

/**
 * A one-line progress report on stderr for long runs: shown only when a person is watching (a
 * console), after {@link #DELAY_NANOS}, redrawn at most every {@link #PERIOD_NANOS}.
 */
final class Progress {
    /** Short runs print nothing: the line would only flicker. */
    static final long DELAY_NANOS = 1_000_000_000L;
    static final long PERIOD_NANOS = 250_000_000L;

    private final PrintStream err;
    private final long total;
    private final long started = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    /**
     * Runs {@code ex} to its end, with a progress line when {@code show} and a console is there
     * (the input's size as the total when it is a plain file), closes it and prints its problems
     * as warnings. Returns the exit code: {@link ExitCodes#OK}, or {@link ExitCodes#DATA_PROBLEMS}
     * when the input had problems. Every command that reads a capture runs it this way.
     */
    static int run(io.pcapkit.Extractor ex, java.nio.file.Path in, boolean show, PrintStream err) throws java.io.IOException {
        long total = in != null && java.nio.file.Files.isRegularFile(in) && ex.format().compression().equals("none")
                ? java.nio.file.Files.size(in) : -1;
        Progress bar = show && System.console() != null ? new Progress(err, total) : null;
        while (ex.advance()) {
            if (bar != null) bar.update(ex.count(), ex.position());
        }
        if (bar != null) bar.done();
        ex.close();
        for (io.pcapkit.capture.Problem p : ex.problems()) err.println("pcapkit: warning: " + p);
        return ex.problems().isEmpty() ? ExitCodes.OK : ExitCodes.DATA_PROBLEMS;
    }

    /** @param total the input's size in bytes, or -1 when unknown (compressed, standard input) */
    Progress(PrintStream err, long total) {
        this.err = err;
        this.total = total;
    }

    void update(long frames, long position) {
        long now = System.nanoTime();
        if (now - started < DELAY_NANOS || now - lastDraw < PERIOD_NANOS) return;
        lastDraw = now;
        double secs = (now - started) / 1e9;
        String rate = String.format("%,.0f frames/s", frames / secs);
        if (total > 0) {
            int pct = (int) Math.min(100, position * 100 / total);
            int width = 30;
            int fill = pct * width / 100;
            err.print("\r[" + "#".repeat(fill) + " ".repeat(width - fill) + "] " + pct + "%  " + String.format("%,d", frames) + " frames  " + rate + "   ");
        } else {
            err.print("\r" + String.format("%,d", frames) + " frames  " + rate + "   ");
        }
        err.flush();
        drawn = true;
    }

    void done() {
        if (drawn) {
            err.print("\r" + " ".repeat(80) + "\r");
            err.flush();
        }
    }
}
