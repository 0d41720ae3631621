package io.pcapkit.generator.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses Kaitai's expression language (Python-like precedence: {@code ?:}, or, and, not,
 * comparisons, |, ^, &amp;, shifts, + -, * / %, unary).
 */
public final class ExprParser {
    private final String src;
    private final List<String> toks = new ArrayList<>();
    private int i;

    private ExprParser(String src) {
        this.src = src;
        tokenize();
    }

    /** @throws IllegalArgumentException with the position on a syntax error */
    public static Expr parse(String src) {
        ExprParser p = new ExprParser(src);
        Expr e = p.ternary();
        if (p.i != p.toks.size()) throw p.error("unexpected '" + p.toks.get(p.i) + "'");
        return e;
    }

    private void tokenize() {
        int n = src.length();
        int k = 0;
        while (k < n) {
            char c = src.charAt(k);
            if (Character.isWhitespace(c)) {
                k++;
            } else if (Character.isDigit(c)) {
                int s = k;
                while (k < n && (Character.isLetterOrDigit(src.charAt(k)) || src.charAt(k) == '_')) k++;
                toks.add(src.substring(s, k));
            } else if (Character.isLetter(c) || c == '_') {
                int s = k;
                while (k < n && (Character.isLetterOrDigit(src.charAt(k)) || src.charAt(k) == '_')) k++;
                toks.add(src.substring(s, k));
            } else if (c == '"' || c == '\'') {
                int s = k++;
                while (k < n && src.charAt(k) != c) k++;
                if (k >= n) throw new IllegalArgumentException("unterminated string in '" + src + "'");
                toks.add(src.substring(s, ++k));
            } else {
                String two = k + 1 < n ? src.substring(k, k + 2) : "";
                if (List.of("==", "!=", "<=", ">=", "<<", ">>").contains(two)) {
                    toks.add(two);
                    k += 2;
                } else if ("+-*/%<>&|^~?:().[],".indexOf(c) >= 0) {
                    toks.add(String.valueOf(c));
                    k++;
                } else {
                    throw new IllegalArgumentException("unexpected character '" + c + "' in '" + src + "'");
                }
            }
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " in expression '" + src + "'");
    }

    private String peek() {
        return i < toks.size() ? toks.get(i) : null;
    }

    private boolean eat(String t) {
        if (t.equals(peek())) {
            i++;
            return true;
        }
        return false;
    }

    private void expect(String t) {
        if (!eat(t)) throw error("expected '" + t + "'");
    }

    private Expr ternary() {
        Expr c = or();
        if (eat("?")) {
            Expr a = ternary();
            expect(":");
            Expr b = ternary();
            return new Expr.Ternary(c, a, b);
        }
        return c;
    }

    private Expr or() {
        Expr l = and();
        while (eat("or")) l = new Expr.Binary("or", l, and());
        return l;
    }

    private Expr and() {
        Expr l = not();
        while (eat("and")) l = new Expr.Binary("and", l, not());
        return l;
    }

    private Expr not() {
        if (eat("not")) return new Expr.Unary("not", not());
        return cmp();
    }

    private Expr cmp() {
        Expr l = bor();
        String t = peek();
        if (t != null && List.of("==", "!=", "<", "<=", ">", ">=").contains(t)) {
            i++;
            return new Expr.Binary(t, l, bor());
        }
        return l;
    }

    private Expr bor() {
        Expr l = bxor();
        while (eat("|")) l = new Expr.Binary("|", l, bxor());
        return l;
    }

    private Expr bxor() {
        Expr l = band();
        while (eat("^")) l = new Expr.Binary("^", l, band());
        return l;
    }

    private Expr band() {
        Expr l = shift();
        while (eat("&")) l = new Expr.Binary("&", l, shift());
        return l;
    }

    private Expr shift() {
        Expr l = add();
        while (true) {
            if (eat("<<")) l = new Expr.Binary("<<", l, add());
            else if (eat(">>")) l = new Expr.Binary(">>", l, add());
            else return l;
        }
    }

    private Expr add() {
        Expr l = mul();
        while (true) {
            if (eat("+")) l = new Expr.Binary("+", l, mul());
            else if (eat("-")) l = new Expr.Binary("-", l, mul());
            else return l;
        }
    }

    private Expr mul() {
        Expr l = unary();
        while (true) {
            if (eat("*")) l = new Expr.Binary("*", l, unary());
            else if (eat("/")) l = new Expr.Binary("/", l, unary());
            else if (eat("%")) l = new Expr.Binary("%", l, unary());
            else return l;
        }
    }

    private Expr unary() {
        if (eat("-")) return new Expr.Unary("-", unary());
        if (eat("~")) return new Expr.Unary("~", unary());
        return postfix();
    }

    private Expr postfix() {
        Expr e = primary();
        while (eat(".")) {
            String name = peek();
            if (name == null || !Character.isLetter(name.charAt(0)) && name.charAt(0) != '_') throw error("expected a name after '.'");
            i++;
            if (eat("(")) {
                List<Expr> args = new ArrayList<>();
                if (!eat(")")) {
                    do {
                        args.add(ternary());
                    } while (eat(","));
                    expect(")");
                }
                e = new Expr.Call(e, name, args);
            } else {
                e = new Expr.Attr(e, name);
            }
        }
        return e;
    }

    private Expr primary() {
        String t = peek();
        if (t == null) throw error("unexpected end");
        if (eat("(")) {
            Expr e = ternary();
            expect(")");
            return e;
        }
        if (eat("[")) {
            List<Expr> items = new ArrayList<>();
            if (!eat("]")) {
                do {
                    items.add(ternary());
                } while (eat(","));
                expect("]");
            }
            return new Expr.Array(items);
        }
        i++;
        char c = t.charAt(0);
        if (Character.isDigit(c)) return new Expr.Num(parseNumber(t));
        if (c == '\'') return new Expr.Str(t.substring(1, t.length() - 1));
        if (c == '"') return new Expr.Str(unescape(t.substring(1, t.length() - 1)));
        if (t.equals("true")) return new Expr.Bool(true);
        if (t.equals("false")) return new Expr.Bool(false);
        if (Character.isLetter(c) || c == '_') return new Expr.Name(t);
        throw error("unexpected '" + t + "'");
    }

    /** Kaitai's double-quoted escapes: \\r \\n \\t \\0 \\\\ \\" \\xHH. */
    private String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c != '\\' || k + 1 >= s.length()) {
                b.append(c);
                continue;
            }
            char e = s.charAt(++k);
            switch (e) {
                case 'r' -> b.append('\r');
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case '0' -> b.append('\0');
                case '\\' -> b.append('\\');
                case '"' -> b.append('"');
                case 'x' -> {
                    if (k + 2 >= s.length()) throw error("bad \\x escape");
                    b.append((char) Integer.parseInt(s.substring(k + 1, k + 3), 16));
                    k += 2;
                }
                default -> throw error("unknown escape \\" + e);
            }
        }
        return b.toString();
    }

    private long parseNumber(String t) {
        String s = t.replace("_", "");
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) return Long.parseUnsignedLong(s.substring(2), 16);
            if (s.startsWith("0b") || s.startsWith("0B")) return Long.parseUnsignedLong(s.substring(2), 2);
            if (s.startsWith("0o") || s.startsWith("0O")) return Long.parseUnsignedLong(s.substring(2), 8);
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw error("bad number '" + t + "'");
        }
    }
}
