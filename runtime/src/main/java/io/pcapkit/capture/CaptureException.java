package io.pcapkit.capture;

import java.io.IOException;

/** The input cannot be read as a capture at all (missing, unreadable, unknown format). */
public final class CaptureException extends IOException {
    public CaptureException(String message) {
        super(message);
    }

    public CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
