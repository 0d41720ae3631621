package io.pcapkit;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.frame.Frame;
import io.pcapkit.reassembly.Datagram;
import io.pcapkit.reassembly.DefragStats;
import io.pcapkit.reassembly.Message;
import io.pcapkit.reassembly.TcpStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reassembly on its own ({@link Pcapkit#reassemble}): feed it the frames of one capture in order
 * (records as read, or kept {@link Frame}s); it dissects each as far as it needs and collects the
 * datagrams (IPv4/IPv6) or TCP messages, handing each to the callbacks as it ends. {@link #finish}
 * (or {@link #close}) ends what is still open; the results are then complete. Not thread-safe.
 *
 * <pre>{@code
 * try (Reassembler r = Pcapkit.reassemble("ipv4", new ReassembleOptions())) {
 *     r.accept(Path.of("fragments.pcap"));
 *     for (Datagram d : r.datagrams()) System.out.println(d);
 * }
 * }</pre>
 */
public final class Reassembler implements AutoCloseable {
    private final Hooks hooks;
    private final Dissector dissector;
    private final boolean tcp;

    Reassembler(String kind, ReassembleOptions options) {
        ReassembleOptions o = options.copy();
        switch (kind.toLowerCase(java.util.Locale.ROOT)) {
            case "ipv4" -> o.ipv4(true).ipv6(false).tcp(false);
            case "ipv6" -> o.ipv4(false).ipv6(true).tcp(false);
            case "ip" -> o.ip(true).tcp(false);
            // TCP over fragmented IP needs the datagrams first
            case "tcp" -> o.ip(true).tcp(true);
            default -> throw new IllegalArgumentException("reassemble ipv4, ipv6, ip or tcp, not '" + kind + "'");
        }
        this.tcp = o.tcp;
        try {
            this.hooks = new Hooks(o, null, null, true, null, new DissectOptions());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.dissector = new Dissector().hook(hooks.hook());
    }

    /** Feeds one frame (its buffer is read during the call only). */
    public Reassembler accept(PacketRecord r) {
        dissector.dissect(r, null);
        return this;
    }

    /** Feeds a kept frame. */
    public Reassembler accept(Frame f) {
        return accept(f.record());
    }

    /** Feeds every frame of a capture file. */
    public Reassembler accept(Path capture) throws IOException {
        try (CaptureReader r = CaptureInput.open(capture)) {
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) accept(rec);
        }
        return this;
    }

    /** The IP datagrams that ended so far (completed; with includeIncomplete, the others too). */
    public List<Datagram> datagrams() {
        return hooks.datagrams();
    }

    /** The TCP messages that ended so far ({@code tcp} only). */
    public List<Message> messages() {
        if (!tcp) throw new IllegalStateException("messages come from reassemble(\"tcp\")");
        return hooks.messages();
    }

    public DefragStats ipv4Stats() {
        return hooks.ip == null || hooks.ip.ipv4() == null ? null : hooks.ip.ipv4().stats();
    }

    public DefragStats ipv6Stats() {
        return hooks.ip == null || hooks.ip.ipv6() == null ? null : hooks.ip.ipv6().stats();
    }

    public TcpStats tcpStats() {
        return hooks.tcp == null ? null : hooks.tcp.stats();
    }

    /** The input ended: what is still open ends (incomplete datagrams, open connections' last messages). */
    public Reassembler finish() {
        hooks.finish();
        return this;
    }

    @Override
    public void close() {
        finish();
    }
}
