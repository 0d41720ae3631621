package io.pcapkit.dissect.proc;

import io.pcapkit.dissect.DissectContext;
import io.pcapkit.dissect.Limits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The processor {@code hpack}: decodes an HTTP/2 header block (RFC 7541) with the dynamic table
 * of the flow direction it was sent in. Its argument says which fragment this is: bit 0 set when
 * it ends the block (END_HEADERS), bit 1 set when it starts one (HEADERS, PUSH_PROMISE) rather than
 * continuing it (CONTINUATION). Fragments are kept until the block ends and decoded together, as a
 * field may be split between frames; a fragment that does not end its block decodes to nothing.
 *
 * <p>The decoded form, which grammars describe, is one entry per representation, in order:
 * <pre>
 *   kind        u1   0 indexed field, 1 literal with incremental indexing, 2 literal without
 *                    indexing, 3 literal never indexed, 4 dynamic table size update
 *   if kind == 4:
 *     size      u4   the new maximum size of the dynamic table
 *   else:
 *     index     u4   the index named (the field for kind 0, its name for 1-3; 0: a literal name)
 *     name_len  u2, name  (bytes)
 *     value_len u4, value (bytes)
 * </pre>
 * Failures make the layer malformed: an index that is 0 or beyond the tables, an integer or string
 * running past the block, a Huffman string that is not valid (section 5.2), a size update above
 * {@link Limits#MAX_HPACK_TABLE_SIZE}, and blocks or decoded lists beyond their limits. An index
 * beyond the dynamic table is also what a capture that starts after the connection did gets:
 * the entries it refers to were added before the capture began.
 */
public final class Hpack implements Processor {
    /** The one instance: it keeps no state of its own. */
    public static final Hpack INSTANCE = new Hpack();

    /** Bit 0 of the argument: this fragment ends the header block. */
    public static final long END_HEADERS = 1;
    /** Bit 1 of the argument: this fragment starts a header block. */
    public static final long FIRST = 2;

    /** RFC 7540 section 6.5.2: SETTINGS_HEADER_TABLE_SIZE starts at 4,096. */
    public static final int DEFAULT_TABLE_SIZE = 4096;

    private static final DissectContext.StateKind<State> STATE = new DissectContext.StateKind<>(State::new);

    private Hpack() {
    }

    /** The dynamic table of the context's current flow direction (for tests). */
    static DynamicTable table(DissectContext ctx) {
        return ctx.state(STATE).table;
    }

    @Override
    public String name() {
        return "hpack";
    }

    /** One direction's decoder: the dynamic table and a header block in progress. */
    static final class State {
        final DynamicTable table = new DynamicTable();
        final Output pending = new Output(256);
        boolean inBlock;
    }

    @Override
    public int process(DissectContext ctx, ByteBuffer src, int off, int len, long arg, Output out) {
        State s = ctx.state(STATE);
        boolean end = (arg & END_HEADERS) != 0;
        boolean first = (arg & FIRST) != 0;
        if (first) {
            // a new block ends any block left unfinished (its CONTINUATION never came)
            s.pending.clear();
            s.inBlock = false;
        }
        if (!end || s.inBlock) {
            if (s.pending.size() + len > Limits.MAX_HEADER_BLOCK) {
                s.pending.clear();
                s.inBlock = false;
                ctx.fail("a header block over " + Limits.MAX_HEADER_BLOCK + " bytes");
                return LIMIT_EXCEEDED;
            }
            s.pending.put(src, off, len);
            s.inBlock = true;
            if (!end) return 0;
            ByteBuffer all = ByteBuffer.wrap(s.pending.array(), 0, s.pending.size());
            int r = decode(ctx, s.table, all, 0, s.pending.size(), out);
            s.pending.clear();
            s.inBlock = false;
            return r;
        }
        return decode(ctx, s.table, src, off, len, out);
    }

    /** Decodes a whole header block. */
    static int decode(DissectContext ctx, DynamicTable table, ByteBuffer b, int off, int len, Output out) {
        int p = off;
        int end = off + len;
        int start = out.size();
        long[] iv = new long[1];
        while (p < end) {
            int v = b.get(p) & 0xff;
            if ((v & 0x80) != 0) { // indexed field (6.1)
                p = integer(b, p, end, 7, iv);
                if (p < 0) return fail(ctx, p, "an integer runs past the block");
                long index = iv[0];
                if (index == 0) return fail(ctx, INVALID, "index 0");
                out.put((byte) 0);
                out.putInt(index);
                if (!field(table, index, out, true)) return fail(ctx, INVALID, "index " + index + " is beyond the tables ("
                        + table.count() + " dynamic entries)");
                table.addFromLast(out);
            } else if ((v & 0xe0) == 0x20) { // dynamic table size update (6.3)
                p = integer(b, p, end, 5, iv);
                if (p < 0) return fail(ctx, p, "an integer runs past the block");
                if (iv[0] > Limits.MAX_HPACK_TABLE_SIZE) {
                    return fail(ctx, LIMIT_EXCEEDED, "a table size of " + iv[0] + " (more than " + Limits.MAX_HPACK_TABLE_SIZE + ")");
                }
                table.resize((int) iv[0]);
                out.put((byte) 4);
                out.putInt(iv[0]);
            } else { // literal (6.2)
                int kind;
                int prefix;
                if ((v & 0xc0) == 0x40) {
                    kind = 1;
                    prefix = 6;
                } else if ((v & 0xf0) == 0x00) {
                    kind = 2;
                    prefix = 4;
                } else {
                    kind = 3;
                    prefix = 4;
                }
                p = integer(b, p, end, prefix, iv);
                if (p < 0) return fail(ctx, p, "an integer runs past the block");
                long index = iv[0];
                out.put((byte) kind);
                out.putInt(index);
                int nameAt = out.size();
                if (index == 0) {
                    out.putShort(0);
                    p = string(b, p, end, out, ctx);
                    if (p < 0) return p;
                    int n = out.size() - nameAt - 2;
                    if (n > 0xffff) return fail(ctx, LIMIT_EXCEEDED, "a name over 65,535 bytes");
                    out.setShort(nameAt, n);
                } else if (!field(table, index, out, false)) {
                    return fail(ctx, INVALID, "name index " + index + " is beyond the tables (" + table.count() + " dynamic entries)");
                }
                int valueAt = out.size();
                out.putInt(0);
                p = string(b, p, end, out, ctx);
                if (p < 0) return p;
                out.setInt(valueAt, out.size() - valueAt - 4);
                if (kind == 1) table.addFromLast(out, nameAt);
            }
            if (out.size() - start > Limits.MAX_DECODED_HEADERS) {
                return fail(ctx, LIMIT_EXCEEDED, "a header list over " + Limits.MAX_DECODED_HEADERS + " bytes once decoded");
            }
        }
        return 0;
    }

    private static int fail(DissectContext ctx, int code, String why) {
        ctx.fail("HPACK: " + why);
        return code < 0 ? code : INVALID;
    }

    /**
     * An integer with an {@code n}-bit prefix (5.1) at {@code p}. @return the position after it, or
     * {@link #TRUNCATED} / {@link #INVALID} (more than 2^31 - 1)
     */
    static int integer(ByteBuffer b, int p, int end, int n, long[] out) {
        int mask = (1 << n) - 1;
        long i = b.get(p++) & mask;
        if (i < mask) {
            out[0] = i;
            return p;
        }
        int m = 0;
        while (true) {
            if (p >= end) return TRUNCATED;
            int v = b.get(p++) & 0xff;
            i += (long) (v & 0x7f) << m;
            m += 7;
            // RFC 7541 section 5.1: an encoding too long is an error (zero bytes could go on forever)
            if (i > Integer.MAX_VALUE || m > 35) return INVALID;
            if ((v & 0x80) == 0) break;
        }
        out[0] = i;
        return p;
    }

    /** A string literal (5.2), appended to {@code out}. @return the position after it, or a code */
    private static int string(ByteBuffer b, int p, int end, Output out, DissectContext ctx) {
        if (p >= end) return fail(ctx, TRUNCATED, "a string runs past the block");
        boolean huffman = (b.get(p) & 0x80) != 0;
        long[] iv = new long[1];
        p = integer(b, p, end, 7, iv);
        if (p < 0) return fail(ctx, p, "a string length runs past the block");
        if (iv[0] > end - p) return fail(ctx, TRUNCATED, "a string of " + iv[0] + " bytes runs past the block");
        int n = (int) iv[0];
        if (huffman) {
            if (HpackHuffman.decode(b, p, n, out) < 0) return fail(ctx, INVALID, "a Huffman string with bad padding or EOS");
        } else {
            out.put(b, p, n);
        }
        return p + n;
    }

    /**
     * Appends the name (u2 length + bytes) and, when {@code withValue}, the value (u4 length +
     * bytes) of entry {@code index} of the static then the dynamic table. @return false if none
     */
    private static boolean field(DynamicTable t, long index, Output out, boolean withValue) {
        if (index <= STATIC.length) {
            byte[][] e = STATIC[(int) index - 1];
            out.putShort(e[0].length);
            out.put(e[0], 0, e[0].length);
            if (withValue) {
                out.putInt(e[1].length);
                out.put(e[1], 0, e[1].length);
            }
            return true;
        }
        long d = index - STATIC.length - 1;
        if (d >= t.count()) return false;
        byte[] name = t.name((int) d);
        out.putShort(name.length);
        out.put(name, 0, name.length);
        if (withValue) {
            byte[] value = t.value((int) d);
            out.putInt(value.length);
            out.put(value, 0, value.length);
        }
        return true;
    }

    /** The dynamic table (2.3.2, 4): newest first, sizes counted as RFC 7541 section 4.1 says. */
    static final class DynamicTable {
        private byte[][] names = new byte[16][];
        private byte[][] values = new byte[16][];
        private int head; // slot of the newest entry
        private int count;
        private long size;
        private int max = DEFAULT_TABLE_SIZE;

        int count() {
            return count;
        }

        long size() {
            return size;
        }

        int max() {
            return max;
        }

        private int slot(int i) {
            return Math.floorMod(head - i, names.length);
        }

        byte[] name(int i) {
            return names[slot(i)];
        }

        byte[] value(int i) {
            return values[slot(i)];
        }

        void resize(int newMax) {
            max = newMax;
            evict(0);
        }

        private void evict(long room) {
            while (count > 0 && size + room > max) {
                int s = slot(count - 1);
                size -= 32 + names[s].length + values[s].length;
                names[s] = null;
                values[s] = null;
                count--;
            }
        }

        void add(byte[] name, byte[] value) {
            long need = 32L + name.length + value.length;
            evict(need);
            if (need > max) return; // 4.4: an entry larger than the table empties it and is not added
            if (count == names.length) {
                byte[][] n = new byte[names.length * 2][];
                byte[][] v = new byte[names.length * 2][];
                for (int i = 0; i < count; i++) {
                    n[count - 1 - i] = name(i);
                    v[count - 1 - i] = value(i);
                }
                names = n;
                values = v;
                head = count - 1;
            }
            head = (head + 1) % names.length;
            names[head] = name;
            values[head] = value;
            count++;
            size += need;
        }

        /** Indexed fields are not added; kept for symmetry with the literal path. */
        void addFromLast(Output out) {
        }

        /** Adds the literal just written: name (u2 + bytes) at {@code nameAt}, then value (u4 + bytes). */
        void addFromLast(Output out, int nameAt) {
            byte[] a = out.array();
            int nl = ((a[nameAt] & 0xff) << 8) | (a[nameAt + 1] & 0xff);
            int va = nameAt + 2 + nl;
            int vl = ((a[va] & 0xff) << 24) | ((a[va + 1] & 0xff) << 16) | ((a[va + 2] & 0xff) << 8) | (a[va + 3] & 0xff);
            add(out.copy(nameAt + 2, nl), out.copy(va + 4, vl));
        }
    }

    /** The static table (Appendix A): name and value of indices 1..61. */
    static final byte[][][] STATIC;

    static {
        String[] t = {
            ":authority", "", ":method", "GET", ":method", "POST", ":path", "/", ":path", "/index.html",
            ":scheme", "http", ":scheme", "https", ":status", "200", ":status", "204", ":status", "206",
            ":status", "304", ":status", "400", ":status", "404", ":status", "500", "accept-charset", "",
            "accept-encoding", "gzip, deflate", "accept-language", "", "accept-ranges", "", "accept", "",
            "access-control-allow-origin", "", "age", "", "allow", "", "authorization", "", "cache-control", "",
            "content-disposition", "", "content-encoding", "", "content-language", "", "content-length", "",
            "content-location", "", "content-range", "", "content-type", "", "cookie", "", "date", "", "etag", "",
            "expect", "", "expires", "", "from", "", "host", "", "if-match", "", "if-modified-since", "",
            "if-none-match", "", "if-range", "", "if-unmodified-since", "", "last-modified", "", "link", "",
            "location", "", "max-forwards", "", "proxy-authenticate", "", "proxy-authorization", "", "range", "",
            "referer", "", "refresh", "", "retry-after", "", "server", "", "set-cookie", "",
            "strict-transport-security", "", "transfer-encoding", "", "user-agent", "", "vary", "", "via", "",
            "www-authenticate", ""};
        STATIC = new byte[t.length / 2][][];
        for (int i = 0; i < STATIC.length; i++) {
            STATIC[i] = new byte[][] {t[2 * i].getBytes(StandardCharsets.US_ASCII), t[2 * i + 1].getBytes(StandardCharsets.US_ASCII)};
        }
    }
}
