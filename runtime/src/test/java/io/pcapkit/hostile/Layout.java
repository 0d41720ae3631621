package io.pcapkit.hostile;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Where the records of a well-formed capture lie, worked out independently of the readers (a
 * few lines of framing, no grammar): the oracle for cut tests.
 *
 * @param packets    {start, end} of each packet record (pcap record, or EPB/SPB/PB block)
 * @param boundaries every record or block boundary, the start of the first one included
 * @param firstStart where the first record (pcap) or the block after the first SHB (pcapng) starts
 */
record Layout(List<long[]> packets, TreeSet<Long> boundaries, long firstStart) {
    static Layout of(byte[] d) {
        ByteBuffer b = ByteBuffer.wrap(d);
        List<long[]> packets = new ArrayList<>();
        TreeSet<Long> bounds = new TreeSet<>();
        if ((b.getInt(0) & 0xffffffffL) == 0x0a0d0d0aL) {
            long first = -1;
            int pos = 0;
            ByteOrder order = ByteOrder.BIG_ENDIAN;
            while (pos + 12 <= d.length) {
                boolean shb = b.order(ByteOrder.BIG_ENDIAN).getInt(pos) == 0x0a0d0d0a;
                if (shb) order = b.getInt(pos + 8) == 0x1a2b3c4d ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
                b.order(order);
                int type = b.getInt(pos);
                long len = b.getInt(pos + 4) & 0xffffffffL;
                if (len < 12 || pos + len > d.length) break;
                bounds.add((long) pos);
                if (first < 0 && !shb) first = pos;
                if (type == 2 || type == 3 || type == 6) packets.add(new long[] {pos, pos + len});
                pos += (int) len;
                bounds.add((long) pos);
            }
            return new Layout(packets, bounds, first < 0 ? d.length : first);
        }
        long m = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0) & 0xffffffffL;
        b.order(m == 0xa1b2c3d4L || m == 0xa1b23c4dL ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        long pos = 24;
        bounds.add(pos);
        while (pos + 16 <= d.length) {
            long incl = b.getInt((int) pos + 8) & 0xffffffffL;
            long end = pos + 16 + incl;
            if (end > d.length) break;
            packets.add(new long[] {pos, end});
            bounds.add(end);
            pos = end;
        }
        return new Layout(packets, bounds, 24);
    }

    /** Packets whose record lies wholly before {@code cut}. */
    int packetsBefore(long cut) {
        int n = 0;
        for (long[] p : packets) if (p[1] <= cut) n++;
        return n;
    }

    /** The start of the record or block that {@code cut} falls inside, or -1 on a boundary. */
    long blockAround(long cut) {
        if (boundaries.contains(cut)) return -1;
        Long lo = boundaries.lower(cut);
        return lo == null ? -1 : lo;
    }
}
