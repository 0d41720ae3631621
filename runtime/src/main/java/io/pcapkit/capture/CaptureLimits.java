package io.pcapkit.capture;

/** Bounds of the capture readers, each with the reason for its value. */
public final class CaptureLimits {
    private CaptureLimits() {
    }

    /**
     * Largest packet accepted whatever the header's snap length says: Wireshark's own maximum
     * (WTAP_MAX_PACKET_SIZE_STANDARD, 256 KiB) covers every link type but a few exotic ones; a
     * larger captured length is a corrupt record header.
     */
    public static final int MAX_PACKET_BYTES = 262_144;

    /**
     * Largest pcapng block. Wireshark refuses blocks over 16 MiB (MAX_BLOCK_SIZE); a name
     * resolution block or a long comment stays far below it.
     */
    public static final int MAX_BLOCK_BYTES = 16 * 1024 * 1024;

    /**
     * How far the pcap reader searches for the next plausible record after a corrupt header: a few
     * hundred maximal packets, enough to step over a damaged stretch, bounded so a garbage file is
     * rejected in milliseconds rather than scanned to its end.
     */
    public static final int RESYNC_WINDOW = 1 << 20;

    /** Problems kept per file; a damaged file can have thousands, the first ones tell the story. */
    public static final int MAX_PROBLEMS = 1000;

    /** pcapng interfaces per section: 65,536 covers any real capture; more means a looping writer. */
    public static final int MAX_INTERFACES = 65_536;

    /**
     * Bytes of interface description blocks kept per pcapng section (their options are shown in
     * the header output, so they are kept while the section lasts). Real interfaces take well
     * under a kilobyte each; one maximal block's worth bounds the state a hostile file can build
     * with many interfaces. Beyond it an interface keeps its link type and snap length only.
     */
    public static final int MAX_INTERFACE_BYTES = MAX_BLOCK_BYTES;

    /**
     * Memory the xz decompressor may take, in KiB. An xz file's block header names the LZMA2
     * dictionary size (up to 1.5 GiB) and the decoder allocates that much before the first byte:
     * a 100-byte file could claim it. {@code xz -9}, the largest preset, uses a 64 MiB dictionary
     * (65,640 KiB of decoder memory), so every file a standard xz makes opens; a larger claim is
     * refused as bad xz data.
     */
    public static final int MAX_XZ_MEMORY_KIB = 66 * 1024;

    /**
     * The largest zstd window the decompressor accepts, as a power of two: 2^27 = 128 MiB. A zstd
     * frame header names its window (up to 2^41) and the decoder allocates it natively, outside
     * the Java heap; {@code zstd --ultra -22} and {@code zstd --long} use 2^27, the largest window
     * the standard tool makes without {@code --memory}, so every such file opens and a larger
     * claim is refused as bad zstd data.
     */
    public static final int MAX_ZSTD_WINDOW_LOG = 27;
}
