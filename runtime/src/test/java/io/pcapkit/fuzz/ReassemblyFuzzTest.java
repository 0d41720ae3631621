package io.pcapkit.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pcapkit.dissect.Protocol;
import io.pcapkit.gen.Protocols;
import io.pcapkit.reassembly.Datagram;
import io.pcapkit.reassembly.DefragOptions;
import io.pcapkit.reassembly.Defragmenter;
import io.pcapkit.reassembly.OverlapPolicy;
import io.pcapkit.reassembly.StreamListener;
import io.pcapkit.reassembly.StreamOptions;
import io.pcapkit.reassembly.TcpConnection;
import io.pcapkit.reassembly.TcpStreams;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * IP defragmentation and TCP stream reassembly fed sequences of crafted segments (the format is
 * {@link ReassemblyInput}'s). The first byte picks the overlap policy and small caps, so that
 * eviction, drops and relief are reached in a few steps. After every step the state is within
 * its caps; at the end of the input everything is released. Nothing may throw.
 */
class ReassemblyFuzzTest {
    private static final Protocol IPV4 = Protocols.get(Protocols.P_IPV4);
    private static final Protocol IPV6 = Protocols.get(Protocols.P_IPV6);
    private static final Protocol IPV6_FRAG = Protocols.get(Protocols.P_IPV6_FRAG);

    @FuzzTest
    void ipDefragmentation(byte[] data) {
        ReassemblyInput in = new ReassemblyInput(data);
        int cfg = in.u8();
        DefragOptions o = new DefragOptions().policy(OverlapPolicy.values()[(cfg & 0x0f) % OverlapPolicy.values().length])
                .maxDatagrams(1 + (cfg >>> 4)).maxFragments(1 + in.u8() % 64).maxMemoryBytes(256L + in.u8() * 256L).includeIncomplete(true);
        int[] heard = {0};
        Defragmenter d = new Defragmenter(o, dg -> {
            heard[0]++;
            checkDatagram(dg, o);
        });
        long nanos = 0;
        long frame = 0;
        while (in.more()) {
            ReassemblyInput.Fragment f = in.fragment();
            nanos += f.seconds() * 1_000_000_000L;
            ByteBuffer b = f.packet();
            Datagram dg = f.v6() ? d.offer(IPV6, IPV6_FRAG, b, 0, 40, 40, 48, b.limit(), ++frame, nanos)
                    : d.offer(IPV4, b, 0, 20, b.limit(), 0, ++frame, nanos);
            if (dg != null) checkDatagram(dg, o);
            Checks.check(d.inProgress() <= o.maxDatagrams, () -> d.inProgress() + " datagrams in progress, cap " + o.maxDatagrams);
            Checks.check(d.memory() >= 0 && d.memory() <= o.maxMemoryBytes, () -> d.memory() + " bytes held, cap " + o.maxMemoryBytes);
        }
        List<Datagram> left = d.finish();
        for (Datagram dg : left) checkDatagram(dg, o);
        Checks.check(d.inProgress() == 0 && d.memory() == 0, () -> "after finish: " + d.inProgress() + " datagrams, " + d.memory() + " bytes");
        long offered = frame;
        Checks.check(d.stats().fragments() == offered, () -> d.stats() + " after " + offered + " fragments");
    }

    private static void checkDatagram(Datagram dg, DefragOptions o) {
        if (dg.completed()) {
            Checks.check(dg.length() >= 0 && dg.length() <= o.maxDatagramBytes, () -> "a datagram of " + dg.length() + " bytes");
            Checks.check(dg.runs().size() == 1, () -> "completed with " + dg.runs().size() + " runs");
        } else {
            Checks.check(dg.length() == -1 && dg.payload() == null, () -> "incomplete with a payload of " + dg.length());
        }
        for (Datagram.Run run : dg.runs()) {
            Checks.check(run.start() >= 0 && run.end() <= o.maxDatagramBytes, () -> "a run [" + run.start() + ", " + run.end() + ")");
        }
        dg.header();
        dg.runs();
        dg.anomalies();
        dg.srcText();
        dg.dstText();
    }

    @FuzzTest
    void tcpReassembly(byte[] data) {
        ReassemblyInput in = new ReassemblyInput(data);
        int cfg = in.u8();
        StreamOptions o = new StreamOptions().policy((cfg & 1) == 0 ? OverlapPolicy.FIRST : OverlapPolicy.LAST)
                .maxOutOfOrderSegments(1 + (cfg >>> 4)).maxConnectionBytes(64L + in.u8() * 16L).maxTotalBytes(128L + in.u8() * 32L)
                .retainedBytes(1 + in.u8()).maxAppMessageBytes(1 + in.u8() * 64)
                .deliveredRingBytes(1024 << ((cfg >>> 1) & 3)); // 1-8 KiB: the shared ring wraps all the time
        long[] bytes = new long[2 * ReassemblyInput.CONNECTIONS];
        TcpStreams streams = new TcpStreams(o).listen(new StreamListener() {
            @Override
            public void data(TcpConnection c, int dir, ByteBuffer buf, int off, int len, long frame) {
                Checks.check(len > 0 && off >= 0 && off + len <= buf.limit(), () -> "data [" + off + ", +" + len + ") in a buffer of " + buf.limit());
                bytes[(int) (2 * c.id() + dir)] += len;
            }

            @Override
            public void gap(TcpConnection c, int dir, long length, long frame) {
                Checks.check(length > 0, () -> "a gap of " + length);
                bytes[(int) (2 * c.id() + dir)] += length;
            }
        });
        TcpConnection[] conns = new TcpConnection[ReassemblyInput.CONNECTIONS];
        long frame = 0;
        while (in.more()) {
            ReassemblyInput.Segment s = in.segment();
            int k = s.connection();
            if (s.close() && conns[k] != null) {
                conns[k].close(++frame);
                conns[k] = null;
                continue;
            }
            if (conns[k] == null || conns[k].isClosed()) {
                conns[k] = streams.open(k, (io.pcapkit.reassembly.Endpoints) null);
                bytes[2 * k] = bytes[2 * k + 1] = 0;
            }
            TcpConnection c = conns[k];
            c.segment(s.dir(), s.seq(), s.ack(), s.flags(), s.data(), 0, s.data().limit(), ++frame);
            Checks.check(streams.held() >= 0 && streams.held() <= o.maxTotalBytes, () -> streams.held() + " bytes held, cap " + o.maxTotalBytes);
            Checks.check(c.held() >= 0, () -> c.held() + " bytes held by a connection");
            for (int dir = 0; dir < 2; dir++) {
                long seen = bytes[2 * k + dir];
                long accounted = c.delivered(dir) + c.missing(dir);
                int di = dir;
                Checks.check(seen <= accounted, () -> "direction " + di + ": " + seen + " bytes handed on, " + accounted + " delivered or missing");
            }
        }
        streams.finish(++frame);
        Checks.check(streams.openConnections() == 0 && streams.held() == 0,
                () -> "after finish: " + streams.openConnections() + " connections, " + streams.held() + " bytes");
    }
}
