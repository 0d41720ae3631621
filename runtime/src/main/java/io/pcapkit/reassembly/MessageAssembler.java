package io.pcapkit.reassembly;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Builds {@link Message}s from the streams: the bytes of one direction until data flows the other
 * way, the connection closes, or the connection's byte cap is reached (the message is then handed
 * on early, marked as continuing).
 */
public final class MessageAssembler implements StreamListener {
    private static final byte[] EMPTY = new byte[0];
    /** A message buffer up to this size is kept for the next message; a larger one is let go. */
    private static final int KEEP = 256;
    private final Consumer<Message> out;

    public MessageAssembler(Consumer<Message> out) {
        this.out = out;
    }

    /** The message being built for a connection. */
    private static final class State {
        int dir = -1;
        int index;
        byte[] data = EMPTY;
        int len;
        long[] frames = new long[4];
        int frameCount;
        List<Message.Gap> gaps = new ArrayList<>(0);
        long charged;
    }

    private State state(TcpConnection c) {
        if (!(c.messages instanceof State)) c.messages = new State();
        return (State) c.messages;
    }

    @Override
    public void data(TcpConnection c, int dir, ByteBuffer buf, int off, int len, long frame) {
        State s = state(c);
        if (s.dir != dir) emit(c, s, false);
        s.dir = dir;
        if (!c.fits(len) && s.len > 0) emit(c, s, true);
        s.dir = dir;
        if (s.len + len > s.data.length) {
            int n = Math.max(Math.max(s.len + len, s.data.length * 2), 64);
            c.charge(n - s.data.length);
            s.charged += n - s.data.length;
            s.data = Arrays.copyOf(s.data, n);
        }
        buf.get(off, s.data, s.len, len);
        s.len += len;
        if (s.frameCount == 0 || s.frames[s.frameCount - 1] != frame) {
            if (s.frameCount == s.frames.length) s.frames = Arrays.copyOf(s.frames, s.frameCount * 2);
            s.frames[s.frameCount++] = frame;
        }
    }

    @Override
    public void gap(TcpConnection c, int dir, long length, long frame) {
        State s = state(c);
        if (s.dir != dir) emit(c, s, false);
        s.dir = dir;
        s.gaps.add(new Message.Gap(s.len, length));
    }

    @Override
    public void release(TcpConnection c) {
        if (c.messages instanceof State s && s.len > 0) emit(c, s, true);
    }

    /** Nothing of a connection is kept past its close: its state lives in the connection, messages carry copies. */
    @Override
    public boolean keepsConnections() {
        return false;
    }

    @Override
    public void closed(TcpConnection c) {
        if (c.messages instanceof State s) {
            emit(c, s, false);
            c.charge(-s.charged);
            s.charged = 0;
            c.messages = null;
        }
    }

    private void emit(TcpConnection c, State s, boolean continues) {
        if (s.dir < 0 || s.len == 0 && s.gaps.isEmpty()) return;
        long[] frames = Arrays.copyOf(s.frames, s.frameCount);
        Set<Anomaly> anomalies = c.anomalies().isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(c.anomalies()));
        Message m = new Message(c.id(), c.endpoints(), s.dir, s.index++, frames, Arrays.copyOf(s.data, s.len), List.copyOf(s.gaps), continues,
                anomalies);
        s.len = 0;
        s.frameCount = 0;
        s.gaps = new ArrayList<>(0);
        // keep a small buffer: most connections send little
        if (s.data.length > KEEP) {
            c.charge(-s.data.length);
            s.charged -= s.data.length;
            s.data = EMPTY;
        }
        out.accept(m);
    }
}
