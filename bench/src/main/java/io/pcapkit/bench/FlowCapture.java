package io.pcapkit.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.SplittableRandom;

/**
 * Writes a deterministic capture shaped like traffic rather than like noise, for the reassembly
 * and tracing benchmarks: TCP connections (IPv4 and IPv6) with a handshake, data both ways with
 * consecutive sequence numbers and a FIN exchange, interleaved over a pool of concurrent
 * connections; UDP request/response pairs; IPv4 datagrams in two fragments that complete; ARP.
 * {@link SyntheticCapture}'s mix gives every packet a new random 5-tuple and sequence number,
 * which is the worst case for flow state (a flood of one-packet connections), not a capture
 * anyone reassembles.
 *
 * <p>Usage: {@code FlowCapture OUT.pcap [FRAMES]} (default 1,000,000).
 */
public final class FlowCapture {
    /** Connections open at once: a busy link's worth, far below the flow table's limit. */
    private static final int CONCURRENT = 2_000;
    /** Packets per connection: 10 to 200 (handshake and FINs included). */
    private static final int MIN_PACKETS = 10;
    private static final int MAX_PACKETS = 200;
    private static final long SEED = 0xf10e_cafeL;

    private FlowCapture() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Paths.get(args.length > 0 ? args[0] : "bench/data/flows-1000000.pcap");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : SyntheticCapture.DEFAULT_FRAMES;
        long bytes = write(out, n);
        System.out.printf("%s: %,d frames, %,d bytes (%.0f bytes/frame)%n", out, n, bytes, (double) bytes / n);
    }

    /** One TCP connection's state. */
    private static final class Conn {
        boolean v6;
        long client;
        long server;
        int clientPort;
        int serverPort;
        long clientSeq;
        long serverSeq;
        int sent;
        int total;
    }

    public static long write(Path out, int n) throws IOException {
        if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
        SplittableRandom rnd = new SplittableRandom(SEED);
        Conn[] pool = new Conn[CONCURRENT];
        for (int i = 0; i < pool.length; i++) pool[i] = open(rnd);
        ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer f = ByteBuffer.allocate(1600);
        long total = 24;
        long usec = 1_700_000_000_000_000L;
        int pendingFragment = -1; // IPv4 id of a first fragment whose second is due next
        boolean fragmentVlan = false;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            ByteBuffer gh = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            gh.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
            os.write(gh.array());
            for (int i = 0; i < n; i++) {
                f.clear();
                // the second fragment of a datagram crosses the same link as the first
                boolean vlan = pendingFragment >= 0 ? fragmentVlan : rnd.nextInt(10) == 0;
                ethernet(f, vlan);
                int kind = rnd.nextInt(100);
                if (pendingFragment >= 0) {
                    f.putShort((short) 0x0800);
                    ipv4(f, 17, 400, pendingFragment, 800, false, 0x0a010001, 0xc0a80101);
                    fill(f, 400);
                    pendingFragment = -1;
                } else if (kind < 2) {
                    arp(f, rnd);
                } else if (kind < 3) {
                    // a UDP datagram of 1,200 bytes in two fragments, 800 then 400 (the second is the next frame)
                    pendingFragment = rnd.nextInt(65536);
                    fragmentVlan = vlan;
                    f.putShort((short) 0x0800);
                    ipv4(f, 17, 800, pendingFragment, 0, true, 0x0a010001, 0xc0a80101);
                    f.putShort((short) 40000).putShort((short) 9999).putShort((short) 1200).putShort((short) 0);
                    fill(f, 792);
                } else if (kind < 18) {
                    f.putShort((short) 0x0800);
                    int client = 0x0a000000 + rnd.nextInt(256);
                    int payload = 20 + rnd.nextInt(480);
                    boolean reply = rnd.nextBoolean();
                    ipv4(f, 17, 8 + payload, rnd.nextInt(65536), 0, false, reply ? 0xc0a80035 : client, reply ? client : 0xc0a80035);
                    int port = 1024 + (client & 0xff);
                    f.putShort((short) (reply ? 5001 : port)).putShort((short) (reply ? port : 5001)).putShort((short) (8 + payload)).putShort((short) 0);
                    fill(f, payload);
                } else {
                    int slot = rnd.nextInt(pool.length);
                    Conn c = pool[slot];
                    tcpSegment(f, rnd, c);
                    if (c.sent >= c.total) pool[slot] = open(rnd);
                }
                int len = f.position();
                usec += 1 + rnd.nextInt(200);
                rec.clear();
                rec.putInt((int) (usec / 1_000_000)).putInt((int) (usec % 1_000_000)).putInt(len).putInt(len);
                os.write(rec.array(), 0, 16);
                os.write(f.array(), 0, len);
                total += 16 + len;
            }
        }
        return total;
    }

    private static Conn open(SplittableRandom rnd) {
        Conn c = new Conn();
        c.v6 = rnd.nextInt(100) < 20;
        c.client = rnd.nextLong();
        c.server = rnd.nextLong();
        c.clientPort = 1024 + rnd.nextInt(60000);
        c.serverPort = rnd.nextBoolean() ? 80 : 443;
        c.clientSeq = rnd.nextInt() & 0xffffffffL;
        c.serverSeq = rnd.nextInt() & 0xffffffffL;
        c.total = MIN_PACKETS + rnd.nextInt(MAX_PACKETS - MIN_PACKETS + 1);
        return c;
    }

    /** The connection's next segment: SYN, SYN-ACK, ACK, data either way, FIN, FIN, last ACK. */
    private static void tcpSegment(ByteBuffer f, SplittableRandom rnd, Conn c) {
        int k = c.sent++;
        int left = c.total - k;
        boolean fromClient;
        int flags;
        int payload = 0;
        if (k == 0) {
            fromClient = true;
            flags = 0x002;
        } else if (k == 1) {
            fromClient = false;
            flags = 0x012;
        } else if (k == 2) {
            fromClient = true;
            flags = 0x010;
        } else if (left == 3) {
            fromClient = true;
            flags = 0x011;
        } else if (left == 2) {
            fromClient = false;
            flags = 0x011;
        } else if (left == 1) {
            fromClient = true;
            flags = 0x010;
        } else {
            fromClient = rnd.nextInt(3) == 0; // mostly downloads
            int r = rnd.nextInt(100);
            payload = r < 20 ? 0 : r < 60 ? 1 + rnd.nextInt(400) : 400 + rnd.nextInt(1000);
            flags = payload > 0 ? 0x018 : 0x010;
        }
        boolean syn = (flags & 0x002) != 0;
        int opts = syn ? 20 : 12;
        long seq = fromClient ? c.clientSeq : c.serverSeq;
        long ack = k == 0 ? 0 : (fromClient ? c.serverSeq : c.clientSeq);
        int consumed = payload + (syn ? 1 : 0) + ((flags & 0x001) != 0 ? 1 : 0);
        if (fromClient) c.clientSeq = (c.clientSeq + consumed) & 0xffffffffL;
        else c.serverSeq = (c.serverSeq + consumed) & 0xffffffffL;
        int tcpLen = 20 + opts + payload;
        if (c.v6) {
            f.putShort((short) 0x86dd);
            f.putInt(0x60000000).putShort((short) tcpLen).put((byte) 6).put((byte) 64);
            long a = fromClient ? c.client : c.server;
            long b = fromClient ? c.server : c.client;
            f.putLong(0x20010db800000000L).putLong(a);
            f.putLong(0x20010db800000000L).putLong(b);
        } else {
            f.putShort((short) 0x0800);
            int a = 0x0a000000 | (int) (c.client & 0xffffff);
            int b = 0xc0a80000 | (int) (c.server & 0xffff);
            ipv4(f, 6, tcpLen, rnd.nextInt(65536), 0, false, fromClient ? a : b, fromClient ? b : a);
        }
        f.putShort((short) (fromClient ? c.clientPort : c.serverPort)).putShort((short) (fromClient ? c.serverPort : c.clientPort));
        f.putInt((int) seq).putInt((int) ack);
        f.putShort((short) ((((20 + opts) / 4) << 12) | flags));
        f.putShort((short) 64240).putShort((short) 0).putShort((short) 0);
        if (syn) {
            f.put((byte) 2).put((byte) 4).putShort((short) 1460);
            f.put((byte) 4).put((byte) 2);
            f.put((byte) 8).put((byte) 10).putInt(rnd.nextInt()).putInt(0);
            f.put((byte) 1).put((byte) 3).put((byte) 3).put((byte) 7);
        } else {
            f.put((byte) 1).put((byte) 1).put((byte) 8).put((byte) 10).putInt(rnd.nextInt()).putInt(rnd.nextInt());
        }
        fill(f, payload);
    }

    private static void ethernet(ByteBuffer f, boolean vlan) {
        f.putShort((short) 0x0011).putInt(0x22334455);
        f.putShort((short) 0x0066).putInt(0x778899aa);
        if (vlan) f.putShort((short) 0x8100).putShort((short) (0x2000 | 42));
    }

    private static void arp(ByteBuffer f, SplittableRandom rnd) {
        f.putShort((short) 0x0806);
        f.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1);
        f.putShort((short) 0x0011).putInt(0x22334455).putInt(0x0a000001 + rnd.nextInt(250));
        f.putShort((short) 0).putInt(0).putInt(0x0a000001 + rnd.nextInt(250));
        fill(f, 18);
    }

    private static void ipv4(ByteBuffer f, int proto, int payload, int id, int fragOffset, boolean more, int src, int dst) {
        f.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload)).putShort((short) id);
        f.putShort((short) ((more ? 0x2000 : 0) | (fragOffset / 8) | (fragOffset == 0 && !more ? 0x4000 : 0)));
        f.put((byte) 64).put((byte) proto).putShort((short) 0);
        f.putInt(src).putInt(dst);
        int start = f.position() - 20;
        long sum = 0;
        for (int i = 0; i < 20; i += 2) sum += f.getShort(start + i) & 0xffff;
        while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
        f.putShort(start + 10, (short) ~sum);
    }

    private static void fill(ByteBuffer f, int n) {
        for (int k = 0; k < n; k++) f.put((byte) ('a' + k % 26));
    }
}
