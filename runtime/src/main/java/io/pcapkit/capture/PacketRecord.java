package io.pcapkit.capture;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * One packet record as read from a capture: a reusable view whose {@link #buffer} is valid until
 * the reader's next call. {@link #copy()} keeps it.
 */
public final class PacketRecord {
    /** 1-based frame number. */
    public long number;
    /** The bytes: {@code [offset, offset + capLen)} of {@code buffer} (big-endian order, never changed). */
    public ByteBuffer buffer;
    public int offset;
    /** Bytes captured (Wireshark's {@code frame.cap_len}). */
    public int capLen;
    /** Bytes on the wire (Wireshark's {@code frame.len}). */
    public long origLen;
    public final Timestamp time = new Timestamp();
    /** pcapng interface id, or -1 for classic pcap. */
    public int interfaceId = -1;
    /** LINKTYPE_ value of the interface (FCS bits masked). */
    public long linkType;
    /** Position of the record's header in the (decompressed) file. */
    public long fileOffset;

    public Instant instant() {
        return time.instant();
    }

    /** A copy whose buffer holds only this record's bytes. */
    public PacketRecord copy() {
        PacketRecord r = new PacketRecord();
        byte[] data = new byte[capLen];
        buffer.get(offset, data, 0, capLen);
        r.buffer = ByteBuffer.wrap(data);
        r.offset = 0;
        r.capLen = capLen;
        r.origLen = origLen;
        r.number = number;
        r.time.set(time);
        r.interfaceId = interfaceId;
        r.linkType = linkType;
        r.fileOffset = fileOffset;
        return r;
    }

    /** The captured bytes as a new array. */
    public byte[] bytes() {
        byte[] data = new byte[capLen];
        buffer.get(offset, data, 0, capLen);
        return data;
    }
}
