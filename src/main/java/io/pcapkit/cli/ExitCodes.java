package io.pcapkit.cli;

/** The command's exit codes. */
public final class ExitCodes {
    private ExitCodes() {
    }

    public static final int OK = 0;
    /** The input had problems (a cut or corrupt record); the frames that could be read were written. */
    public static final int DATA_PROBLEMS = 1;
    /** Bad usage, or the input or output could not be read or written. */
    public static final int USAGE_OR_IO = 2;
}
