package io.pcapkit.dissect.prim;

import io.pcapkit.dissect.Limits;
import io.pcapkit.dissect.Renderer;
import java.nio.ByteBuffer;

/**
 * The runtime primitive type {@code dns_name}: a domain name in DNS wire form with message
 * compression (RFC 1035 section 4.1.4). In place it is a run of labels ending in a zero byte or in
 * a two-byte pointer; a pointer names an offset from the start of the DNS message, where the name
 * goes on. Grammars use it as {@code type: dns_name(_io)} (or {@code dns_name(_parent._io)} inside
 * a sized record), the argument being the message's stream.
 *
 * <p>{@link #scan} finds the in-place length and checks the whole name, following pointers, so a
 * bad name is a malformed layer at decode time: a label type other than 0 or 3 (RFC 6891 retired
 * extended labels) or a pointer outside the message. An extended label of unknown type in place
 * ends the name, shown as {@value #EXTENDED_TEXT} (see {@link #unknownExtended}). Two faults leave the name's extent known, and
 * there Wireshark shows a note in the name's place and dissects on, and so do we: more than
 * {@link Limits#MAX_DNS_POINTER_HOPS} pointers (a loop, or a chain no encoder writes) render as
 * {@value #LOOP_TEXT}, a name over 255 octets as {@value #TOO_LONG_TEXT}. {@link #render} writes
 * a name dotted, {@code <Root>} for the root name, as Wireshark does.
 */
public final class DnsName {
    private DnsName() {
    }

    /** The in-place labels run past the end of the field's stream. */
    public static final int TRUNCATED = -1;
    public static final int BAD_LABEL = -2;
    public static final int BAD_POINTER = -3;
    public static final int LOOP = -4;
    public static final int TOO_LONG = -5;

    /** RFC 1035 section 2.3.4: a name is at most 255 octets on the wire (length bytes included). */
    public static final int MAX_NAME_OCTETS = 255;

    /** Wireshark's text in place of a name whose pointers loop. */
    public static final String LOOP_TEXT = "<Name contains a pointer that loops>";
    /** Wireshark's text in place of a name over {@link #MAX_NAME_OCTETS}. */
    public static final String TOO_LONG_TEXT = "<Name too long>";
    /** Wireshark's text in place of a name that meets an extended label of unknown type. */
    public static final String EXTENDED_TEXT = "<Unknown extended label>";

    /**
     * Whether label byte {@code l} is an extended label of a type nobody defines (RFC 6891 retired
     * them; 0x41, RFC 2673's bit labels, is not one of these). Its length is unknown, so the name
     * ends after that byte, shown as {@value #EXTENDED_TEXT}, and the record goes on there, as in
     * Wireshark (checked with tshark 4.0: after at least one label; as the name's first byte, or
     * reached through a pointer, it is a bad label).
     */
    static boolean unknownExtended(int l) {
        return (l & 0xc0) == 0x40 && l != 0x41;
    }

    /** Whether a name with fault {@code code} is still dissected past (shown by its note). */
    public static boolean shownAsNote(int code) {
        return code == LOOP || code == TOO_LONG;
    }

    /**
     * Why {@code code} (a negative result of {@link #scan}) failed, for the malformed node. A loop
     * or a name too long is no failure: it shows as its note ({@link #shownAsNote}).
     */
    public static String reason(int code) {
        return switch (code) {
            case TRUNCATED -> "the name runs past the end of its stream";
            case BAD_LABEL -> "a label type other than 0 (length) or 3 (pointer)";
            case BAD_POINTER -> "a compression pointer outside the message";
            default -> "bad name";
        };
    }

    /**
     * Checks the name at {@code p} (its in-place part bounded by {@code limit}); pointers resolve in
     * the message {@code [base, end)}. @return the offset after the in-place part, or a negative code
     */
    public static int scan(ByteBuffer b, int base, int end, int p, int limit) {
        int q = p;
        int total = 0;
        while (true) {
            if (q >= limit) return TRUNCATED;
            int l = b.get(q) & 0xff;
            // a name too long is still walked to its end: its extent is known (the limit bounds the walk)
            if (l == 0) return q + 1;
            if ((l & 0xc0) == 0xc0) {
                if (q + 1 >= limit) return TRUNCATED;
                int r = chain(b, base, end, pointer(b, q), total, null, true);
                return r < 0 && !shownAsNote(r) ? r : q + 2;
            }
            // as the name's first byte Wireshark's DNS dissector throws: malformed
            if (unknownExtended(l)) return q == p ? BAD_LABEL : q + 1;
            if ((l & 0xc0) != 0) return BAD_LABEL;
            if (l + 1 > limit - q) return TRUNCATED;
            total += l + 1;
            q += l + 1;
        }
    }

    private static int pointer(ByteBuffer b, int q) {
        return ((b.get(q) & 0x3f) << 8) | (b.get(q + 1) & 0xff);
    }

