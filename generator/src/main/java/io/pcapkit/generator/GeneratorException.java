package io.pcapkit.generator;

/** A grammar or registry problem, reported as {@code file: key/path: message} and failing the build. */
public final class GeneratorException extends RuntimeException {
    public GeneratorException(String where, String message) {
        super(where + ": " + message);
    }

    public GeneratorException(String message) {
        super(message);
    }
}
