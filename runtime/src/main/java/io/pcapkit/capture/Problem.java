package io.pcapkit.capture;

/**
 * Something wrong with the capture file itself, at a byte offset of the (decompressed) file.
 *
 * @param kind    what went wrong
 * @param offset  where, in bytes from the start of the file
 * @param message one sentence for people, naming what was found and what the reader did
 */
public record Problem(Kind kind, long offset, String message) {
    public enum Kind {
        /** the file ends inside a record: the records before it were read */
        TRUNCATED,
        /** a record header that cannot be right (a length beyond the limits or the bytes left) */
        CORRUPT,
        /** reading went on at a plausible record after a corrupt one */
        RESYNCHRONISED,
        /** reading stopped here */
        STOPPED,
        /** a block or option that was skipped */
        SKIPPED
    }

    @Override
    public String toString() {
        return "offset " + offset + ": " + message;
    }
}
