package io.pcapkit.dissect;

import io.pcapkit.capture.PacketRecord;
import java.util.ArrayList;
import java.util.List;

/** Several {@link LayerHook}s as one: the first that hands back data wins; every one sees the end of each frame. */
public final class LayerHooks implements LayerHook {
    private final LayerHook[] hooks;

    private LayerHooks(LayerHook[] hooks) {
        this.hooks = hooks;
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
        for (LayerHook h : hooks) if (h.watches(p)) return true;
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
        Protocol p = ctx.protocol();
        for (LayerHook h : hooks) {
            if (!h.watches(p)) continue;
            Continuation k = h.layer(ctx);
            if (k != null) return k;
        }
        return null;
    }

    @Override
    public void endFrame(PacketRecord frame, Chain chain) {
        for (LayerHook h : hooks) h.endFrame(frame, chain);
    }
}
