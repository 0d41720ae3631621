package io.pcapkit.generator.expr;

import java.util.List;

/** The abstract syntax of a Kaitai expression (the subset the generator translates). */
public sealed interface Expr {
    record Num(long value) implements Expr {
    }

    record Bool(boolean value) implements Expr {
    }

    record Str(String value) implements Expr {
    }

    /** A bare name: a field, instance, parameter, or one of {@code _}, {@code _io}, {@code _parent}, {@code _root}, {@code _index}. */
    record Name(String name) implements Expr {
    }

    /** {@code target.name}: {@code _io.size}, {@code _parent.x}, {@code bytes.length}. */
    record Attr(Expr target, String name) implements Expr {
    }

    /** A byte array literal, {@code [0x48, 0x54]}. */
    record Array(List<Expr> items) implements Expr {
    }

    /** {@code target.name(args)}: {@code value.to_i(16)}, {@code name.equals_ignore_case("host")}. */
    record Call(Expr target, String name, List<Expr> args) implements Expr {
    }

    record Unary(String op, Expr operand) implements Expr {
    }

    record Binary(String op, Expr left, Expr right) implements Expr {
    }

    record Ternary(Expr cond, Expr then, Expr otherwise) implements Expr {
    }

    /** Names referenced anywhere in the expression (bare names only). */
    static void names(Expr e, List<String> out) {
        if (e instanceof Name n) {
            out.add(n.name());
        } else if (e instanceof Attr a) {
            names(a.target(), out);
        } else if (e instanceof Call c) {
            names(c.target(), out);
            for (Expr x : c.args()) names(x, out);
        } else if (e instanceof Array a) {
            for (Expr x : a.items()) names(x, out);
        } else if (e instanceof Unary u) {
            names(u.operand(), out);
        } else if (e instanceof Binary b) {
            names(b.left(), out);
            names(b.right(), out);
        } else if (e instanceof Ternary t) {
            names(t.cond(), out);
            names(t.then(), out);
            names(t.otherwise(), out);
        }
    }
}
