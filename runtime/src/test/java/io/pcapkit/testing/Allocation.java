package io.pcapkit.testing;

import java.lang.management.ManagementFactory;

/** Bytes the current thread has allocated on the heap (HotSpot's exact per-thread counter). */
public final class Allocation {
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {
    }

    public static long now() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Bytes {@code r} allocated on this thread. */
    public static long of(Runnable r) {
        long before = now();
        r.run();
        return now() - before;
    }
}
