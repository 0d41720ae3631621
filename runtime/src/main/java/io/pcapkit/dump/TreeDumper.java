package io.pcapkit.dump;

import io.pcapkit.dissect.Format;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A text tree for people, in the spirit of PyPCAPKit's: the first line
 * {@code PCAP File Tree-View Format}, then each record under its name with one
 * {@code |-- key -> value} line per field, nested objects and layers indented below their key:
 *
 * <pre>
 * Frame 1
 *   |-- number -> 1
 *   |-- ethernet
 *   |     |-- type -> 0x0800 (IPv4)
 *   |     |-- ipv4
 *   |           |-- proto -> 6 (TCP)
 *   |-- protocols -> Ethernet:IPv4:TCP
 * </pre>
 *
 * Enumerated values show the number and its name ({@code 6 (TCP)}), HEX numbers {@code 0x0800}
 * (as wide as the field), bytes as spaced hex with 16 bytes per {@code |-->} line when longer, list
 * elements as {@code [i]}. A vertical bar continues only while its node has siblings below, so one
 * record's lines are kept until the record ends (one frame's worth of text, never more).
 */
final class TreeDumper extends RecordDumper {
    static final String TITLE = "PCAP File Tree-View Format";
    private static final int BYTES_PER_LINE = 16;
    private static final byte NODE = 0;
    private static final byte ARROW = 1;
    private static final byte CONT = 2;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Writer out;
    private final String[] names = new String[KEY_COUNT];

    // the record being built
    private String recordName;
    // text buffers start small and grow with the frames: a trace holds a dumper per open flow file
    private final StringBuilder body = new StringBuilder(512);
    private int[] lineStart = new int[128];
    private int[] lineDepth = new int[128];
    private byte[] lineKind = new byte[128];
    private boolean[] hasNext = new boolean[128];
    private int lines;

    // rendering
    private boolean[] seen = new boolean[32];
    private boolean[] open = new boolean[32];
    private final StringBuilder page = new StringBuilder(1024);
    private char[] pageChars = new char[1024];

    // open containers: depth 0 is the record
    private int depth;
    private boolean[] isArray = new boolean[32];
    private int[] index = new int[32];

