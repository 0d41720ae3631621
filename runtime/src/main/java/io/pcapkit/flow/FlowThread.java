package io.pcapkit.flow;

import io.pcapkit.reassembly.ReassemblyLimits;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link FlowHook}'s work on a thread of its own: the dissecting thread reads each
 * transport packet into a {@link FlowPacket} (its TCP payload copied), and this thread finds the
 * flows, counts the frames, reassembles the streams and tells the listeners, in capture order, so
 * its results are those of the same work done in place. Packets go over in batches of
 * {@link ReassemblyLimits#FLOW_THREAD_BATCH_PACKETS}; at most
 * {@link ReassemblyLimits#FLOW_THREAD_BATCHES} batches exist, and past that the dissecting thread
 * waits. Used only where no frame's output depends on the flows (see {@link FlowHook#offThread}).
 *
 * <p>A packet the hook fails on is counted and skipped, as the dissector does when a hook throws in
 * place; an error (out of memory) stops the thread and is thrown to the dissecting thread by its
 * next hand-over or by {@link #finish}.
 */
final class FlowThread {
    private static final Logger LOG = LoggerFactory.getLogger(FlowThread.class);

    /** Payload room a batch starts with: a short capture's run allocates little (it doubles up to the batch's size). */
    private static final int FIRST_BYTES = 64 << 10;

    private static final class Batch {
        /** made as they are first filled */
        final FlowPacket[] packets;
        /** the payloads' room at most, unless a larger payload needs a batch of its own */
        final int usualBytes;
        byte[] bytes;
        ByteBuffer wrap;
        int n;
        int used;
        /** the last batch: the thread ends after it */
        boolean last;

        Batch(int packetCount, int byteCount) {
            packets = new FlowPacket[packetCount];
            usualBytes = byteCount;
            room(Math.min(byteCount, FIRST_BYTES));
        }

        FlowPacket slot() {
            FlowPacket p = packets[n];
            return p != null ? p : (packets[n] = new FlowPacket());
        }

        /** Whether {@code len} more payload bytes fit, once the room has grown as far as a batch may. */
        boolean fits(int len) {
            long need = (long) used + len;
            if (need <= bytes.length) return true;
            if (need > usualBytes) return false;
            room((int) Math.min(usualBytes, Math.max(need, 2L * bytes.length)));
            return true;
        }

        /** Room for a payload of {@code len} bytes larger than a batch holds: this batch's alone. */
        void fit(int len) {
            if (used + len > bytes.length) room(used + len);
        }

        private void room(int size) {
            bytes = bytes == null ? new byte[size] : java.util.Arrays.copyOf(bytes, size);
            wrap = ByteBuffer.wrap(bytes);
        }

        void clear() {
            n = 0;
            used = 0;
            if (bytes.length > usualBytes) { // a large payload's room goes back to the usual size
                bytes = new byte[usualBytes];
                wrap = ByteBuffer.wrap(bytes);
            }
        }
    }

    private final FlowHook hook;
    private final int packetCount;
    private final int byteCount;
    private final BlockingQueue<Batch> toThread;
    private final BlockingQueue<Batch> free;
    /** batches made so far: one more is made when none is free, up to the limit */
    private int made = 1;
    private final int maxBatches;
    private final Thread thread;
    private Batch current;
    private volatile Throwable failure;
    /** packets the hook threw on (read after {@link #finish}) */
    private long failures;
    private boolean finished;

    /** With batches of {@code packetCount} packets and {@code byteCount} payload bytes, {@code batches} of them (tests use small ones). */
    FlowThread(FlowHook hook, int packetCount, int byteCount, int batches) {
        this.hook = hook;
        this.packetCount = packetCount;
        this.byteCount = byteCount;
        this.maxBatches = batches;
        toThread = new ArrayBlockingQueue<>(batches);
        free = new ArrayBlockingQueue<>(batches);
        current = new Batch(packetCount, byteCount);
        thread = new Thread(this::run, "pcapkit-flows");
        thread.setDaemon(true);
        thread.start();
    }

    /** The packet to fill next; it goes to the thread only when {@link #commit committed}. */
    FlowPacket slot() {
        return current.slot();
    }

    /**
     * Sends packet {@code p} (the last {@link #slot}), with {@code len} payload bytes at {@code off}
     * of {@code payload} copied (none when {@code payload} is null: nobody reads them).
     */
    void commit(FlowPacket p, ByteBuffer payload, int off, int len) {
        Batch b = current;
        boolean copy = payload != null && len > 0;
        if (copy && b.n > 0 && !b.fits(len)) {
            // the payload does not fit: the batch goes without it, and the packet opens the next one
            handOver();
            b = current;
            FlowPacket first = b.slot();
            first.copyFrom(p);
            p = first;
        }
        if (copy) {
            b.fit(len);
            payload.get(off, b.bytes, b.used, len);
            p.payloadStart = b.used;
            b.used += len;
        } else {
            p.payloadStart = 0;
        }
        p.payloadLength = len;
        if (++b.n == packetCount) handOver();
    }

    /**
     * Hands the full batch to the thread and takes a free one. A method of its own: the queue's
     * locking stays out of the hook's hot path that inlines {@link #commit}.
     */
    private void handOver() {
        if (failure != null) throw failed();
        Batch b = current;
        current = null;
        toThread.add(b); // never full: there are only as many batches as it holds
        Batch spare = free.poll();
        if (spare == null && made < maxBatches) {
            made++;
            spare = new Batch(packetCount, byteCount);
        }
        if (spare != null) {
            current = spare;
            return;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    Batch next = free.poll(100, TimeUnit.MILLISECONDS);
                    if (next != null) {
                        current = next;
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true; // the batch in flight must be taken back before anything else
                }
                if (!thread.isAlive()) throw failed();
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private RuntimeException failed() {
        Throwable t = failure;
        if (t instanceof Error e) throw e;
        return new IllegalStateException("the flow thread stopped: " + t, t);
    }

    private void run() {
        while (true) {
            Batch b = Threads.take(toThread);
            for (int i = 0; i < b.n; i++) {
                FlowPacket p = b.packets[i];
                try {
                    hook.process(p, b.wrap, null);
                } catch (RuntimeException e) {
                    failures++;
                    if (LOG.isDebugEnabled()) LOG.debug("flow hook failed in frame {}", p.frame, e);
                } catch (Throwable t) {
                    failure = t;
                    return; // the dissecting thread sees it at its next hand-over
                }
            }
            boolean last = b.last;
            b.clear();
            if (last) return;
            free.add(b);
        }
    }

    /** Sends what is left, waits for the thread to do it and end; the caller then owns the hook's state. */
    void finish() {
        if (finished) return;
        finished = true;
        if (current == null) current = new Batch(1, 0); // a hand-over failed: the thread is gone
        current.last = true;
        toThread.offer(current); // room unless the thread is gone (it holds every batch but this one)
        current = null;
        Threads.join(thread);
        if (failure != null) throw failed();
    }

    /** Packets the hook threw on (once {@link #finish finished}). */
    long failures() {
        return failures;
    }
}
