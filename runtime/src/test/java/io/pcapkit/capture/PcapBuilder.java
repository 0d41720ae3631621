package io.pcapkit.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes classic pcap files in memory for tests: any of the four magics, records with chosen (and
 * if need be lying) lengths, and the offset of every record header for cut tests.
 */
public final class PcapBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean le;
    private final List<Long> recordOffsets = new ArrayList<>();

    public PcapBuilder(boolean littleEndian, boolean nanosecond, long snaplen, long network) {
        this.le = littleEndian;
        put(4, nanosecond ? 0xa1b23c4dL : 0xa1b2c3d4L);
        put(2, 2);
        put(2, 4);
        put(4, 0);
        put(4, 0);
        put(4, snaplen);
        put(4, network);
    }

    /** Ethernet, microseconds, little-endian, snap length 65535. */
    public static PcapBuilder ethernet() {
        return new PcapBuilder(true, false, 65535, 1);
    }

    /** A well-formed record: captured length = original length = data length. */
    public PcapBuilder record(long sec, long frac, byte[] data) {
        return record(sec, frac, data.length, data.length, data);
    }

    /** A record whose header may lie: {@code incl} and {@code orig} are written as given. */
    public PcapBuilder record(long sec, long frac, long incl, long orig, byte[] data) {
        recordOffsets.add((long) out.size());
        put(4, sec);
        put(4, frac);
        put(4, incl);
        put(4, orig);
        out.writeBytes(data);
        return this;
    }

    /** Raw bytes (garbage, a partial header). */
    public PcapBuilder raw(byte[] data) {
        out.writeBytes(data);
        return this;
    }

    public int size() {
        return out.size();
    }

    /** Offsets of the record headers written so far. */
    public List<Long> recordOffsets() {
        return recordOffsets;
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    private void put(int n, long v) {
        ByteBuffer b = ByteBuffer.allocate(n).order(le ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        if (n == 2) b.putShort((short) v);
        else b.putInt((int) v);
        out.writeBytes(b.array());
    }

    /** {@code n} bytes counting up from {@code seed}: recognisable packet contents. */
    public static byte[] payload(int n, int seed) {
        byte[] d = new byte[n];
        for (int i = 0; i < n; i++) d[i] = (byte) (seed + i);
        return d;
    }
}
