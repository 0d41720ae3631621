package io.pcapkit.generator.expr;

import java.util.List;

/**
 * Translates an expression to Java. Integers are {@code long}, conditions {@code boolean}; names
 * are resolved by the caller, because the same grammar expression reads a local in a fast walker,
 * a slot in a codec and an accessor in a Kaitai-backed walker.
 *
 * <p>Text and byte fields are values too, compared and converted through the runtime's
 * {@code io.pcapkit.dissect.Text}: a fast codec holds them as a region of its buffer
 * ({@link Text#region}), a Kaitai-backed one as the {@code String} or {@code byte[]} of its parser
 * ({@link Text#object}). Supported: {@code ==}/{@code !=} against each other, a string literal or a
 * byte array literal; {@code .length}; {@code .to_i} and {@code .to_i(radix)} (Kaitai's); and two
 * pcapkit additions for expressions Kaitai never sees ({@code -pcapkit} keys):
 * {@code .equals_ignore_case("lit")} and {@code .contains_ignore_case("lit")} (ASCII case).
 */
public final class JavaExpr {
    private static final String TEXT = "io.pcapkit.dissect.Text";

    /** A text value: a buffer region (fast codecs), an object (Kaitai codecs) or a literal. */
    public record Text(String buf, String off, String len, String obj, String literal) {
        public static Text region(String buf, String off, String len) {
            return new Text(buf, off, len, null, null);
        }

        public static Text object(String obj) {
            return new Text(null, null, null, obj, null);
        }

        static Text literal(String value) {
            return new Text(null, null, null, null, value);
        }

        boolean isLiteral() {
            return literal != null;
        }

        boolean isRegion() {
            return buf != null;
        }
    }

    /** A translated expression and its type: boolean, text (when {@code text} is set) or integer. */
    public record Code(String java, boolean bool, Text text) {
        public Code(String java, boolean bool) {
            this(java, bool, null);
        }

        public static Code of(Text t) {
            return new Code(t.isRegion() ? t.len() : t.isLiteral() ? quote(t.literal()) : t.obj(), false, t);
        }

        public boolean isText() {
            return text != null;
        }
    }

    /** Resolves a bare name (or {@code _io.size}-style attribute) to Java code, or throws. */
    public interface Resolver {
        Code name(String name);

        /** {@code target.attr} where target is a bare name; return null if unsupported. */
        default Code attr(String target, String attr) {
            return null;
        }
    }

    private final Resolver r;

    public JavaExpr(Resolver r) {
        this.r = r;
    }

    public Code translate(String src) {
        return tr(ExprParser.parse(src));
    }

    public Code tr(Expr e) {
        if (e instanceof Expr.Num n) return new Code(n.value() + "L", false);
        if (e instanceof Expr.Bool b) return new Code(String.valueOf(b.value()), true);
        if (e instanceof Expr.Str s) return Code.of(Text.literal(s.value()));
        if (e instanceof Expr.Array a) return Code.of(Text.literal(bytesLiteral(a)));
        if (e instanceof Expr.Name n) return r.name(n.name());
        if (e instanceof Expr.Attr a) return attr(a);
        if (e instanceof Expr.Call c) return call(c);
        if (e instanceof Expr.Unary u) return unary(u);
        if (e instanceof Expr.Binary b) return binary(b);
        Expr.Ternary t = (Expr.Ternary) e;
        Code c = tr(t.cond());
        Code x = tr(t.then());
        Code y = tr(t.otherwise());
        if (!c.bool()) throw new IllegalArgumentException("ternary condition must be a boolean");
        if (x.isText() || y.isText()) throw new IllegalArgumentException("a ternary between texts is not supported");
        if (x.bool() != y.bool()) throw new IllegalArgumentException("ternary branches differ in type");
        return new Code("(" + c.java() + " ? " + x.java() + " : " + y.java() + ")", x.bool());
    }

