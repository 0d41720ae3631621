package io.pcapkit.ipsuite;

/** The Internet checksum (RFC 1071): the one's complement of the one's complement sum of 16-bit words. */
public final class Checksum {
    private Checksum() {
    }

    /** Sum of big-endian 16-bit words of {@code b[off, off+len)} (a trailing odd byte is padded with zero). */
    static long sum(byte[] b, int off, int len) {
        long s = 0;
        int i = off;
        for (; i + 1 < off + len; i += 2) s += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        if (i < off + len) s += (b[i] & 0xff) << 8;
        return s;
    }

    /** Folds a sum to 16 bits and complements it. */
    static int fold(long s) {
        while ((s >>> 16) != 0) s = (s & 0xffff) + (s >>> 16);
        return (int) (~s & 0xffff);
    }

    /** The checksum of {@code b[off, off+len)}. */
    public static int of(byte[] b, int off, int len) {
        return fold(sum(b, off, len));
    }
}
