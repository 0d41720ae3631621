package io.pcapkit.flow;

import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Continuation;
import io.pcapkit.dissect.LayerContext;
import io.pcapkit.dissect.LayerHook;
import io.pcapkit.dissect.Protocol;
import io.pcapkit.reassembly.AppStreams;
import io.pcapkit.reassembly.CaptureClock;
import io.pcapkit.reassembly.TcpConnection;
import io.pcapkit.reassembly.TcpStreams;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Flows, TCP streams and application messages, as a {@link LayerHook}: at each TCP (and, when
 * asked, UDP) layer it finds the frame's flow by its canonical 5-tuple (the addresses of the IP
 * layer just before), counts the frame, feeds a TCP segment to the flow's streams, and hands back
 * the application messages the segment completed. A TCP layer quoted by an ICMP error is not a
 * packet of its flow (tshark agrees); a quoted UDP header is (tshark gives it a udp.stream).
 *
 * <p>Bounded: at most {@link FlowOptions#maxOpen} flows (the least recently active is ended
 * beyond that); a flow idle for {@link FlowOptions#idleTimeoutNanos} of capture time ends.
 */
public final class FlowHook implements LayerHook {
    private final FlowOptions options;
    private final TcpStreams tcp;
    private final AppStreams app;
    private final List<FlowListener> listeners = new ArrayList<>();
    /** access order: the first entry is the least recently active flow */
    private final LinkedHashMap<FlowKey, Flow> open = new LinkedHashMap<>(1024, 0.75f, true);
    private final FlowKey probe = new FlowKey();
    private long nextTcp;
    private long nextUdp;
    private long serial;
    private final CaptureClock clock = new CaptureClock();
    private long evicted;
    private long timedOut;
    private long peakOpen;
    // the current frame's flow
    private Flow current;
    private int currentDir;
    private long currentFrame = -1;

    /**
     * @param tcp the TCP streams to feed (null: flows only)
     * @param app application messages over those streams (null: none)
     */
    public FlowHook(FlowOptions options, TcpStreams tcp, AppStreams app) {
        this.options = options.copy();
        this.tcp = tcp;
        this.app = app;
        if (app != null && tcp != null) tcp.listen(app);
    }

    public FlowHook listen(FlowListener l) {
        listeners.add(l);
        return this;
    }

    public FlowOptions options() {
        return options.copy();
    }

    public TcpStreams tcp() {
        return tcp;
    }

    public int openFlows() {
        return open.size();
    }

    public long peakOpenFlows() {
        return peakOpen;
    }

    /** Flows ended to stay under the limit on open flows. */
    public long evicted() {
        return evicted;
    }

    public long timedOut() {
        return timedOut;
    }

    /** TCP flows numbered so far (the next tcp.stream). */
    public long tcpFlows() {
        return nextTcp;
    }

    public long udpFlows() {
        return nextUdp;
    }

    @Override
    public boolean watches(Protocol p) {
        return p.grammar.equals("tcp") || options.udp && p.grammar.equals("udp");
    }

    @Override
    public Continuation fragment(LayerContext ctx) {
        return null;
    }

    @Override
    public Continuation layer(LayerContext ctx) {
        int i = ctx.index();
        boolean isTcp = ctx.protocol().grammar.equals("tcp");
        int ip = -1;
        for (int j = i - 1; j >= 0; j--) {
            String g = ctx.chain().protocol(j).grammar;
            if (g.equals("ipv4") || g.equals("ipv6")) {
                ip = j;
                break;
            }
        }
        if (ip < 0) return null;
        if (isTcp) {
            for (int j = 0; j < i; j++) {
                String n = ctx.chain().protocol(j).name;
                if (n.equals("ICMP") || n.equals("ICMPv6")) return null;
            }
        }
        PacketRecord frame = ctx.frame();
        if (frame.number == currentFrame && current != null) return null; // one flow packet per frame
        ByteBuffer ib = ctx.buffer(ip);
        int is = ctx.start(ip);
        boolean v4 = ctx.chain().protocol(ip).grammar.equals("ipv4");
        ByteBuffer tb = ctx.buffer(i);
        int ts = ctx.start(i);
        if (ctx.headerEnd(i) - ts < (isTcp ? 20 : 8)) return null;
        int sport = tb.getShort(ts) & 0xFFFF;
        int dport = tb.getShort(ts + 2) & 0xFFFF;
        long nanos = CaptureClock.nanos(frame.time);
        expire(nanos, frame.number);
        FlowKey k = v4 ? probe.set(isTcp ? 6 : 17, ib, is + 12, is + 16, 4, sport, dport)
                : probe.set(isTcp ? 6 : 17, ib, is + 8, is + 24, 16, sport, dport);
        Flow f = open.get(k);
        int flags = 0;
        long seq = 0;
        long ack = 0;
        if (isTcp) {
            flags = tb.get(ts + 13) & 0xFF;
            seq = tb.getInt(ts + 4) & 0xFFFFFFFFL;
            ack = tb.getInt(ts + 8) & 0xFFFFFFFFL;
            if (f != null) {
                int dir = k.forward == f.aIsLow ? 0 : 1;
                // tshark's rule: a SYN without ACK whose sequence number differs from the first one
                // seen that way starts a new connection on the same ports
                if ((flags & (TcpConnection.SYN | TcpConnection.ACK)) == TcpConnection.SYN && f.based[dir] && seq != f.baseSeq[dir]) {
                    open.remove(f.key);
                    end(f, Flow.End.REUSED, frame.number);
                    f = null;
                }
            }
        }
        if (f == null) {
            while (open.size() >= options.maxOpen) {
                Iterator<Flow> it = open.values().iterator();
                Flow old = it.next();
                it.remove();
                evicted++;
                end(old, Flow.End.EVICTED, frame.number);
            }
            FlowKey key = k.copy();
            f = new Flow(key, isTcp ? nextTcp++ : nextUdp++, serial++);
            f.first.set(frame.time);
            f.firstNanos = nanos;
            open.put(key, f);
            peakOpen = Math.max(peakOpen, open.size());
            if (isTcp && tcp != null) f.tcp = tcp.open(f.id, f.endpoints);
            for (FlowListener l : listeners) l.started(f);
        }
        int dir = k.forward == f.aIsLow ? 0 : 1;
        f.packets[dir]++;
        f.bytes[dir] += frame.origLen;
        f.frames.add(frame.number);
        f.last.set(frame.time);
        f.lastNanos = Math.max(f.lastNanos, nanos);
        current = f;
        currentDir = dir;
        currentFrame = frame.number;
        if (!isTcp) return null;
        if (!f.based[dir]) {
            f.based[dir] = true;
            f.baseSeq[dir] = seq;
        }
        if ((flags & TcpConnection.SYN) != 0) f.syn[dir] = true;
        if ((flags & TcpConnection.FIN) != 0) f.fin[dir] = true;
        if ((flags & TcpConnection.RST) != 0) f.rst = true;
        TcpConnection c = f.tcp;
        if (c == null) return null;
        int ps = ctx.payloadStart();
        int len = Math.max(0, ctx.payloadEnd() - ps);
        if (app == null) {
            c.segment(dir, seq, ack, flags, tb, ps, len, frame.number);
            return null;
        }
        if (!app.decided(c)) app.attach(c, ctx.codec().next(ctx.dispatcher()));
        app.beginFrame();
        c.segment(dir, seq, ack, flags, tb, ps, len, frame.number);
        Continuation more = app.endFrame();
        if (!app.active(c)) return more;
        if (more != null) return more;
        return len > 0 ? Continuation.RAW : null;
    }

    @Override
    public void endFrame(PacketRecord frame, Chain chain) {
        if (current != null && currentFrame == frame.number) {
            Flow f = current;
            current = null;
            for (FlowListener l : listeners) l.packet(f, currentDir, frame, chain);
        }
        current = null;
    }

    /** Ends the flows idle for longer than the timeout, by the clock a frame at {@code nanos} sets. */
    private void expire(long nanos, long frame) {
        long now = clock.observe(nanos);
        if (now == Long.MIN_VALUE) return;
        long limit = CaptureClock.plus(now, -options.idleTimeoutNanos);
        for (Iterator<Flow> it = open.values().iterator(); it.hasNext();) {
            Flow f = it.next();
            if (f.lastNanos >= limit) break;
            it.remove();
            timedOut++;
            end(f, Flow.End.TIMEOUT, frame);
        }
    }

    private void end(Flow f, Flow.End why, long frame) {
        f.end = why;
        if (f.tcp != null) f.tcp.close(frame);
        for (FlowListener l : listeners) l.ended(f);
    }

    /** The input ended: every open flow ends (TCP data still waiting is delivered after gaps), then listeners finish. */
    public void finish() {
        long frame = currentFrame;
        for (Flow f : new ArrayList<>(open.values())) end(f, Flow.End.END_OF_INPUT, frame);
        open.clear();
        if (tcp != null) tcp.finish(frame);
        for (FlowListener l : listeners) l.finished();
    }

    /** The open flows, least recently active first (a copy). */
    public List<Flow> openFlows(boolean copy) {
        return new ArrayList<>(open.values());
    }
}
