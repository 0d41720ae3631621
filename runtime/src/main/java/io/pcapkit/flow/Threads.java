package io.pcapkit.flow;

import java.util.concurrent.BlockingQueue;

/**
 * Waiting as the trace's worker threads ({@link IndexThread}, {@link FlowThread}) and their
 * callers wait: what was sent to a worker must still be done, so an interrupt does not cut the
 * wait short; it is kept for the caller.
 */
final class Threads {
    private Threads() {
    }

    /** The next item of {@code q}; a worker's interrupt (nothing but the JVM's end sends one) is ignored. */
    static <T> T take(BlockingQueue<T> q) {
        while (true) {
            try {
                return q.take();
            } catch (InterruptedException e) {
                // the batches already sent must still be done
            }
        }
    }

    /** Waits for {@code t} to end; an interrupt meanwhile is kept for the caller. */
    static void join(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
