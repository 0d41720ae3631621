package io.pcapkit.flow;

import io.pcapkit.reassembly.ReassemblyLimits;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes a trace's index on a thread of its own, so that a flood of short flows (a scan: a flow
 * per packet) formats its entries on the second core instead of the dissecting one. Flows' starts
 * and ends reach the {@link IndexWriter} there in the order they happened, in batches of
 * {@link ReassemblyLimits#TRACE_INDEX_BATCH_EVENTS}. An ended flow is copied into a
 * {@link FlowSummary} at once, so the flow itself can be reused; the summaries come back with their
 * batch. At most {@link ReassemblyLimits#TRACE_INDEX_BATCHES} batches exist: past that the caller
 * waits for the thread. An error on the thread is thrown by the next call here.
 */
final class IndexThread implements Closeable {
    private static final int EVENTS = ReassemblyLimits.TRACE_INDEX_BATCH_EVENTS;

    /** Events in order: a start (its serial) or an end (its summary). */
    private static final class Batch {
        final long[] started = new long[EVENTS];
        final FlowSummary[] ended = new FlowSummary[EVENTS];
        final boolean[] isEnd = new boolean[EVENTS];
        int n;
        /** the last batch: the index is closed after it */
        boolean last;
    }

    private final IndexWriter writer;
    /** what the index is, for messages (its path) */
    private final String what;
    private final BlockingQueue<Batch> toWriter = new ArrayBlockingQueue<>(ReassemblyLimits.TRACE_INDEX_BATCHES);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(ReassemblyLimits.TRACE_INDEX_BATCHES);
    private final Thread thread;
    private Batch current = new Batch();
    private volatile Throwable failure;
    private boolean closed;

    IndexThread(IndexWriter writer, String what) {
        this.writer = writer;
        this.what = what;
        for (int i = 1; i < ReassemblyLimits.TRACE_INDEX_BATCHES; i++) free.add(new Batch());
        thread = new Thread(this::run, "pcapkit-index");
        thread.setDaemon(true);
        thread.start();
    }

    /** Entries written (once closed). */
    long entries() {
        return writer.entries();
    }

    void started(long serial) throws IOException {
        Batch b = room();
        b.started[b.n] = serial;
        b.isEnd[b.n++] = false;
    }

    /** Flow {@code f} ended: what its entry says is copied now. */
    void ended(Flow f) throws IOException {
        Batch b = room();
        FlowSummary s = b.ended[b.n];
        if (s == null) s = b.ended[b.n] = new FlowSummary();
        s.of(f);
        b.isEnd[b.n++] = true;
    }

    private Batch room() throws IOException {
        if (closed) throw new IOException("the trace index is closed");
        if (current.n == EVENTS) handOver();
        if (failure != null) throw failed();
        return current;
    }

    /**
     * Hands the full batch to the thread and takes a free one. A method of its own, called once
     * per batch: the compiler then leaves the queue's locking out of every caller it inlines
     * {@link #room} into (the flow hook's hottest method among them).
     */
    private void handOver() throws IOException {
        toWriter.add(current); // never full: there are only as many batches as it holds
        current = null;
        try {
            Batch b;
            while ((b = free.poll(100, TimeUnit.MILLISECONDS)) == null) {
                if (!thread.isAlive()) throw failed();
            }
            current = b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the trace index was being written");
        }
    }

    private IOException failed() {
        Throwable t = failure;
        String why = t instanceof IOException ? t.getMessage() : String.valueOf(t);
        return new IOException("cannot write " + what + ": " + why, t);
    }

    private void run() {
        while (true) {
            Batch b = Threads.take(toWriter);
            if (failure == null) {
                try {
                    for (int i = 0; i < b.n; i++) {
                        if (b.isEnd[i]) writer.ended(b.ended[i]);
                        else writer.started(b.started[i]);
                    }
                    if (b.last) writer.close();
                } catch (Throwable t) {
                    failure = t;
                }
            }
            if (b.last) return;
            b.n = 0;
            free.add(b);
        }
    }

    /** Writes what is left and ends the index; waits for the thread. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        if (current == null) current = new Batch(); // a hand-over was interrupted
        current.last = true;
        toWriter.add(current);
        Threads.join(thread);
        if (failure != null) throw failed();
    }
}
