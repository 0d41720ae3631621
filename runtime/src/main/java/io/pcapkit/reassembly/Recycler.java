package io.pcapkit.reassembly;

/**
 * Objects let go of, kept for reuse: at most a fixed number, the last one given taken first (the
 * likeliest to be in the caches still). Flows, connections and datagram records are reused this
 * way when nothing outside can see them, so that a flood of short ones makes no garbage. Not
 * thread-safe.
 */
public final class Recycler<T> {
    private final Object[] kept;
    private int count;

    /** @param capacity how many are kept at most (a named limit in {@link ReassemblyLimits}) */
    public Recycler(int capacity) {
        kept = new Object[capacity];
    }

    /** A kept object (no longer kept), or null when there is none. */
    @SuppressWarnings("unchecked")
    public T take() {
        if (count == 0) return null;
        T t = (T) kept[--count];
        kept[count] = null;
        return t;
    }

    /** Keeps {@code t} unless as many as the capacity are kept already; returns whether it was kept. */
    public boolean give(T t) {
        if (count == kept.length) return false;
        kept[count++] = t;
        return true;
    }

    /** Whether no more can be kept. */
    public boolean full() {
        return count == kept.length;
    }
}
