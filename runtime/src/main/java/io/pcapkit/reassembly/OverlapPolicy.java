package io.pcapkit.reassembly;

import java.util.Locale;

/**
 * Which bytes win where two IP fragments of one datagram overlap: the target-based policies of
 * Novak ("Target-Based Fragmentation Reassembly", 2005) after Shankar and Paxson's Active Mapping,
 * each named after the stacks that behave so, plus drop-on-overlap (RFC 5722).
 *
 * <p>Each policy is defined byte by byte: fragments are applied in the order they arrived, and a
 * byte already received changes only when {@link #newWins} says the newly arrived fragment takes
 * it from the fragment that holds it. Offsets and ends are those the fragments arrived with.
 *
 * <table>
 * <caption>policies</caption>
 * <tr><th>policy</th><th>a new fragment N takes a byte held by an earlier fragment E when</th><th>stacks</th></tr>
 * <tr><td>first</td><td>never (the first data received stays)</td><td>Mac OS, Windows-like hosts</td></tr>
 * <tr><td>last</td><td>always (the last data received wins)</td><td>Cisco IOS</td></tr>
 * <tr><td>bsd</td><td>N starts before E (N.start &lt; E.start)</td><td>4.4BSD ip_reass: a preceding fragment keeps its data, following ones are trimmed</td></tr>
 * <tr><td>bsd-right</td><td>N ends after E (N.end &gt; E.end)</td><td>HP JetDirect</td></tr>
 * <tr><td>linux</td><td>N starts before E or at the same offset (N.start &le; E.start)</td><td>Linux before 4.19, OpenBSD</td></tr>
 * <tr><td>windows</td><td>N starts before and ends after E (N.start &lt; E.start and N.end &gt; E.end)</td><td>Windows, HP-UX 11</td></tr>
 * <tr><td>solaris</td><td>N starts before E and ends at or after its end (N.start &lt; E.start and N.end &ge; E.end)</td><td>Solaris</td></tr>
 * <tr><td>drop-on-overlap</td><td>any overlap that is not an exact duplicate abandons the datagram</td><td>RFC 5722 (IPv6), Linux since 4.19</td></tr>
 * </table>
 */
public enum OverlapPolicy {
    FIRST("first"),
    LAST("last"),
    BSD("bsd"),
    BSD_RIGHT("bsd-right"),
    LINUX("linux"),
    WINDOWS("windows"),
    SOLARIS("solaris"),
    DROP_ON_OVERLAP("drop-on-overlap");

    /** The name used in options and output. */
    public final String label;

    OverlapPolicy(String label) {
        this.label = label;
    }

    /**
     * Whether a newly arrived fragment {@code [newStart, newEnd)} takes the bytes it shares with
     * the earlier fragment {@code [oldStart, oldEnd)} that holds them.
     */
    public boolean newWins(long oldStart, long oldEnd, long newStart, long newEnd) {
        return switch (this) {
            case FIRST, DROP_ON_OVERLAP -> false;
            case LAST -> true;
            case BSD -> newStart < oldStart;
            case BSD_RIGHT -> newEnd > oldEnd;
            case LINUX -> newStart <= oldStart;
            case WINDOWS -> newStart < oldStart && newEnd > oldEnd;
            case SOLARIS -> newStart < oldStart && newEnd >= oldEnd;
        };
    }

    /** By label ({@code bsd-right}) or constant name ({@code BSD_RIGHT}), case-insensitive. */
    public static OverlapPolicy parse(String s) {
        String n = s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (n.equals("drop")) return DROP_ON_OVERLAP;
        for (OverlapPolicy p : values()) if (p.label.equals(n)) return p;
        throw new IllegalArgumentException("unknown overlap policy '" + s + "' (policies: first, last, bsd, bsd-right, linux, windows, solaris, drop-on-overlap)");
    }

    @Override
    public String toString() {
        return label;
    }
}
