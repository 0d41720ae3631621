package io.pcapkit.fuzz;

import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.FrameSink;
import io.pcapkit.dissect.Protocol;
import io.pcapkit.gen.Protocols;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Dissects bytes starting at any protocol, not only at a link type: a decode-as entry maps a
 * pseudo link type per protocol (beyond the 32 bits a real one has) to it, so the unchanged
 * dissector walks from there through the real dispatch tables.
 */
final class Roots {
    /** Pseudo link types start here; LINKTYPE_ values are 32-bit. */
    private static final long BASE = 1L << 40;

    private Roots() {
    }

    static DissectOptions options(boolean reference) {
        DissectOptions o = new DissectOptions().reference(reference);
        Map<Long, Integer> m = new HashMap<>();
        for (Protocol p : Protocols.all()) m.put(BASE + p.id, p.id);
        o.decodeAs.put(Protocols.T_LINKTYPE, m);
        return o;
    }

    private static final DissectOptions FAST = options(false);
    private static final DissectOptions REFERENCE = options(true);

    /**
     * A new dissector, with no flow state. Stateful decoders (HTTP/2's HPACK tables, conversations
     * found by content) assume each frame is dissected once, in capture order: the targets, which
     * dissect the same bytes several ways, take a new dissector for each way and each input, so
     * that every run starts from the same state and a finding reproduces on its own.
     */
    static Dissector dissector(boolean reference) {
        return new Dissector(reference ? REFERENCE : FAST);
    }

    /** The pseudo link type that starts at {@code p}. */
    static long linkType(Protocol p) {
        return BASE + p.id;
    }

    /** A record of {@code [off, off + len)} of {@code data}, as a reader would fill it. */
    static PacketRecord record(byte[] data, int off, int len, long linkType) {
        PacketRecord r = new PacketRecord();
        r.buffer = ByteBuffer.wrap(data);
        r.offset = off;
        r.capLen = len;
        r.origLen = len;
        r.linkType = linkType;
        r.number = 1;
        r.time.set(1_700_000_000L, 0, 6);
        return r;
    }

    static Chain dissect(Dissector d, PacketRecord r, FrameSink sink, boolean streaming) {
        return d.dissect(r.buffer, r.offset, r.capLen, r.linkType, r, sink, streaming);
    }
}
