package io.pcapkit.fuzz;

import static io.pcapkit.fuzz.FlowFuzzTest.APP_MESSAGES;
import static io.pcapkit.fuzz.FlowFuzzTest.KEEPS_FLOWS;
import static io.pcapkit.fuzz.FlowFuzzTest.TCP_STREAMS;
import static io.pcapkit.fuzz.FlowFuzzTest.UDP_FLOWS;
import static io.pcapkit.reassembly.TcpConnection.ACK;
import static io.pcapkit.reassembly.TcpConnection.FIN;
import static io.pcapkit.reassembly.TcpConnection.PSH;
import static io.pcapkit.reassembly.TcpConnection.RST;
import static io.pcapkit.reassembly.TcpConnection.SYN;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeds of {@link FlowFuzzTest}: named sequences of frames in the format its target reads. */
final class FlowSeeds {
    private FlowSeeds() {
    }

    /** Builds one input: the configuration, then frames. */
    private static final class In {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();

        /** {@code limit}: open flows at most (1-8); {@code idle}: the idle timeout in ms (1-256); the stream caps' bytes. */
        In(int cfg, int limit, int idle) {
            b.write(cfg | (limit - 1));
            b.write(idle - 1);
            for (int i = 0; i < 3; i++) b.write(40); // connection, total and message caps (see the target)
        }

        /**
         * A frame: IPv6 or not, UDP or TCP, to port 80 or 21, from host {@code a} to host {@code b}
         * (0-3), source port 1000 + {@code port} (0-3), a sequence number (0-255), TCP flags, a
         * payload (an index into the target's list), and the time since the last frame (bit 7:
         * backwards).
         */
        In frame(boolean v6, boolean udp, boolean http, int a, int b2, int port, int seq, int flags, int payload, int step) {
            b.write((v6 ? 1 : 0) | (udp ? 2 : 0) | (http ? 4 : 0) | 8);
            b.write(a);
            b.write(b2);
            b.write(port);
            b.write(seq);
            b.write(flags);
            b.write(payload);
            b.write(step);
            return this;
        }

        In tcp(int a, int b2, int seq, int flags, int payload, int step) {
            return frame(false, false, true, a, b2, 0, seq, flags, payload, step);
        }

        /** A TCP frame to port 53 (DNS over TCP). */
        In dns(int a, int b2, int seq, int flags, int payload, int step) {
            b.write(8 | 16);
            b.write(a);
            b.write(b2);
            b.write(0);
            b.write(seq);
            b.write(flags);
            b.write(payload);
            b.write(step);
            return this;
        }

        byte[] bytes() {
            return b.toByteArray();
        }
    }

    static void put(Map<String, byte[]> out) {
        String dir = "FlowFuzzTestInputs/flowTracking/";
        out.put(dir + "http-exchange-then-fins", new In(TCP_STREAMS | APP_MESSAGES, 2, 51).tcp(1, 2, 10, SYN, 0, 1).tcp(2, 1, 20, SYN | ACK, 0, 1)
                .tcp(1, 2, 11, ACK | PSH, 1, 1).tcp(2, 1, 21, ACK | PSH, 2, 1).tcp(1, 2, 39, FIN | ACK, 0, 1).tcp(2, 1, 60, FIN | ACK, 0, 1).bytes());
        // a malformed DNS message and the start of the next in one segment, then the next's rest
        out.put(dir + "dns-malformed-then-next", new In(TCP_STREAMS | APP_MESSAGES, 2, 51).dns(1, 2, 10, SYN, 0, 1).dns(2, 1, 20, SYN | ACK, 0, 1)
                .dns(1, 2, 11, ACK | PSH, 7, 1).dns(1, 2, 29, ACK | PSH, 8, 1).bytes());
        In flood = new In(TCP_STREAMS, 1, 2);
        for (int i = 0; i < 40; i++) flood.frame(false, false, (i & 1) == 0, i & 3, (i >> 2) & 3, i & 3, i, ACK | PSH, 1, 3);
        out.put(dir + "flood-limit-one", flood.bytes());
        // the same ports: a SYN with a new sequence number starts a new connection; time goes back; idle timeouts
        out.put(dir + "syn-reuse-time-backwards-timeouts", new In(TCP_STREAMS | APP_MESSAGES, 4, 3).tcp(1, 2, 5, SYN, 0, 1).tcp(1, 2, 6, ACK, 1, 200)
                .tcp(1, 2, 99, SYN, 0, 0x85).tcp(1, 2, 100, ACK | PSH, 3, 1).tcp(1, 2, 100, RST, 0, 250).bytes());
        In udp = new In(UDP_FLOWS | TCP_STREAMS | KEEPS_FLOWS, 3, 31);
        for (int i = 0; i < 20; i++) udp.frame((i & 1) != 0, (i & 2) != 0, false, i & 3, 3 - (i & 3), i & 3, i, ACK, i % 7, i * 13 & 0xff);
        out.put(dir + "udp-ipv6-kept-flows", udp.bytes());
        SplittableRandom rnd = new SplittableRandom(7);
        for (int n = 0; n < 4; n++) {
            byte[] b = new byte[50 + rnd.nextInt(550)];
            for (int i = 0; i < b.length; i++) b[i] = (byte) rnd.nextInt(256);
            out.put(dir + "random-" + n, b);
        }
    }
}
