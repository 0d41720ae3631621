package io.pcapkit.dissect;

/**
 * Dissects a kept frame again as it was dissected the first time: where its {@link Chain} went on
 * in reassembled data, this hook hands back the same {@link Continuation}, and where the run's
 * hook kept a payload raw (a segment of a message not yet complete), {@link Continuation#RAW}.
 * Used by the materialised API and a trace's per-flow files, which dissect a frame's bytes again
 * without the reassembly state of the run.
 */
public final class ReplayHook implements LayerHook {
    private final Chain kept;

    /** @param kept a snapshot of the chain dissected with the original hook */
    public ReplayHook(Chain kept) {
        this.kept = kept;
    }

    @Override
    public boolean watches(Protocol p) {
        return true;
    }

    @Override
    public Continuation fragment(LayerContext ctx) {
        return at(ctx.index());
    }

    @Override
    public Continuation layer(LayerContext ctx) {
        return at(ctx.index());
    }

    /** The first continuation entered after layer {@code i}, RAW where the run kept its payload raw, or null. */
    private Continuation at(int i) {
        if (kept.hookRawAt() == i) return Continuation.RAW;
        for (int k = 0; k < kept.continuations(); k++) {
            if (kept.continuationAt(k) == i + 1) return kept.continuation(k);
        }
        return null;
    }
}
