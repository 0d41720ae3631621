package io.pcapkit.generator.expr;

/**
 * Translates an expression to Java. Integers are {@code long}, conditions {@code boolean}; names
 * are resolved by the caller, because the same grammar expression reads a local in a fast walker,
 * a slot in a codec and an accessor in a Kaitai-backed walker.
 */
public final class JavaExpr {

    /** A translated expression and its type. */
    public record Code(String java, boolean bool) {
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
        if (e instanceof Expr.Str s) throw new IllegalArgumentException("string values are not supported: \"" + s.value() + "\"");
        if (e instanceof Expr.Name n) return r.name(n.name());
        if (e instanceof Expr.Attr a) return attr(a);
        if (e instanceof Expr.Unary u) return unary(u);
        if (e instanceof Expr.Binary b) return binary(b);
        Expr.Ternary t = (Expr.Ternary) e;
        Code c = tr(t.cond());
        Code x = tr(t.then());
        Code y = tr(t.otherwise());
        if (!c.bool()) throw new IllegalArgumentException("ternary condition must be a boolean");
        if (x.bool() != y.bool()) throw new IllegalArgumentException("ternary branches differ in type");
        return new Code("(" + c.java() + " ? " + x.java() + " : " + y.java() + ")", x.bool());
    }

    private Code attr(Expr.Attr a) {
        if (a.target() instanceof Expr.Name n) {
            Code c = r.attr(n.name(), a.name());
            if (c != null) return c;
        }
        throw new IllegalArgumentException("unsupported attribute '." + a.name() + "'");
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

    private Code binary(Expr.Binary b) {
        Code l = tr(b.left());
        Code rr = tr(b.right());
        String op = b.op();
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
        return c.java();
    }

    private static void requireBool(Code c, String op) {
        if (!c.bool()) throw new IllegalArgumentException("'" + op + "' needs booleans, got " + c.java());
    }
}