    TreeDumper(OutputStream out, DumpOptions options) {
        super(options);
        // chars of two bytes each: about the options' bytes
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), options.bufferBytes / 2);
    }

    // ---- building lines ----

    private void line(byte kind, int d) {
        if (lines == lineStart.length) {
            int n = lines * 2;
            lineStart = Arrays.copyOf(lineStart, n);
            lineDepth = Arrays.copyOf(lineDepth, n);
            lineKind = Arrays.copyOf(lineKind, n);
            hasNext = Arrays.copyOf(hasNext, n);
        }
        lineStart[lines] = body.length();
        lineDepth[lines] = d;
        lineKind[lines] = kind;
        lines++;
    }

    /** Starts a node line at the current depth + 1 with its label. */
    private void node(int k) {
        line(NODE, depth + 1);
        if (k >= 0) {
            String s = names[k];
            if (s == null) names[k] = s = keyText(k);
            body.append(s);
        } else {
            body.append('[').append(depth > 0 && isArray[depth] ? index[depth]++ : 0).append(']');
        }
    }

    private void value(int k) {
        node(k);
        body.append(" -> ");
    }

    private void push(boolean array) {
        depth++;
        if (depth == isArray.length) {
            isArray = Arrays.copyOf(isArray, depth * 2);
            index = Arrays.copyOf(index, depth * 2);
        }
        isArray[depth] = array;
        index[depth] = 0;
    }

    private void number(long v, Format f, int len) {
        if (f == Format.HEX) {
            body.append("0x");
            int width = len >= 1 && len <= 8 ? 2 * len
                    : v >= 0 && v <= 0xff ? 2 : v >= 0 && v <= 0xffff ? 4 : v >= 0 && v <= 0xffffffffL ? 8 : 16;
            int digits = v == 0 ? 1 : (64 - Long.numberOfLeadingZeros(v) + 3) / 4;
            for (int i = digits; i < width; i++) body.append('0');
            for (int s = (digits - 1) * 4; s >= 0; s -= 4) body.append(HEX[(int) (v >>> s) & 15]);
        } else {
            body.append(v);
        }
    }

    /** Text on one line: control characters escaped, so a field cannot break the tree. */
    private void text(char[] c, int off, int len) {
        for (int i = off; i < off + len; i++) escape(c[i]);
    }

    private void text(String s) {
        for (int i = 0; i < s.length(); i++) escape(s.charAt(i));
    }

    private void escape(char ch) {
        if (ch >= 0x20 && ch != 0x7f) {
            body.append(ch);
        } else if (ch == '\n') {
            body.append("\\n");
        } else if (ch == '\r') {
            body.append("\\r");
        } else if (ch == '\t') {
            body.append("\\t");
        } else {
            body.append("\\x").append(HEX[ch >>> 4 & 15]).append(HEX[ch & 15]);
        }
    }

    private void spacedHex(ByteBuffer buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (i > from) body.append(' ');
            int v = buf.get(i) & 0xff;
            body.append(HEX[v >>> 4]).append(HEX[v & 15]);
        }
    }

    // ---- rendering ----

    private void render() throws IOException {
        int maxDepth = maxDepth() + 2;
        if (seen.length < maxDepth) {
            seen = new boolean[maxDepth * 2];
            open = new boolean[maxDepth * 2];
        }
        // which nodes have a sibling below them (before their parent's next sibling)
        Arrays.fill(seen, false);
        for (int i = lines - 1; i >= 0; i--) {
            if (lineKind[i] == CONT) continue;
            int d = lineDepth[i];
            hasNext[i] = seen[d];
            seen[d] = true;
            for (int j = d + 1; j < maxDepth; j++) seen[j] = false;
        }
        StringBuilder page = this.page;
        page.setLength(0);
        page.append('\n').append(recordName).append('\n');
        for (int i = 0; i < lines; i++) {
            int d = lineDepth[i];
            page.append("  ");
            for (int j = 1; j < d; j++) page.append(open[j] ? "|     " : "      ");
            switch (lineKind[i]) {
                case NODE -> {
                    page.append("|-- ");
                    open[d] = hasNext[i];
                }
                case ARROW -> {
                    page.append("|--> ");
                    open[d] = hasNext[i];
                }
                default -> page.append("     ");
            }
            int end = i + 1 < lines ? lineStart[i + 1] : body.length();
            page.append(body, lineStart[i], end).append('\n');
        }
        int n = page.length();
        if (pageChars.length < n) pageChars = new char[Math.max(n, pageChars.length * 2)];
        page.getChars(0, n, pageChars, 0);
        out.write(pageChars, 0, n);
        body.setLength(0);
        lines = 0;
    }

    private int maxDepth() {
        int m = 0;
        for (int i = 0; i < lines; i++) m = Math.max(m, lineDepth[i]);
        return m;
    }

    // ---- RecordDumper ----

    @Override
    protected void openDocument() throws IOException {
        out.write(TITLE);
        out.write('\n');
    }

    @Override
    protected void closeDocument() throws IOException {
        out.close();
    }

    @Override
    protected void openHeader() {
        recordName = GLOBAL_HEADER;
        depth = 0;
    }

    @Override
    protected void openRecord(long number) {
        recordName = "Frame " + number;
        depth = 0;
    }

    @Override
    protected void closeRecord() throws IOException {
        render();
    }

    @Override
    protected void openObject(int k) {
        node(k);
        push(false);
    }

    @Override
    protected void closeObject() {
        if (depth > 0) depth--;
    }

    @Override
    protected void openArray(int k) {
        node(k);
        push(true);
    }

    @Override
    protected void closeArray() {
        if (depth > 0) depth--;
    }

    @Override
    protected void writeNumber(int k, long v, Format f, int len) {
        value(k);
        number(v, f, len);
    }

    @Override
    protected void writeEnum(int k, long v, String name, Format f, int len) {
        value(k);
        number(v, f, len);
        body.append(" (");
        text(name);
        body.append(')');
    }

    @Override
    protected void writeBool(int k, boolean v) {
        value(k);
        body.append(v);
    }

    @Override
    protected void writeChars(int k, char[] c, int off, int len) {
        value(k);
        text(c, off, len);
    }

    @Override
    protected void writeString(int k, String s) {
        value(k);
        text(s);
    }

    @Override
    protected void writeHex(int k, ByteBuffer buf, int off, int len) {
        if (len == 0) {
            value(k);
            body.append("(empty)");
        } else if (len <= BYTES_PER_LINE) {
            value(k);
            spacedHex(buf, off, off + len);
        } else {
            node(k);
            for (int p = off; p < off + len; p += BYTES_PER_LINE) {
                line(p == off ? ARROW : CONT, depth + 2);
                spacedHex(buf, p, Math.min(off + len, p + BYTES_PER_LINE));
            }
        }
    }

    @Override
    protected void writeNull(int k) {
        value(k);
        body.append("null");
    }

    @Override
    protected void writeEpoch(int k, char[] c, int off, int len) {
        writeChars(k, c, off, len);
    }

    @Override
    protected void writeTime(int k, char[] c, int off, int len) {
        writeChars(k, c, off, len);
    }

    @Override
    protected void writeOffsets(int[] keys, int[] starts, int[] lens, int n) {
        openObject(K_OFFSETS);
        for (int i = 0; i < n; i++) {
            value(keys[i]);
            body.append('[').append(starts[i]).append(", ").append(lens[i]).append(']');
        }
        closeObject();
    }
}
