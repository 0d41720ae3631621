package io.pcapkit.generator.emit;

import java.util.Locale;
import java.util.Set;

/** Java names derived from grammar ids, following the Kaitai compiler's own conventions. */
public final class Naming {
    private Naming() {
    }

    /** {@code total_length} -> {@code TotalLength} (ksc's class names). */
    public static String upperCamel(String s) {
        StringBuilder b = new StringBuilder();
        for (String part : s.split("_")) {
            if (part.isEmpty()) continue;
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.toString();
    }

    /** {@code total_length} -> {@code totalLength} (ksc's accessor names). */
    public static String lowerCamel(String s) {
        String u = upperCamel(s);
        return u.isEmpty() ? u : Character.toLowerCase(u.charAt(0)) + u.substring(1);
    }

    public static String constant(String s) {
        return s.replace('.', '_').replace('-', '_').replace('/', '_').toUpperCase(Locale.ROOT);
    }

    private static final Set<String> RESERVED = Set.of("start", "limit", "headerEnd", "payloadLength", "isFragment",
            "grammar", "decode", "emit", "walk", "next", "errorField", "errorOffset", "errorKind", "errorReason",
            "hashCode", "toString", "getClass", "equals", "wait", "notify", "notifyAll", "clone", "finalize",
            "walkTop", "truncated", "invalid", "limitExceeded", "failed", "readBitsWord");

    private static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
            "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
            "native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while",
            "true", "false", "null", "var", "record", "yield");

    /** Accessor name on a generated codec, avoiding the base class's methods. */
    public static String accessor(String id) {
        String n = lowerCamel(id);
        return RESERVED.contains(n) || JAVA_KEYWORDS.contains(n) ? n + "Field" : n;
    }

    public static boolean isJavaKeyword(String s) {
        return JAVA_KEYWORDS.contains(s);
    }
}
