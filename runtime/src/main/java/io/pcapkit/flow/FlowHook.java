package io.pcapkit.flow;

import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Continuation;
import io.pcapkit.dissect.LayerContext;
import io.pcapkit.dissect.LayerHook;
import io.pcapkit.dissect.Protocol;
import io.pcapkit.dissect.Role;
import io.pcapkit.gen.Protocols;
import io.pcapkit.reassembly.AppStreams;
import io.pcapkit.reassembly.CaptureClock;
import io.pcapkit.reassembly.ReassemblyLimits;
import io.pcapkit.reassembly.Recycler;
import io.pcapkit.reassembly.TcpConnection;
import io.pcapkit.reassembly.TcpStreams;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Flows, TCP streams and application messages, as a {@link LayerHook}: at each TCP (and, when
 * asked, UDP) layer it finds the frame's flow by its canonical 5-tuple (the addresses of the IP
 * layer just before), counts the frame, feeds a TCP segment to the flow's streams, and hands back
 * the application messages the segment completed. What is TCP, UDP or IP to it, and where their
 * addresses, ports and sequence numbers lie, the grammars' {@code roles} say ({@link Role}): a
 * transport with a {@link Role#SEQUENCE} is a byte stream like TCP, one with ports only makes
 * datagram flows like UDP. A header an ICMP error quotes describes another packet: the
 * dissector does not hand it to hooks, so it is no packet of a flow (tshark gives it no
 * tcp.stream; it does give a quoted UDP header a udp.stream, a difference the flow corpus test
 * lists).
 *
 * <p>Bounded: at most {@link FlowOptions#maxOpen} flows (the least recently active is ended
 * beyond that); a flow idle for {@link FlowOptions#idleTimeoutNanos} of capture time ends. When no
 * listener keeps flows ({@link FlowListener#keepsFlows}), ended flows and their connections are
 * reused for new ones, so that a flood of short flows makes no garbage.
 */
public final class FlowHook implements LayerHook {
    private final FlowOptions options;
    private final TcpStreams tcp;
    private final AppStreams app;
    private FlowListener[] listeners = new FlowListener[0];
    private final FlowTable open;
    /** the options' limit on open flows, within what the table can hold */
    private final int maxOpen;
    /** the packet being read, when the work is done in place */
    private final FlowPacket packet = new FlowPacket();
    /** the thread doing the work, or null: in place ({@link #offThread}) */
    private FlowThread thread;
    /** packets the flow thread's work threw on (see {@link #failures}) */
    private long threadFailures;
    private long nextTcp;
    private long nextUdp;
    private long serial;
    private final CaptureClock clock = new CaptureClock();
    // ended flows for reuse (ReassemblyLimits.FLOW_RECYCLED), when no listener keeps flows
    private final Recycler<Flow> pool = new Recycler<>(ReassemblyLimits.FLOW_RECYCLED);
    private boolean recycles = true;
    private long reused;
    private long evicted;
    private long timedOut;
    private long peakOpen;
    // the current frame's flows (more than one when a transport is tunnelled in another: TCP in
    // L2TP over UDP belongs to a tcp.stream and a udp.stream, as tshark counts them)
    private Flow[] frameFlows = new Flow[2];
    private int[] frameDirs = new int[2];
    private int frameFlowCount;
    private long currentFrame = -1;
    // by protocol id, decided once from the grammars' roles: what each protocol is to this hook
    // (a byte per protocol keeps the per-layer scans as cheap as the chain's own arrays)
    private static final byte ENDS = 1;
    private static final byte DATAGRAMS = 2;
    private static final byte STREAM = 4;
    private static final byte[] KIND = kinds();

    private static byte[] kinds() {
        List<Protocol> all = Protocols.all();
        byte[] k = new byte[all.size()];
        for (Protocol p : all) {
            if (p.has(Role.SRC_ADDRESS)) k[p.id] |= ENDS;
            if (p.has(Role.SRC_PORT)) k[p.id] |= p.byteStream() ? STREAM : DATAGRAMS;
        }
        return k;
    }

    /**
     * @param tcp the TCP streams to feed (null: flows only)
     * @param app application messages over those streams (null: none)
     */
    public FlowHook(FlowOptions options, TcpStreams tcp, AppStreams app) {
        this.options = options.copy();
        this.open = new FlowTable(Math.min(this.options.maxOpen, FlowTable.INITIAL_FLOWS));
        this.maxOpen = Math.min(this.options.maxOpen, FlowTable.MAX_FLOWS);
        this.tcp = tcp;
        this.app = app;
        if (app != null && tcp != null) tcp.listen(app);
    }

    public FlowHook listen(FlowListener l) {
        drain();
        listeners = java.util.Arrays.copyOf(listeners, listeners.length + 1);
        listeners[listeners.length - 1] = l;
        if (l.keepsFlows()) recycles = false;
        return this;
    }

    /**
     * Moves the work on flows to a thread of its own ({@link FlowThread}) when nothing the
     * dissecting thread does depends on it: no application messages over the streams (they
     * become layers of the frames), no listener of the streams, and only listeners that work
     * there ({@link FlowListener#offThread}). With two cores or more the flows' work then runs
     * beside the dissection; the results are the same, in the same order. Their counts here are
     * read once the run is over ({@link #finish}, {@link #drain}).
     *
     * @return whether the work moved
     */
    public boolean offThread() {
        return offThread(ReassemblyLimits.FLOW_THREAD_BATCH_PACKETS, ReassemblyLimits.FLOW_THREAD_BATCH_BYTES, ReassemblyLimits.FLOW_THREAD_BATCHES);
    }

    /** {@link #offThread()} with batches of {@code packets} packets and {@code bytes} payload bytes, {@code batches} of them. */
    boolean offThread(int packets, int bytes, int batches) {
        if (app != null || tcp != null && tcp.heard()) return false;
        for (FlowListener l : listeners) if (!l.offThread()) return false;
        if (thread == null) thread = new FlowThread(this, packets, bytes, batches);
        return true;
    }

    /** Waits for the flow thread, if there is one, to do what it was sent, and ends it: the work is done in place from now on. */
    public void drain() {
        FlowThread t = thread;
        if (t == null) return;
        thread = null;
        try {
            t.finish();
        } finally {
            threadFailures += t.failures();
        }
    }

    /** Packets the work on flows threw on while it ran on its own thread (in place, the dissector counts them: {@link io.pcapkit.dissect.Dissector#hookFailures}). */
    public long failures() {
        return threadFailures;
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

    /** Flows made from ended ones (see {@link FlowListener#keepsFlows}). */
    public long reused() {
        return reused;
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
        return (KIND[p.id] & STREAM) != 0 || options.udp && (KIND[p.id] & DATAGRAMS) != 0;
    }

    @Override
    public Continuation fragment(LayerContext ctx) {
        return null;
    }

    @Override
    public Continuation layer(LayerContext ctx) {
        int i = ctx.index();
        Chain chain = ctx.chain();
        Protocol tp = ctx.protocol();
        boolean isTcp = (KIND[tp.id] & STREAM) != 0;
        // the flow's ends: the network layer (with addresses) nearest before the transport
        int ip = i - 1;
        while (ip >= 0 && (KIND[chain.protocolId(ip)] & ENDS) == 0) ip--;
        if (ip < 0) return null;
        FlowThread t = thread;
        FlowPacket p = t == null ? packet : t.slot();
        if (!p.key.set(isTcp ? FlowKey.BYTE_STREAM : FlowKey.DATAGRAM, chain, i, ip)) return null;
        PacketRecord frame = ctx.frame();
        p.isTcp = isTcp;
        p.frame = frame.number;
        p.origLen = frame.origLen;
        p.time.set(frame.time);
        p.nanos = CaptureClock.nanos(frame.time);
        ByteBuffer tb = ctx.buffer(i);
        int ps = ctx.payloadStart();
        int len = Math.max(0, ctx.payloadEnd() - ps);
        if (isTcp) {
            int ts = ctx.start(i);
            p.flags = flags(tp, tb, ts);
            p.seq = tp.read(Role.SEQUENCE, tb, ts);
            p.ack = tp.read(Role.ACKNOWLEDGEMENT, tb, ts);
            // a segment the capture cut short: the lengths announced for it (the frame's, its IP
            // layers') reach past what was captured. An IP length past the frame's own length, or
            // past what a tunnel's outer IP gives it, is bogus, not a cut: the segment is then what
            // those lengths leave (as tshark takes it). The rest of a cut segment's range is a gap
            p.announced = ctx.reportedEnd(i) - ps;
        } else {
            p.flags = 0; // a datagram's packet: none of TCP's numbers (the packet object is reused)
            p.seq = p.ack = p.announced = 0;
        }
        if (t != null) {
            t.commit(p, isTcp && tcp != null ? tb : null, ps, len);
            return null;
        }
        p.payloadStart = ps;
        p.payloadLength = len;
        return process(p, tb, ctx);
    }

    /**
     * The flow hook's work on one transport packet: its flow found or started, the frame counted,
     * a TCP segment fed to the streams, the application messages it completed handed back. Runs on
     * the dissecting thread, or on the {@link FlowThread} (then {@code ctx} is null: no application
     * messages are asked for there). The payload lies in {@code payload}.
     */
    Continuation process(FlowPacket p, ByteBuffer payload, LayerContext ctx) {
        if (p.frame != currentFrame) {
            frameFlowCount = 0;
            currentFrame = p.frame;
        }
        boolean isTcp = p.isTcp;
        expire(p.nanos, p.frame);
        Flow f = open.get(p.key);
        if (f != null) {
            // one packet per flow and frame (the same 5-tuple twice in a frame counts once)
            for (int j = 0; j < frameFlowCount; j++) if (frameFlows[j] == f) return null;
            open.touch(f);
        }
        int flags = p.flags;
        long seq = p.seq;
        if (isTcp && f != null) {
            int dir = p.key.forward == f.aIsLow ? 0 : 1;
            // tshark's rule: a SYN without ACK whose sequence number differs from the first one
            // seen that way starts a new connection on the same ports
            if ((flags & (TcpConnection.SYN | TcpConnection.ACK)) == TcpConnection.SYN && f.based(dir) && seq != f.baseSeq(dir)) {
                open.remove(f);
                end(f, Flow.End.REUSED, p.frame);
                f = null;
            }
        }
        if (f == null) {
            while (open.size() >= maxOpen) {
                Flow old = open.oldest();
                open.remove(old);
                evicted++;
                end(old, Flow.End.EVICTED, p.frame);
            }
            f = newFlow(p.key, isTcp ? nextTcp++ : nextUdp++);
            f.firstSeconds = p.time.seconds;
            f.firstFraction = p.time.fraction;
            f.firstDigits = p.time.digits;
            f.lastNanos = p.nanos;
            open.put(f);
            if (open.size() > peakOpen) peakOpen = open.size();
            for (FlowListener l : listeners) l.started(f);
        }
        int dir = p.key.forward == f.aIsLow ? 0 : 1;
        f.count(dir, p.origLen, p.frame, p.time, p.nanos);
        if (frameFlowCount == frameFlows.length) {
            frameFlows = java.util.Arrays.copyOf(frameFlows, frameFlowCount * 2);
            frameDirs = java.util.Arrays.copyOf(frameDirs, frameFlowCount * 2);
        }
        frameFlows[frameFlowCount] = f;
        frameDirs[frameFlowCount++] = dir;
        if (!isTcp) return null;
        f.tcp(dir, seq, flags);
        if (tcp == null) return null;
        ByteBuffer tb = payload;
        int ps = p.payloadStart;
        int len = p.payloadLength;
        TcpConnection c = f.tcp();
        if (c == null) {
            // the streams start with the first segment that carries something (data, FIN, RST): a
            // connection that only shakes hands or acknowledges costs no more than its flow
            if (len == 0 && (flags & (TcpConnection.FIN | TcpConnection.RST)) == 0) return null;
            c = f.streams(tcp.reopen(f.keptConnection(), f.id, f));
            // what the flow saw so far says where each stream starts (after a SYN's sequence number)
            for (int d = 0; d < 2; d++) if (f.based(d)) c.base(d, f.streamBase(d));
        }
        long announced = p.announced;
        boolean cut = len > 0 && announced > len;
        if (app == null) {
            c.segment(dir, seq, p.ack, flags, tb, ps, len, p.frame);
            if (cut) c.lost(dir, seq, flags, announced, p.frame);
            return null;
        }
        if (!app.decided(c) && len > 0 && c.startsAtNext(dir, seq, flags)) {
            // decided on the connection's first data in stream order (a segment that came early,
            // out of order, is no message start), as the dissector would dispatch it alone: the
            // port's protocol if its guard takes the bytes (or they are too few to tell), else a
            // protocol recognised by content
            int next = ctx.codec().next(ctx.dispatcher());
            app.attachFirst(c, next, ctx.dispatcher().guardAndSniff(ctx.protocol(), next, tb, ps, ps + len), len);
        }
        app.beginFrame();
        c.segment(dir, seq, p.ack, flags, tb, ps, len, p.frame);
        if (cut) {
            // like tshark, the frame dissects a cut segment alone
            app.cut(c, dir);
            c.lost(dir, seq, flags, announced, p.frame);
        }
        Continuation more = app.endFrame();
        if (!app.active(c)) return more;
        if (more != null) return more;
        return len > 0 && !cut ? Continuation.RAW : null;
    }

    /** The stream's control bits, in {@link TcpConnection}'s encoding. */
    private static int flags(Protocol p, ByteBuffer b, int start) {
        return (p.flag(Role.SYN, b, start) ? TcpConnection.SYN : 0) | (p.flag(Role.ACK, b, start) ? TcpConnection.ACK : 0)
                | (p.flag(Role.FIN, b, start) ? TcpConnection.FIN : 0) | (p.flag(Role.RST, b, start) ? TcpConnection.RST : 0);
    }

    @Override
    public void endFrame(PacketRecord frame, Chain chain) {
        if (thread != null) return; // its listeners want no frames (FlowListener#offThread)
        if (currentFrame == frame.number) {
            for (int j = 0; j < frameFlowCount; j++) {
                Flow f = frameFlows[j];
                frameFlows[j] = null;
                for (FlowListener l : listeners) l.packet(f, frameDirs[j], frame, chain);
            }
        }
        frameFlowCount = 0;
    }

    /** Ends the flows idle for longer than the timeout, by the clock a frame at {@code nanos} sets. */
    private void expire(long nanos, long frame) {
        long now = clock.observe(nanos);
        if (now == Long.MIN_VALUE) return;
        long limit = CaptureClock.plus(now, -options.idleTimeoutNanos);
        for (Flow f = open.oldest(); f != null && f.lastNanos < limit; f = open.oldest()) {
            open.remove(f);
            timedOut++;
            end(f, Flow.End.TIMEOUT, frame);
        }
    }

    private void end(Flow f, Flow.End why, long frame) {
        f.ended(why);
        TcpConnection c = f.tcp();
        if (c != null) c.close(frame);
        for (FlowListener l : listeners) l.ended(f);
        recycle(f);
    }

    /** A flow for key {@code k}: an ended one reused when there is one, else a new one. */
    private Flow newFlow(FlowKey k, long id) {
        Flow f = pool.take();
        if (f == null) return new Flow(k, id, serial++);
        f.reuse(k, id, serial++);
        reused++;
        return f;
    }

    /**
     * Keeps ended flow {@code f} for reuse when nothing can still see it: no listener keeps flows,
     * its connection (whose endpoints are the flow's) goes back to the streams with it, and it is
     * not among the current frame's flows (whose listeners hear of the frame after it ends).
     */
    private void recycle(Flow f) {
        if (!recycles || pool.full()) return;
        for (int j = 0; j < frameFlowCount; j++) if (frameFlows[j] == f) return;
        // its connection stays with it, to be reopened by its next use (see Flow#keptConnection)
        TcpConnection c = f.tcp();
        if (c != null && (tcp == null || !tcp.reusable(c))) return;
        pool.give(f);
    }

    /** The input ended: every open flow ends (TCP data still waiting is delivered after gaps), then listeners finish. */
    public void finish() {
        drain();
        long frame = currentFrame;
        for (Flow f : open.list()) end(f, Flow.End.END_OF_INPUT, frame);
        open.clear();
        if (tcp != null) tcp.finish(frame);
        for (FlowListener l : listeners) l.finished();
    }

    /**
     * The open flows, least recently active first (a copy). The caller may keep them: from now on
     * ended flows are not reused.
     */
    public List<Flow> openFlows(boolean copy) {
        drain();
        recycles = false;
        return open.list();
    }
}
