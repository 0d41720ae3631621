package io.pcapkit;

/**
 * A format version as {@code major.minor}: the capture file's (pcap 2.4, pcapng 1.0) or the
 * library's.
 */
public record VersionInfo(int major, int minor) implements Comparable<VersionInfo> {
    @Override
    public int compareTo(VersionInfo o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
