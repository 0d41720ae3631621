package io.pcapkit.dissect;

/** How a field's value is shown to a person; the machine-readable value is always kept. */
public enum Format {
    /** decimal integer */
    DEC,
    /** integer shown as 0x-prefixed hex (checksums); still a number in JSON */
    HEX,
    /** six bytes as aa:bb:cc:dd:ee:ff */
    MAC,
    /** four bytes (or a u4) as a dotted quad */
    IPV4,
    /** sixteen bytes in RFC 5952 form */
    IPV6,
    /** bytes decoded as text (ASCII/UTF-8) */
    TEXT,
    /** bytes as lower-case hex */
    BYTES
}
