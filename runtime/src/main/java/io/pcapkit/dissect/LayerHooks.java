package io.pcapkit.dissect;

import io.pcapkit.capture.PacketRecord;
import java.util.ArrayList;
import java.util.List;

/** Several {@link LayerHook}s as one: the first that hands back data wins; every one sees the end of each frame. */
public final class LayerHooks implements LayerHook {
    private final LayerHook[] hooks;
    /** by hook, then protocol id: whether the hook watches the protocol (asked once) */
    private final boolean[][] watched;

    private LayerHooks(LayerHook[] hooks) {
        this.hooks = hooks;
        List<Protocol> all = io.pcapkit.gen.Protocols.all();
        watched = new boolean[hooks.length][all.size()];
        for (int h = 0; h < hooks.length; h++) for (Protocol p : all) watched[h][p.id] = hooks[h].watches(p);
    }

    /** The hooks that are not null, combined (null when there are none, the hook itself when there is one). */
    public static LayerHook of(LayerHook... hooks) {
        List<LayerHook> l = new ArrayList<>();
        for (LayerHook h : hooks) if (h != null) l.add(h);
        if (l.isEmpty()) return null;
        if (l.size() == 1) return l.get(0);
        return new LayerHooks(l.toArray(new LayerHook[0]));
    }

    @Override
    public boolean watches(Protocol p) {
        for (boolean[] w : watched) if (w[p.id]) return true;
        return false;
    }

    @Override
    public Continuation fragment(LayerContext ctx) {
        for (LayerHook h : hooks) {
            Continuation k = h.fragment(ctx);
            if (k != null) return k;
        }
        return null;
    }

    @Override
    public Continuation layer(LayerContext ctx) {
        int id = ctx.chain().protocolId(ctx.index());
        for (int h = 0; h < hooks.length; h++) {
            if (!watched[h][id]) continue;
            Continuation k = hooks[h].layer(ctx);
            if (k != null) return k;
        }
        return null;
    }

    @Override
    public void endFrame(PacketRecord frame, Chain chain) {
        for (LayerHook h : hooks) h.endFrame(frame, chain);
    }
}
