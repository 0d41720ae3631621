package io.pcapkit.ipsuite;

/**
 * What an IP layer tells the transport layer above it for its checksum (RFC 9293 3.1, RFC 8200
 * 8.1): the source and destination addresses (4 or 16 bytes).
 */
public record PseudoHeader(byte[] src, byte[] dst) {
    /** The one's complement sum of the pseudo header for {@code protocol} and {@code length}. */
    long sum(int protocol, int length) {
        long s = Checksum.sum(src, 0, src.length) + Checksum.sum(dst, 0, dst.length);
        return s + protocol + (length & 0xffff) + ((long) length >>> 16);
    }
}
