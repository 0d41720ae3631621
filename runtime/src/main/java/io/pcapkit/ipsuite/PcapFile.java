package io.pcapkit.ipsuite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds a classic pcap file: the global header (byte order, microsecond or nanosecond magic,
 * version, thiszone, sigfigs, snaplen, link type) and records.
 */
public final class PcapFile {
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private boolean nanosecond;
    private int versionMajor = 2;
    private int versionMinor = 4;
    private int thiszone;
    private int sigfigs;
    private long snaplen = 262144;
    private long network;
    private final ByteArrayOutputStream records = new ByteArrayOutputStream();
    private long nextSecond = 1_700_000_000L;

    private PcapFile(long linkType) {
        this.network = linkType;
    }

    /** A little-endian microsecond pcap of {@code linkType} (1 = Ethernet). */
    public static PcapFile create(long linkType) {
        return new PcapFile(linkType);
    }

    public PcapFile bigEndian() {
        order = ByteOrder.BIG_ENDIAN;
        return this;
    }

    public PcapFile nanosecond() {
        nanosecond = true;
        return this;
    }

    public PcapFile snaplen(long s) {
        snaplen = s;
        return this;
    }

    public PcapFile version(int major, int minor) {
        versionMajor = major;
        versionMinor = minor;
        return this;
    }

    public PcapFile thiszone(int z) {
        thiszone = z;
        return this;
    }

    /** The raw network field (link type plus, in its upper bits, FCS information). */
    public PcapFile network(long n) {
        network = n;
        return this;
    }

    /** A record one second after the previous one. */
    public PcapFile add(byte[] packet) {
        return add(nextSecond, 0, packet, packet.length);
    }

    /** A record at {@code seconds} + {@code fraction} (micro- or nanoseconds), captured whole. */
    public PcapFile add(long seconds, long fraction, byte[] packet) {
        return add(seconds, fraction, packet, packet.length);
    }

    /** A record whose original length may exceed what was captured. */
    public PcapFile add(long seconds, long fraction, byte[] packet, long origLen) {
        ByteBuffer h = ByteBuffer.allocate(16).order(order);
        h.putInt((int) seconds).putInt((int) fraction).putInt(packet.length).putInt((int) origLen);
        records.writeBytes(h.array());
        records.writeBytes(packet);
        nextSecond = seconds + 1;
        return this;
    }

    /** Appends raw bytes (to craft a corrupt record). */
    public PcapFile raw(byte[] bytes) {
        records.writeBytes(bytes);
        return this;
    }

    public byte[] header() {
        ByteBuffer h = ByteBuffer.allocate(24).order(order);
        h.putInt(nanosecond ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) versionMajor).putShort((short) versionMinor)
                .putInt(thiszone).putInt(sigfigs).putInt((int) snaplen).putInt((int) network);
        return h.array();
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header());
        out.writeBytes(records.toByteArray());
        return out.toByteArray();
    }

    public Path write(Path p) throws IOException {
        return Files.write(p, toBytes());
    }
}
