package io.pcapkit.generator.model;

/**
 * A fixed-width integer wire type ({@code u1}..{@code u8}, {@code s1}..{@code s8}) or a bit field
 * ({@code b1}..{@code b64}).
 *
 * @param bits      width in bits
 * @param signed    two's complement
 * @param bitField  true for {@code bN}: packed MSB-first with its neighbours
 * @param endian    "be", "le" or null (taken from the type's default endianness)
 */
public record IntType(int bits, boolean signed, boolean bitField, String endian) {

    /** Parses a KSY primitive name such as {@code u2be}, {@code s4}, {@code b13}; null if not an integer type. */
    public static IntType parse(String name) {
        if (name == null) return null;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([us])([1248])(be|le)?|b([0-9]+)").matcher(name);
        if (!m.matches()) return null;
        if (m.group(4) != null) {
            int n = Integer.parseInt(m.group(4));
            if (n < 1 || n > 64) return null;
            return new IntType(n, false, true, null);
        }
        return new IntType(Integer.parseInt(m.group(2)) * 8, m.group(1).equals("s"), false, m.group(3));
    }

    public int bytes() {
        return bits / 8;
    }

    public boolean isBool() {
        return bitField && bits == 1;
    }
}
