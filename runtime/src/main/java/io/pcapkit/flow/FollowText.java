package io.pcapkit.flow;

import io.pcapkit.reassembly.Endpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Writes a followed flow as {@code tshark -z follow,PROTO,MODE} does: a banner with the filter and
 * the two nodes, then each chunk (the second node's indented by a tab) and a closing rule.
 * {@code ascii}: the chunk's length, then its bytes with every byte but CR, LF and printable ASCII
 * shown as a dot; {@code raw}: the bytes in hex on one line. A gap is a line
 * {@code [N bytes missing in capture file]} (Wireshark's words).
 */
public final class FollowText {
    /** tshark's output modes. */
    public enum Mode {
        ASCII, RAW;

        public static Mode parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    private static final String RULE = "===================================================================";
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final Appendable out;
    private final Mode mode;

    public FollowText(Appendable out, Mode mode) {
        this.out = out;
        this.mode = mode;
    }

    /** The banner: protocol ("tcp" or "udp"), the stream id, the nodes (A first). */
    public void begin(String protocol, long id, Endpoints e) {
        String p = protocol.toLowerCase(Locale.ROOT);
        String s = "\n" + RULE + "\nFollow: " + p + "," + mode.name().toLowerCase(Locale.ROOT) + "\nFilter: " + p
                + ".stream eq " + id + "\n";
        if (e != null) s += "Node 0: " + Endpoints.socket(e.addressA(), e.portA()) + "\nNode 1: " + Endpoints.socket(e.addressB(), e.portB()) + "\n";
        write(s);
    }

    public void chunk(Follow.Chunk c) {
        StringBuilder b = new StringBuilder();
        String indent = c.direction() == 1 ? "\t" : "";
        if (c.isGap()) {
            b.append(indent).append('[').append(c.missing()).append(" bytes missing in capture file]\n");
        } else if (mode == Mode.ASCII) {
            b.append(indent).append(c.data().length).append('\n');
            for (byte x : c.data()) {
                int v = x & 0xff;
                b.append(v == '\r' || v == '\n' || v >= 0x20 && v < 0x7f ? (char) v : '.');
            }
            b.append('\n');
        } else {
            b.append(indent);
            for (byte x : c.data()) b.append(HEX[(x >> 4) & 15]).append(HEX[x & 15]);
            b.append('\n');
        }
        write(b);
    }

    public void end() {
        write(RULE + "\n");
    }

    private void write(CharSequence s) {
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