    /** A byte array literal as a string of chars 0..255 (compared byte for byte like any literal). */
    private static String bytesLiteral(Expr.Array a) {
        StringBuilder b = new StringBuilder();
        for (Expr x : a.items()) {
            if (!(x instanceof Expr.Num n) || n.value() < 0 || n.value() > 255) {
                throw new IllegalArgumentException("a byte array literal holds numbers 0..255");
            }
            b.append((char) n.value());
        }
        return b.toString();
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            // octal below 0x20: Java reads \\u escapes before strings, so \\u000a would end the line
            else if (c < 0x20 || c == 0x7f) b.append(String.format("\\%03o", (int) c));
            else if (c > 0x7e) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    private Code attr(Expr.Attr a) {
        if (a.target() instanceof Expr.Name n) {
            Code c = r.attr(n.name(), a.name());
            if (c != null) return c;
            if (n.name().startsWith("_") && !n.name().equals("_")) throw new IllegalArgumentException("unsupported attribute '." + a.name() + "'");
        }
        // a path of special names (_root._io.size): the resolver may know it whole
        if (a.target() instanceof Expr.Attr inner && inner.target() instanceof Expr.Name n && n.name().startsWith("_")) {
            Code c = r.attr(n.name() + "." + inner.name(), a.name());
            if (c != null) return c;
        }
        Code t = tr(a.target());
        if (t.isText()) return textCall(t, a.name(), List.of());
        throw new IllegalArgumentException("unsupported attribute '." + a.name() + "'");
    }

    private Code call(Expr.Call c) {
        Code t = tr(c.target());
        if (!t.isText()) throw new IllegalArgumentException("'." + c.name() + "(...)' needs a text or bytes value");
        return textCall(t, c.name(), c.args());
    }

    private Code textCall(Code c, String method, List<Expr> args) {
        Text t = c.text();
        switch (method) {
            case "length" -> {
                none(method, args);
                if (t.isLiteral()) return new Code(t.literal().length() + "L", false);
                return new Code(t.isRegion() ? "((long) (" + t.len() + "))" : TEXT + ".length(" + t.obj() + ")", false);
            }
            case "to_i" -> {
                String radix = "10L";
                if (args.size() == 1) radix = intOf(tr(args.get(0)));
                else if (args.size() > 1) throw new IllegalArgumentException("to_i takes at most one argument (the radix)");
                if (t.isLiteral()) throw new IllegalArgumentException("to_i of a literal");
                return new Code(t.isRegion() ? TEXT + ".toI(" + t.buf() + ", " + t.off() + ", " + t.len() + ", " + radix + ")"
                        : TEXT + ".toI(" + t.obj() + ", " + radix + ")", false);
            }
            case "equals_ignore_case", "contains_ignore_case" -> {
                if (args.size() != 1 || !(args.get(0) instanceof Expr.Str lit)) {
                    throw new IllegalArgumentException(method + " takes one string literal");
                }
                String m = method.equals("equals_ignore_case") ? "equalsIgnoreCase" : "containsIgnoreCase";
                if (t.isLiteral()) throw new IllegalArgumentException(method + " of a literal");
                return new Code(t.isRegion() ? TEXT + "." + m + "(" + t.buf() + ", " + t.off() + ", " + t.len() + ", " + quote(lit.value()) + ")"
                        : TEXT + "." + m + "(" + t.obj() + ", " + quote(lit.value()) + ")", true);
            }
            default -> throw new IllegalArgumentException("unsupported method '." + method + "' on text or bytes");
        }
    }

    private static void none(String method, List<Expr> args) {
        if (!args.isEmpty()) throw new IllegalArgumentException("'." + method + "' takes no arguments");
    }

    private Code unary(Expr.Unary u) {
        Code c = tr(u.operand());
        return switch (u.op()) {
            case "not" -> {
                requireBool(c, "not");
                yield new Code("(!" + c.java() + ")", true);
            }
            case "-" -> new Code("(-" + intOf(c) + ")", false);
            case "~" -> new Code("(~" + intOf(c) + ")", false);
            default -> throw new IllegalArgumentException("unknown operator " + u.op());
        };
    }

    private Code textEquals(Code l, Code rr, String op) {
        if (!l.isText() || !rr.isText()) throw new IllegalArgumentException("comparing text with a number or boolean");
        Text a = l.text();
        Text b = rr.text();
        if (a.isLiteral() && !b.isLiteral()) {
            Text x = a;
            a = b;
            b = x;
        }
        String eq;
        if (a.isLiteral()) {
            eq = String.valueOf(a.literal().equals(b.literal()));
        } else if (b.isLiteral()) {
            eq = a.isRegion() ? TEXT + ".eq(" + a.buf() + ", " + a.off() + ", " + a.len() + ", " + quote(b.literal()) + ")"
                    : TEXT + ".eq(" + a.obj() + ", " + quote(b.literal()) + ")";
        } else if (a.isRegion() && b.isRegion()) {
            eq = TEXT + ".eq(" + a.buf() + ", " + a.off() + ", " + a.len() + ", " + b.buf() + ", " + b.off() + ", " + b.len() + ")";
        } else if (!a.isRegion() && !b.isRegion()) {
            eq = TEXT + ".eq(" + a.obj() + ", " + b.obj() + ")";
        } else {
            throw new IllegalArgumentException("comparing texts of two kinds");
        }
        return new Code(op.equals("==") ? eq : "(!" + eq + ")", true);
    }

    private Code binary(Expr.Binary b) {
        Code l = tr(b.left());
        Code rr = tr(b.right());
        String op = b.op();
        if ((op.equals("==") || op.equals("!=")) && (l.isText() || rr.isText())) return textEquals(l, rr, op);
        if (l.isText() || rr.isText()) throw new IllegalArgumentException("'" + op + "' on text or bytes");
        switch (op) {
            case "and", "or" -> {
                requireBool(l, op);
                requireBool(rr, op);
                return new Code("(" + l.java() + (op.equals("and") ? " && " : " || ") + rr.java() + ")", true);
            }
            case "==", "!=" -> {
                if (l.bool() != rr.bool()) throw new IllegalArgumentException("comparing a boolean with an integer");
                return new Code("(" + l.java() + " " + op + " " + rr.java() + ")", true);
            }
            case "<", "<=", ">", ">=" -> {
                return new Code("(" + intOf(l) + " " + op + " " + intOf(rr) + ")", true);
            }
            case "%" -> {
                return new Code("Math.floorMod(" + intOf(l) + ", " + intOf(rr) + ")", false);
            }
            case "/" -> {
                return new Code("Math.floorDiv(" + intOf(l) + ", " + intOf(rr) + ")", false);
            }
            case "+", "-", "*", "&", "|", "^", "<<", ">>" -> {
                if (l.bool() || rr.bool()) {
                    if ((op.equals("&") || op.equals("|") || op.equals("^")) && l.bool() && rr.bool()) {
                        return new Code("(" + l.java() + " " + op + " " + rr.java() + ")", true);
                    }
                    throw new IllegalArgumentException("arithmetic on a boolean: " + op);
                }
                String jop = op.equals(">>") ? ">>>" : op;
                return new Code("(" + l.java() + " " + jop + " " + rr.java() + ")", false);
            }
            default -> throw new IllegalArgumentException("unknown operator " + op);
        }
    }

    private static String intOf(Code c) {
        if (c.bool()) throw new IllegalArgumentException("a boolean where an integer is needed: " + c.java());
        if (c.isText()) throw new IllegalArgumentException("text where an integer is needed");
        return c.java();
    }

    private static void requireBool(Code c, String op) {
        if (!c.bool()) throw new IllegalArgumentException("'" + op + "' needs booleans, got " + c.java());
    }
}
