package io.pcapkit.dissect;

/** Why a layer could not be dissected; the runtime turns every parser failure into one of these. */
public enum ErrorKind {
    /** a field runs past the bytes present */
    TRUNCATED,
    /** a value breaks the grammar (a version, a length smaller than its header, a bad magic) */
    INVALID,
    /** a named limit was reached (items in a list, layers in a frame) */
    LIMIT_EXCEEDED
}
