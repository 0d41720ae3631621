package io.pcapkit;

import io.pcapkit.reassembly.DefragStats;
import io.pcapkit.reassembly.StreamOptions;
import io.pcapkit.reassembly.TcpStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The floods of {@link ReassemblyFloodTest}, run in a JVM of their own under a small heap: a
 * capture made on the fly (an InputStream that writes each record when it is read: no file, no
 * memory growing with the input) goes through {@link Pcapkit#extract} with reassembly on, as the
 * CLI runs it. Prints one line of counts for the parent to check.
 *
 * <pre>
 * fragments N     N IPv4 first fragments (more fragments set), each of another datagram: none completes
 * half-open N CAP N TCP connections: a SYN, then 256 bytes after a hole of 1,000 (never filled); CAP bytes over all connections
 * </pre>
 */
public final class Flood {
    /** Bytes each half-open connection sends after its hole: 65,536 flows of them are over 8 MB. */
    static final int HALF_OPEN_DATA = 256;

    private Flood() {
    }

    public static void main(String[] args) throws IOException {
        String what = args[0];
        long n = Long.parseLong(args[1]);
        long t0 = System.nanoTime();
        ReassembleOptions r = new ReassembleOptions();
        InputStream in;
        if (what.equals("fragments")) {
            r.what("ip");
            in = new Generated(n, Flood::fragment);
        } else {
            long cap = Long.parseLong(args[2]);
            r.what("ip,tcp").streams(new StreamOptions().maxTotalBytes(cap));
            in = new Generated(2 * n, Flood::halfOpen);
        }
        long[] datagrams = {0};
        // a pcap copy needs no dissection: a datagram callback asks for reassembly's results
        try (Extractor ex = Pcapkit.extract(in, what).output(OutputStream.nullOutputStream()).format("pcap").reassemble(r)
                .onDatagram(d -> datagrams[0]++).run()) {
            long frames = ex.count();
            double secs = (System.nanoTime() - t0) / 1e9;
            Runtime rt = Runtime.getRuntime();
            StringBuilder out = new StringBuilder("flood " + what + " frames=" + frames + " seconds=" + String.format("%.1f", secs)
                    + " heapUsedMB=" + (rt.totalMemory() - rt.freeMemory()) / (1 << 20) + " maxHeapMB=" + rt.maxMemory() / (1 << 20));
            DefragStats v4 = ex.ipv4Stats();
            if (v4 != null) {
                out.append(" datagrams=").append(datagrams[0]).append(" fragments=").append(v4.fragments()).append(" completed=").append(v4.completed()).append(" evicted=").append(v4.evicted())
                        .append(" timedOut=").append(v4.timedOut()).append(" dropped=").append(v4.dropped()).append(" incompleteAtEnd=")
                        .append(v4.incompleteAtEnd()).append(" peakDatagrams=").append(v4.peakDatagrams()).append(" peakMemory=").append(v4.peakMemory());
            }
            TcpStats tcp = ex.tcpStats();
            if (tcp != null) {
                out.append(" connections=").append(tcp.connections()).append(" outOfOrder=").append(tcp.outOfOrder()).append(" relieved=")
                        .append(tcp.relieved()).append(" reliefVisits=").append(tcp.reliefVisits()).append(" peakBytes=").append(tcp.peakBytes()).append(" gaps=").append(tcp.gaps());
            }
            long[] flows = ex.flowCounts();
            out.append(" tcpFlows=").append(flows[0]).append(" udpFlows=").append(flows[1]);
            System.out.println(out);
        }
    }

    /** Frame {@code i} of a flood. */
    interface Frames {
        int write(long i, ByteBuffer b);
    }

    /** Ethernet, IPv4 first fragment of datagram i (source address and id from i), 8 bytes of data. */
    static int fragment(long i, ByteBuffer b) {
        ethernet(b, 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) 28).putShort((short) i).putShort((short) 0x2000).put((byte) 64).put((byte) 17)
                .putShort((short) 0).putInt(0x0a000000 | (int) (i >>> 16)).putInt(0xc0000202);
        b.putLong(i);
        return 14 + 28;
    }

    /** Connection i/2 (client port and address from it): even frames a SYN, odd ones 64 bytes after a hole. */
    static int halfOpen(long i, ByteBuffer b) {
        long c = i / 2;
        boolean syn = i % 2 == 0;
        int payload = syn ? 0 : HALF_OPEN_DATA;
        ethernet(b, 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (40 + payload)).putShort((short) 0).putShort((short) 0x4000).put((byte) 64)
                .put((byte) 6).putShort((short) 0).putInt(0x0a000000 | (int) (c >>> 14)).putInt(0xc0000202);
        b.putShort((short) (1024 + (c & 0x3fff))).putShort((short) 80).putInt(syn ? 1000 : 1000 + 1 + 1000).putInt(0)
                .put((byte) 0x50).put((byte) (syn ? 0x02 : 0x18)).putShort((short) 65535).putShort((short) 0).putShort((short) 0);
        for (int k = 0; k < payload; k++) b.put((byte) 'x');
        return 14 + 40 + payload;
    }

    private static void ethernet(ByteBuffer b, int type) {
        b.putLong(0x0000_0200_0000_0001L).putInt(0x0200_0000).putShort((short) type);
        b.position(14);
    }

    /** A pcap of {@code n} frames made as it is read. */
    static final class Generated extends InputStream {
        private final long n;
        private final Frames frames;
        private final ByteBuffer rec = ByteBuffer.allocate(16 + 2048).order(ByteOrder.LITTLE_ENDIAN);
        private final ByteBuffer frame = ByteBuffer.allocate(2048);
        private long next;

        Generated(long n, Frames frames) {
            this.n = n;
            this.frames = frames;
            rec.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1).flip();
        }

        private boolean fill() {
            if (rec.hasRemaining()) return true;
            if (next >= n) return false;
            frame.clear();
            int len = frames.write(next, frame);
            long usec = next; // one frame a microsecond: no datagram or flow times out
            rec.clear();
            rec.putInt((int) (usec / 1_000_000)).putInt((int) (usec % 1_000_000)).putInt(len).putInt(len).put(frame.array(), 0, len).flip();
            next++;
            return true;
        }

        @Override
        public int read() {
            return fill() ? rec.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) return 0;
            int done = 0;
            while (done < len && fill()) {
                int k = Math.min(len - done, rec.remaining());
                rec.get(b, off + done, k);
                done += k;
            }
            return done == 0 ? -1 : done;
        }
    }
}
