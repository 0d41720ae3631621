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
 * Writes a deterministic mixed capture for benchmarks: Ethernet with 10 % 802.1Q tags, IPv4 and
 * IPv6, TCP with options (timestamps on most segments, MSS/WS/SACK-permitted on SYNs), UDP, ARP
 * and IPv4 fragments, about 360 bytes per frame on average (the mix of
 * ../shared/docs/performance-notes.md). Same seed, same bytes.
 *
 * <p>Usage: {@code SyntheticCapture OUT.pcap [FRAMES]} (default 1,000,000).
 */
public final class SyntheticCapture {
    private SyntheticCapture() {
    }

    public static final int DEFAULT_FRAMES = 1_000_000;
    private static final long SEED = 0x5eed_cafeL;

    public static void main(String[] args) throws IOException {
        Path out = Paths.get(args.length > 0 ? args[0] : "bench/data/synthetic-1000000.pcap");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_FRAMES;
        long bytes = write(out, n);
        System.out.printf("%s: %,d frames, %,d bytes (%.0f bytes/frame)%n", out, n, bytes, (double) bytes / n);
    }

    /** Writes {@code n} frames to {@code out}; returns the file size. */
    public static long write(Path out, int n) throws IOException {
        if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
        SplittableRandom rnd = new SplittableRandom(SEED);
        ByteBuffer rec = ByteBuffer.allocate(2048).order(ByteOrder.LITTLE_ENDIAN);
        long total = 24;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            ByteBuffer gh = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            gh.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
            os.write(gh.array());
            long usec = 1_700_000_000_000_000L;
            ByteBuffer frame = ByteBuffer.allocate(1600);
            for (int i = 0; i < n; i++) {
                frame.clear();
                buildFrame(frame, rnd, i);
                int len = frame.position();
                usec += 1 + rnd.nextInt(200);
                rec.clear();
                rec.putInt((int) (usec / 1_000_000)).putInt((int) (usec % 1_000_000)).putInt(len).putInt(len);
                os.write(rec.array(), 0, 16);
                os.write(frame.array(), 0, len);
                total += 16 + len;
            }
        }
        return total;
    }

    private static void buildFrame(ByteBuffer f, SplittableRandom rnd, int i) {
        int kind = rnd.nextInt(100);
        // Ethernet
        f.putShort((short) 0x0011).putInt(0x22334455);
        f.putShort((short) 0x0066).putInt(0x778899aa + (i & 0xff));
        boolean vlan = rnd.nextInt(10) == 0;
        if (vlan) f.putShort((short) 0x8100).putShort((short) (0x2000 | (10 + rnd.nextInt(100))));
        if (kind < 2) {
            arp(f, rnd);
        } else if (kind < 20) {
            f.putShort((short) 0x86dd);
            ipv6Tcp(f, rnd);
        } else if (kind < 35) {
            f.putShort((short) 0x0800);
            int up = udpPayload(rnd);
            ipv4(f, rnd, 17, 8 + up, 0, false);
            udp(f, rnd, up);
        } else if (kind < 38) {
            f.putShort((short) 0x0800);
            int payload = 8 * (20 + rnd.nextInt(100));
            ipv4(f, rnd, 17, payload, 8 * rnd.nextInt(100), rnd.nextBoolean());
            fill(f, rnd, payload);
        } else {
            f.putShort((short) 0x0800);
            tcpOverIpv4(f, rnd);
        }
    }

    private static int udpPayload(SplittableRandom rnd) {
        return 20 + rnd.nextInt(480);
    }

    private static int tcpPayload(SplittableRandom rnd) {
        int r = rnd.nextInt(100);
        return r < 35 ? 0 : r < 80 ? rnd.nextInt(400) : 400 + rnd.nextInt(1000);
    }

    private static void arp(ByteBuffer f, SplittableRandom rnd) {
        f.putShort((short) 0x0806);
        f.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) (1 + rnd.nextInt(2)));
        f.putShort((short) 0x0011).putInt(0x22334455).putInt(0x0a000001 + rnd.nextInt(250));
        f.putShort((short) 0).putInt(0).putInt(0x0a000001 + rnd.nextInt(250));
        fill(f, rnd, 18);
    }

    private static void ipv4(ByteBuffer f, SplittableRandom rnd, int proto, int payload, int fragOffset, boolean more) {
        f.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload)).putShort((short) rnd.nextInt(65536));
        f.putShort((short) ((more ? 0x2000 : 0) | (fragOffset / 8) | (fragOffset == 0 && !more ? 0x4000 : 0)));
        f.put((byte) (32 + rnd.nextInt(100))).put((byte) proto).putShort((short) rnd.nextInt(65536));
        f.putInt(0x0a000000 + rnd.nextInt(1 << 16)).putInt(0xc0a80000 + rnd.nextInt(1 << 16));
    }

    private static void tcpOverIpv4(ByteBuffer f, SplittableRandom rnd) {
        boolean syn = rnd.nextInt(20) == 0;
        int opts = syn ? 20 : (rnd.nextInt(10) < 8 ? 12 : 0);
        int payload = syn ? 0 : tcpPayload(rnd);
        ipv4(f, rnd, 6, 20 + opts + payload, 0, false);
        tcp(f, rnd, syn, opts, payload);
    }

    private static void ipv6Tcp(ByteBuffer f, SplittableRandom rnd) {
        boolean syn = rnd.nextInt(20) == 0;
        int opts = syn ? 20 : (rnd.nextInt(10) < 8 ? 12 : 0);
        int payload = syn ? 0 : tcpPayload(rnd);
        f.putInt(0x60000000 | rnd.nextInt(1 << 20)).putShort((short) (20 + opts + payload)).put((byte) 6).put((byte) 64);
        f.putLong(0x20010db800000000L).putLong(rnd.nextLong());
        f.putLong(0x20010db800000001L).putLong(rnd.nextLong());
        tcp(f, rnd, syn, opts, payload);
    }

    private static void tcp(ByteBuffer f, SplittableRandom rnd, boolean syn, int opts, int payload) {
        f.putShort((short) (1024 + rnd.nextInt(60000))).putShort((short) (rnd.nextBoolean() ? 80 : 443));
        f.putInt(rnd.nextInt()).putInt(rnd.nextInt());
        int flags = syn ? 0x002 : (payload > 0 ? 0x018 : 0x010);
        f.putShort((short) ((((20 + opts) / 4) << 12) | flags));
        f.putShort((short) (1024 + rnd.nextInt(64000))).putShort((short) rnd.nextInt(65536)).putShort((short) 0);
        if (syn) {
            f.put((byte) 2).put((byte) 4).putShort((short) 1460);           // MSS
            f.put((byte) 4).put((byte) 2);                                    // SACK permitted
            f.put((byte) 8).put((byte) 10).putInt(rnd.nextInt()).putInt(0);  // timestamps
            f.put((byte) 1).put((byte) 3).put((byte) 3).put((byte) 7);       // NOP, window scale 7
        } else if (opts == 12) {
            f.put((byte) 1).put((byte) 1).put((byte) 8).put((byte) 10).putInt(rnd.nextInt()).putInt(rnd.nextInt());
        }
        fill(f, rnd, payload);
    }

    private static void udp(ByteBuffer f, SplittableRandom rnd, int payload) {
        f.putShort((short) (1024 + rnd.nextInt(60000))).putShort((short) (rnd.nextBoolean() ? 53 : 123));
        f.putShort((short) (8 + payload)).putShort((short) rnd.nextInt(65536));
        fill(f, rnd, payload);
    }

    private static void fill(ByteBuffer f, SplittableRandom rnd, int n) {
        for (int k = 0; k < n; k++) f.put((byte) k);
    }
}
