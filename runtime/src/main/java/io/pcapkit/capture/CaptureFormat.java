package io.pcapkit.capture;

/**
 * What a capture file is: its container, byte order, timestamp precision and the compression it
 * was read through.
 *
 * @param container     {@code pcap} or {@code pcapng}
 * @param littleEndian  byte order of the (first) section
 * @param nanosecond    classic pcap with nanosecond timestamps
 * @param compression   {@code none}, {@code gzip}, {@code xz} or {@code zstd}
 */
public record CaptureFormat(String container, boolean littleEndian, boolean nanosecond, String compression) {
    @Override
    public String toString() {
        return container + "-" + (littleEndian ? "le" : "be") + (container.equals("pcap") ? (nanosecond ? "-nsec" : "-usec") : "")
                + (compression.equals("none") ? "" : " (" + compression + ")");
    }
}
