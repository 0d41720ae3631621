package io.pcapkit.reassembly;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The TCP connections of one run: their options, the listeners that receive their streams, the
 * bytes they hold together (capped by {@link StreamOptions#maxTotalBytes}) and their counts.
 * Connections are made by whoever tracks flows ({@link #open}) and closed by them or by a FIN/RST.
 */
public final class TcpStreams {
    final StreamOptions options;
    final List<StreamListener> listeners = new ArrayList<>();
    final TcpStats stats = new TcpStats();
    /** open connections, oldest first: the first to hand on their buffers when over the cap */
    private final LinkedHashSet<TcpConnection> open = new LinkedHashSet<>();
    long total;

    public TcpStreams(StreamOptions options) {
        this.options = options.copy();
    }

    public StreamOptions options() {
        return options.copy();
    }

    /** Adds a listener; listeners hear each event in the order they were added. */
    public TcpStreams listen(StreamListener l) {
        listeners.add(l);
        return this;
    }

    public TcpStats stats() {
        return stats;
    }

    /** Bytes held over all connections. */
    public long held() {
        return total;
    }

    public int openConnections() {
        return open.size();
    }

    /** A new connection, flow id {@code id}. */
    public TcpConnection open(long id, Endpoints endpoints) {
        TcpConnection c = new TcpConnection(this, id, endpoints);
        open.add(c);
        stats.connections++;
        return c;
    }

    void closed(TcpConnection c) {
        open.remove(c);
    }

    void charge(long n) {
        total += n;
        if (total > stats.peakBytes) stats.peakBytes = total;
    }

    /** Over the cap: the oldest connections hand on what they hold until the total fits again. */
    void relieve(TcpConnection current, long frame) {
        stats.relieved++;
        for (Iterator<TcpConnection> it = new ArrayList<>(open).iterator(); it.hasNext() && total > options.maxTotalBytes;) {
            TcpConnection c = it.next();
            c.release(frame);
        }
    }

    /** The input ended: every open connection closes (waiting data delivered after gaps). */
    public void finish(long frame) {
        for (TcpConnection c : new ArrayList<>(open)) c.close(frame);
    }
}
