package io.pcapkit;

import io.pcapkit.reassembly.Datagram;
import io.pcapkit.reassembly.DefragOptions;
import io.pcapkit.reassembly.Message;
import io.pcapkit.reassembly.StreamOptions;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What is reassembled and how: IPv4 and IPv6 defragmentation (on by default, as in Wireshark),
 * TCP streams (off by default), their options and limits, and callbacks that receive the results
 * as the run goes. Used by {@link Pcapkit#reassemble} and by {@link ExtractOptions}.
 */
public final class ReassembleOptions {
    boolean ipv4 = true;
    boolean ipv6 = true;
    boolean tcp;
    DefragOptions defrag = new DefragOptions();
    StreamOptions streams = new StreamOptions();
    Consumer<Datagram> onDatagram;
    Consumer<Message> onMessage;

    /**
     * Sets what is reassembled from a comma-separated list: {@code ip} (both versions),
     * {@code ipv4}, {@code ipv6}, {@code tcp}, or {@code none}.
     */
    public ReassembleOptions what(String spec) {
        ipv4 = ipv6 = tcp = false;
        for (String s : spec.split(",")) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "ip" -> ipv4 = ipv6 = true;
                case "ipv4" -> ipv4 = true;
                case "ipv6" -> ipv6 = true;
                case "tcp" -> tcp = true;
                case "none", "" -> { }
                default -> throw new IllegalArgumentException("unknown reassembly '" + s.trim() + "' (ip, ipv4, ipv6, tcp, none)");
            }
        }
        return this;
    }

    public ReassembleOptions ip(boolean on) {
        ipv4 = ipv6 = on;
        return this;
    }

    public ReassembleOptions ipv4(boolean on) {
        ipv4 = on;
        return this;
    }

    public ReassembleOptions ipv6(boolean on) {
        ipv6 = on;
        return this;
    }

    public ReassembleOptions tcp(boolean on) {
        tcp = on;
        return this;
    }

    /** Overlap policy and limits of IP defragmentation. */
    public ReassembleOptions defrag(DefragOptions o) {
        defrag = Objects.requireNonNull(o).copy();
        return this;
    }

    /** Overlap policy and limits of TCP streams. */
    public ReassembleOptions streams(StreamOptions o) {
        streams = Objects.requireNonNull(o).copy();
        return this;
    }

    /** Also report datagrams that did not complete (timed out, evicted, abandoned, open at the end). */
    public ReassembleOptions includeIncomplete(boolean b) {
        defrag.includeIncomplete(b);
        return this;
    }

    /** Receives each datagram as it completes (or ends incomplete, with {@link #includeIncomplete}). */
    public ReassembleOptions onDatagram(Consumer<Datagram> c) {
        onDatagram = c;
        return this;
    }

    /** Receives each TCP message (the bytes between changes of direction) as it ends. */
    public ReassembleOptions onMessage(Consumer<Message> c) {
        onMessage = c;
        return this;
    }

    public boolean ipv4() {
        return ipv4;
    }

    public boolean ipv6() {
        return ipv6;
    }

    public boolean tcp() {
        return tcp;
    }

    ReassembleOptions copy() {
        ReassembleOptions o = new ReassembleOptions();
        o.ipv4 = ipv4;
        o.ipv6 = ipv6;
        o.tcp = tcp;
        o.defrag = defrag.copy();
        o.streams = streams.copy();
        o.onDatagram = onDatagram;
        o.onMessage = onMessage;
        return o;
    }
}
