package io.pcapkit.fuzz;

/** What a file's first bytes say it is, as the readers' magic detection sees it. */
enum Magic {
    PCAP, PCAPNG, COMPRESSED, OTHER;

    static Magic of(byte[] d) {
        if (d.length >= 2 && (d[0] & 0xff) == 0x1f && (d[1] & 0xff) == 0x8b) return COMPRESSED; // gzip
        if (d.length >= 4 && (d[0] & 0xff) == 0xfd && d[1] == '7' && d[2] == 'z' && d[3] == 'X') return COMPRESSED; // xz
        if (d.length >= 4 && (d[0] & 0xff) == 0x28 && (d[1] & 0xff) == 0xb5 && (d[2] & 0xff) == 0x2f && (d[3] & 0xff) == 0xfd) {
            return COMPRESSED; // zstd
        }
        if (d.length < 4) return OTHER;
        long m = ((d[0] & 0xffL) << 24) | ((d[1] & 0xffL) << 16) | ((d[2] & 0xffL) << 8) | (d[3] & 0xffL);
        if (m == 0xa1b2c3d4L || m == 0xd4c3b2a1L || m == 0xa1b23c4dL || m == 0x4d3cb2a1L) return PCAP;
        if (m == 0x0a0d0d0aL) return PCAPNG;
        return OTHER;
    }
}
