package io.pcapkit.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.LayerHooks;
import io.pcapkit.flow.Flow;
import io.pcapkit.flow.FlowHook;
import io.pcapkit.flow.FlowListener;
import io.pcapkit.flow.FlowOptions;
import io.pcapkit.reassembly.AppStreams;
import io.pcapkit.reassembly.StreamOptions;
import io.pcapkit.reassembly.TcpStreams;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Flow tracking (the flow table, TCP streams, application messages) fed frames built from the
 * input: TCP and UDP over IPv4 and IPv6 between a handful of addresses and ports (so 5-tuples
 * repeat, connections are reused and flows evicted), any flags, sequence numbers, payloads
 * (HTTP-, FTP- and DNS-over-TCP-looking or not) and times (idle timeouts, time going backwards). The first byte picks
 * small limits. After every frame: at most the limit of flows open, every flow that ended had
 * started and ends once, nothing is heard of a flow after it ended. At the end every flow has
 * ended. Nothing may throw.
 */
class FlowFuzzTest {
    // the configuration byte: the limit of open flows less one in its low three bits, then these
    static final int UDP_FLOWS = 8;
    static final int TCP_STREAMS = 16;
    static final int APP_MESSAGES = 32;
    static final int KEEPS_FLOWS = 64;

    private static final String[] PAYLOADS = {"", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc",
        "HTTP/1.1 200 OK\r\nContent-Length: 99", "USER x\r\n", "220 ready\r\n", "\u0000\u000c\u0001\u0002",
        // DNS over TCP: a 12-byte message whose answer count says 1 with no record (malformed
        // within its length), then the first 4 bytes of the next; the rest of that next message
        "\0\014\013\255\201\200\0\0\0\001\0\0\0\0" + "\0\014\140\r",
        "\001\0\0\0\0\0\0\0\0\0"};

    @FuzzTest
    void flowTracking(byte[] data) {
        ReassemblyInput in = new ReassemblyInput(data);
        int cfg = in.u8();
        int maxOpen = 1 + (cfg & 7);
        FlowOptions o = new FlowOptions().maxOpen(maxOpen).udp((cfg & UDP_FLOWS) != 0).idleTimeoutNanos(1_000_000L * (1 + in.u8()));
        StreamOptions so = new StreamOptions().maxConnectionBytes(64L + in.u8() * 16L).maxTotalBytes(256L + in.u8() * 32L)
                .maxAppMessageBytes(1 + in.u8() * 8);
        TcpStreams tcp = (cfg & TCP_STREAMS) != 0 ? new TcpStreams(so) : null;
        AppStreams app = tcp != null && (cfg & APP_MESSAGES) != 0 ? new AppStreams(so) : null;
        FlowHook hook = new FlowHook(o, tcp, app);
        // 0: started, 1: ended (identity: a reused flow is a new flow once it starts again)
        Map<Flow, Integer> state = new IdentityHashMap<>();
        long[] counts = new long[2];
        boolean keeps = (cfg & KEEPS_FLOWS) != 0;
        hook.listen(new FlowListener() {
            @Override
            public void started(Flow f) {
                Integer s = state.get(f);
                Checks.check(s == null || s == 1, () -> "flow " + f.id() + " started twice");
                state.put(f, 0);
                counts[0]++;
            }

            @Override
            public void packet(Flow f, int dir, PacketRecord r, Chain chain) {
                Checks.check(Integer.valueOf(0).equals(state.get(f)), () -> "a packet for flow " + f.id() + ", which is not open");
            }

            @Override
            public void ended(Flow f) {
                Checks.check(Integer.valueOf(0).equals(state.get(f)), () -> "flow " + f.id() + " ended without being open");
                Checks.check(f.end() != null, () -> "flow " + f.id() + " ended without a reason");
                state.put(f, 1);
                counts[1]++;
            }

            @Override
            public boolean keepsFlows() {
                return keeps; // both ways: flows reused, and not
            }
        });
        Dissector dissector = new Dissector().hook(LayerHooks.of(hook));
        ByteBuffer frame = ByteBuffer.allocate(1600);
        PacketRecord r = new PacketRecord();
        long number = 0;
        long micros = 0;
        while (in.more()) {
            int kind = in.u8();
            boolean v6 = (kind & 1) != 0;
            boolean udp = (kind & 2) != 0;
            int a = in.u8() & 3;
            int b = in.u8() & 3;
            int sport = 1000 + (in.u8() & 3);
            int dport = (kind & 16) != 0 ? 53 : (kind & 4) != 0 ? 80 : 21;
            long seq = (kind & 8) != 0 ? in.u8() : (in.u8() * 0x01000000L + in.u8()) & 0xFFFFFFFFL;
            int flags = in.u8() & 0x1f;
            String payload = PAYLOADS[in.u8() % PAYLOADS.length];
            int step = in.u8();
            micros += (step & 0x80) != 0 ? -(step & 0x7f) * 1000L : step * 7000L; // backwards now and then
            write(frame, v6, udp, a, b, sport, dport, seq, flags, payload);
            r.buffer = frame;
            r.offset = 0;
            r.capLen = frame.limit();
            r.origLen = frame.limit();
            r.linkType = 1;
            r.number = ++number;
            r.time.set(1_700_000_000L + Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L), 6);
            dissector.dissect(r, null);
            Checks.check(hook.openFlows() <= maxOpen, () -> hook.openFlows() + " flows open, limit " + maxOpen);
            Checks.check(counts[0] - counts[1] == hook.openFlows(), () -> counts[0] + " started, " + counts[1] + " ended, " + hook.openFlows() + " open");
        }
        hook.finish();
        Checks.check(hook.openFlows() == 0 && counts[0] == counts[1], () -> "after finish: " + hook.openFlows() + " open, " + counts[0] + " started, "
                + counts[1] + " ended");
        Checks.check(tcp == null || tcp.openConnections() == 0, () -> tcp.openConnections() + " connections open after finish");
    }

    /** An Ethernet frame: IPv4 or IPv6, TCP or UDP, between hosts {@code a} and {@code b} (checksums left zero). */
    private static void write(ByteBuffer f, boolean v6, boolean udp, int a, int b, int sport, int dport, long seq, int flags, String payload) {
        f.clear();
        f.putLong(0x0000000000010000L).putInt(0x00000002).putShort((short) (v6 ? 0x86dd : 0x0800));
        int transport = (udp ? 8 : 20) + payload.length();
        if (v6) {
            f.putInt(0x60000000).putShort((short) transport).put((byte) (udp ? 17 : 6)).put((byte) 64);
            f.putLong(0x20010db800000000L).putLong(a).putLong(0x20010db800000000L).putLong(b);
        } else {
            f.put((byte) 0x45).put((byte) 0).putShort((short) (20 + transport)).putInt(0).put((byte) 64).put((byte) (udp ? 17 : 6)).putShort((short) 0);
            f.putInt(0x0a000000 | a).putInt(0x0a000000 | b);
        }
        f.putShort((short) sport).putShort((short) dport);
        if (udp) {
            f.putShort((short) transport).putShort((short) 0);
        } else {
            f.putInt((int) seq).putInt(0).putShort((short) (0x5000 | flags)).putShort((short) 1024).putInt(0);
        }
        for (int i = 0; i < payload.length(); i++) f.put((byte) payload.charAt(i));
        f.flip();
    }
}
