package io.pcapkit.reassembly;

import io.pcapkit.frame.Formats;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One IP datagram put back together from its fragments, or given up: its key (addresses,
 * identification, protocol), the frames that carried it in arrival order, the header of its
 * first fragment (offset 0), its payload when complete (or the runs of bytes received when not),
 * what went wrong on the way, and how it ended.
 */
public final class Datagram {
    /** How a datagram's reassembly ended. */
    public enum End {
        /** Every byte arrived: {@link #payload()} is the whole payload. */
        COMPLETED,
        /** Nothing arrived for longer than the timeout (capture time). */
        TIMED_OUT,
        /** Evicted to stay under the limits on datagrams in progress or memory. */
        EVICTED,
        /** Abandoned: overlap under drop-on-overlap, oversize, too many fragments, inconsistent end. */
        DROPPED,
        /** Still open when the input ended. */
        INCOMPLETE
    }

    /** Bytes received at {@code start} (offset in the payload). */
    public record Run(int start, byte[] data) {
        public int end() {
            return start + data.length;
        }
    }

    private final int version;
    private final byte[] src;
    private final byte[] dst;
    private final long id;
    private final int protocol;
    private final End end;
    private final long[] frames;
    private final Set<Anomaly> anomalies;
    private final byte[] header;
    private final byte[] payload;
    private final List<Run> runs;
    private final Instant first;
    private final Instant last;

    Datagram(int version, byte[] src, byte[] dst, long id, int protocol, End end, long[] frames, Set<Anomaly> anomalies, byte[] header,
            byte[] payload, List<Run> runs, Instant first, Instant last) {
        this.version = version;
        this.src = src;
        this.dst = dst;
        this.id = id;
        this.protocol = protocol;
        this.end = end;
        this.frames = frames;
        this.anomalies = anomalies.isEmpty() ? Collections.emptySet() : Collections.unmodifiableSet(EnumSet.copyOf(anomalies));
        this.header = header;
        this.payload = payload;
        this.runs = runs;
        this.first = first;
        this.last = last;
    }

    /** 4 or 6. */
    public int version() {
        return version;
    }

    public byte[] src() {
        return src.clone();
    }

    public byte[] dst() {
        return dst.clone();
    }

    /** The source address as text (dotted IPv4, compressed IPv6 as tshark writes it). */
    public String srcText() {
        return text(src);
    }

    public String dstText() {
        return text(dst);
    }

    private static String text(byte[] a) {
        StringBuilder b = new StringBuilder();
        if (a.length == 4) Formats.ipv4(b, ByteBuffer.wrap(a), 0);
        else Formats.ipv6(b, ByteBuffer.wrap(a), 0);
        return b.toString();
    }

    /** The identification (16 bits for IPv4, 32 for IPv6). */
    public long id() {
        return id;
    }

    /**
     * The payload's protocol: IPv4's protocol field (part of the key), IPv6's next header from the
     * first fragment's Fragment header, or -1 when the first fragment never arrived.
     */
    public int protocol() {
        return protocol;
    }

    public End end() {
        return end;
    }

    public boolean completed() {
        return end == End.COMPLETED;
    }

    /** Frame numbers of the fragments, in arrival order (duplicates included). */
    public long[] frames() {
        return frames.clone();
    }

    /** The frame that completed the datagram (the last fragment to arrive), or -1. */
    public long completedIn() {
        return end == End.COMPLETED ? frames[frames.length - 1] : -1;
    }

    public Set<Anomaly> anomalies() {
        return anomalies;
    }

    /**
     * The header of the fragment at offset 0 as it arrived (IPv4 with its options; for IPv6 the
     * fixed header and the extension headers before the Fragment header), or null when it never did.
     */
    public byte[] header() {
        return header == null ? null : header.clone();
    }

    /** The reassembled payload (after the header), or null when the datagram did not complete. */
    public byte[] payload() {
        return payload == null ? null : payload.clone();
    }

    /** The payload itself (not a copy), for the hook that dissects it. */
    byte[] payloadArray() {
        return payload;
    }

    /** The payload's length, or -1 when the datagram did not complete. */
    public int length() {
        return payload == null ? -1 : payload.length;
    }

    /** The runs of payload bytes received, in offset order (one run when complete). */
    public List<Run> runs() {
        return runs;
    }

    /** Time of the first and the last fragment (capture time). */
    public Instant firstTime() {
        return first;
    }

    public Instant lastTime() {
        return last;
    }

    @Override
    public String toString() {
        return "IPv" + version + " " + srcText() + " > " + dstText() + " id 0x" + Long.toHexString(id) + " " + end.name().toLowerCase()
                + " frames " + java.util.Arrays.toString(frames) + (payload != null ? " " + payload.length + " bytes" : "")
                + (anomalies.isEmpty() ? "" : " " + anomalies);
    }
}
