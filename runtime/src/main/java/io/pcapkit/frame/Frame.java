package io.pcapkit.frame;

import io.pcapkit.capture.PacketRecord;
import io.pcapkit.capture.Timestamp;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.Protocol;
import io.pcapkit.dissect.ReplayHook;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * A dissected frame, kept: its record (number, time, lengths, interface), a copy of its bytes, and
 * its chain of layers. The field-by-field {@link #info()} is built on first use by dissecting the
 * bytes again, so iterating frames stays cheap.
 */
public final class Frame {
    private final PacketRecord record;
    private final Chain chain;
    private final DissectOptions options;
    private ProtoChain protocols;
    private Info info;

    /** Keeps {@code r} (copying its bytes) with the chain just dissected from it. */
    public Frame(PacketRecord r, Chain chain, DissectOptions options) {
        this.record = r.copy();
        this.chain = chain.snapshot();
        this.options = options;
    }

    /** 1-based frame number. */
    public long number() {
        return record.number;
    }

    /** When the frame was captured (UTC), or null when the capture gives it no time (a pcapng Simple Packet Block). */
    public Instant time() {
        return record.time.known ? record.time.instant() : null;
    }

    /** The timestamp at the capture's full precision. */
    public Timestamp timestamp() {
        return record.time;
    }

    /** Bytes captured (Wireshark's frame.cap_len). */
    public int capLen() {
        return record.capLen;
    }

    /** Bytes on the wire (Wireshark's frame.len). */
    public long len() {
        return record.origLen;
    }

    /** pcapng interface id, or -1. */
    public int interfaceId() {
        return record.interfaceId;
    }

    public long linkType() {
        return record.linkType;
    }

    /** A read-only view of the captured bytes. */
    public ByteBuffer data() {
        return record.buffer.asReadOnlyBuffer();
    }

    public byte[] bytes() {
        return record.bytes();
    }

    /** The record behind this frame (its buffer holds only this frame's bytes). */
    public PacketRecord record() {
        return record;
    }

    public Chain chain() {
        return chain;
    }

    public ProtoChain protocols() {
        if (protocols == null) protocols = ProtoChain.of(chain);
        return protocols;
    }

    public boolean contains(String protocol) {
        return protocols().contains(protocol);
    }

    /** The whole record as nested maps: frame fields, then each layer under the one before it. */
    public Info info() {
        if (info == null) {
            InfoBuilder b = new InfoBuilder();
            Dissector d = dissector(options);
            if (chain.isHookShaped()) {
                // the reassembly state of the run is gone: replay the data it handed over, and
                // keep raw what it kept raw
                d.hook(new ReplayHook(chain));
                try {
                    d.dissect(record, b);
                } finally {
                    d.hook(null);
                }
            } else {
                d.dissect(record, b);
            }
            info = b.frame();
        }
        return info;
    }

    /** The fields of the first layer matching {@code protocol} (name, key or group), or null. */
    public Info layer(String protocol) {
        Info cur = info();
        for (int i = 0; i < chain.size(); i++) {
            Protocol p = chain.protocol(i);
            if (p.transparent) continue;
            Info next = cur.info(p.key);
            if (next == null) return null;
            if (DissectOptions.matches(p, protocol)) return next;
            cur = next;
        }
        return null;
    }

    /** Whether a layer failed to dissect. */
    public boolean isMalformed() {
        return chain.isMalformed();
    }

    @Override
    public String toString() {
        return "Frame " + record.number + " " + protocols();
    }

    private static final ThreadLocal<Map<DissectOptions, Dissector>> DISSECTORS = ThreadLocal.withInitial(WeakHashMap::new);

    /** A dissector for {@code options} owned by the current thread. */
    static Dissector dissector(DissectOptions options) {
        return DISSECTORS.get().computeIfAbsent(options, Dissector::new);
    }
}