    /**
     * Follows a name from message offset {@code ptr}, checking it and (when {@code out} is not
     * null) appending its labels, the first without a dot before it when {@code first}. {@code total}
     * octets were seen before it. @return 0 or a code
     */
    static int chain(ByteBuffer b, int base, int end, int ptr, int total, StringBuilder out, boolean first) {
        int hops = 1;
        int q = base + ptr;
        // a name that grew too long is still followed, labels no longer kept, to its end or to a
        // loop: as in Wireshark, a loop is the fault shown (the hops bound the walk)
        while (true) {
            if (q < base || q >= end) return BAD_POINTER;
            int l = b.get(q) & 0xff;
            if (l == 0) return total + 1 > MAX_NAME_OCTETS ? TOO_LONG : 0;
            if ((l & 0xc0) == 0xc0) {
                if (q + 1 >= end) return BAD_POINTER;
                if (++hops > Limits.MAX_DNS_POINTER_HOPS) return LOOP;
                q = base + pointer(b, q);
                continue;
            }
            if ((l & 0xc0) != 0) return BAD_LABEL;
            if (l + 1 > end - q) return BAD_POINTER;
            total += l + 1;
            if (out != null && total + 1 <= MAX_NAME_OCTETS) {
                if (!first) out.append('.');
                label(out, b, q + 1, l);
                first = false;
            }
            q += l + 1;
        }
    }

    /**
     * One label's octets as Wireshark shows them: printable ASCII as it is, ASCII controls as C
     * escapes ({@code \\n}, {@code \\t}, ...) or octal ({@code \\033}); above 0x7f, UTF-8 read as
     * Wireshark reads it. A lead byte takes the continuation bytes it announces (old 5- and 6-byte
     * forms included); one that ends early, or a byte that leads nothing, is one U+FFFD, and the
     * byte that broke the sequence starts the next. A decoded character that is not printable
     * (control, format, unassigned, surrogate) is shown as {@code \\uXXXX} or {@code \\UXXXXXXXX}.
     */
    public static void label(StringBuilder out, ByteBuffer b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            int c = b.get(i++) & 0xff;
            if (c < 0x80) {
                escape(out, (char) c);
                continue;
            }
            int more = c >= 0xfe ? -1 : c >= 0xfc ? 5 : c >= 0xf8 ? 4 : c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : -1;
            int cp;
            if (more < 0) {
                cp = REPLACEMENT;
            } else {
                long v = c & (0x3f >> more);
                for (int k = 0; k < more; k++) {
                    if (i >= end || (b.get(i) & 0xc0) != 0x80) {
                        v = REPLACEMENT;
                        break;
                    }
                    v = v << 6 | (b.get(i++) & 0x3f);
                }
                cp = v > Character.MAX_CODE_POINT || v >= 0xd800 && v <= 0xdfff ? REPLACEMENT : (int) v;
            }
            if (printable(cp)) {
                out.appendCodePoint(cp);
            } else { // also an overlong control character, as Wireshark shows it
                String hex = Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT);
                out.append(cp <= 0xffff ? "\\u" : "\\U").append("0".repeat((cp <= 0xffff ? 4 : 8) - hex.length())).append(hex);
            }
        }
    }

    private static final int REPLACEMENT = 0xfffd;

    /** An ASCII character: printable as it is, a control as its C escape or in octal. */
    private static void escape(StringBuilder out, char c) {
        if (c >= 0x20 && c != 0x7f) {
            out.append(c);
            return;
        }
        switch (c) {
            case 7 -> out.append("\\a");
            case 8 -> out.append("\\b");
            case 9 -> out.append("\\t");
            case 10 -> out.append("\\n");
            case 11 -> out.append("\\v");
            case 12 -> out.append("\\f");
            case 13 -> out.append("\\r");
            default -> out.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7))).append((char) ('0' + (c & 7)));
        }
    }

    /** Printable as GLib counts it: anything but a control, format, unassigned or surrogate character. */
    private static boolean printable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.SURROGATE -> false;
            default -> true;
        };
    }

    /** Renders a name that {@link #scan} accepted; pointers resolve in {@code [base, end)}. */
    public static final Renderer RENDERER = DnsName::render;

    public static void render(StringBuilder out, ByteBuffer b, int base, int end, int off, int len) {
        int start = out.length();
        int q = off;
        int stop = off + len;
        int total = 0;
        int fault = 0;
        while (q < stop) {
            int l = b.get(q) & 0xff;
            if (l == 0) break;
            if ((l & 0xc0) == 0xc0) {
                fault = chain(b, base, end, pointer(b, q), total, out, out.length() == start);
                break;
            }
            if (unknownExtended(l)) {
                out.setLength(start);
                out.append(EXTENDED_TEXT);
                return;
            }
            total += l + 1;
            if (out.length() > start) out.append('.');
            label(out, b, q + 1, l);
            q += l + 1;
        }
        if (fault == 0 && total + 1 > MAX_NAME_OCTETS) fault = TOO_LONG;
        if (shownAsNote(fault)) {
            out.setLength(start);
            out.append(fault == LOOP ? LOOP_TEXT : TOO_LONG_TEXT);
        } else if (out.length() == start) {
            out.append("<Root>");
        }
    }
}
