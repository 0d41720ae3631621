package io.pcapkit.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.generator.expr.JavaExpr;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Golden translations of Kaitai expressions to Java, and the errors the translator gives. */
class ExprTranslationTest {
    /** Integer fields a, b, ihl, length; boolean fields mf, df; _io.size and _io.pos. */
    private static final JavaExpr.Resolver FIELDS = new JavaExpr.Resolver() {
        private final Map<String, Boolean> known = Map.of("a", false, "b", false, "ihl", false, "length", false,
                "mf", true, "df", true);

        @Override
        public JavaExpr.Code name(String n) {
            Boolean bool = known.get(n);
            if (bool == null) throw new IllegalArgumentException("unknown name '" + n + "'");
            return new JavaExpr.Code("s_" + n, bool);
        }

        @Override
        public JavaExpr.Code attr(String target, String attr) {
            if (target.equals("_io") && Set.of("size", "pos").contains(attr)) return new JavaExpr.Code("io_" + attr, false);
            return null;
        }
    };

    private static JavaExpr.Code tr(String src) {
        return new JavaExpr(FIELDS).translate(src);
    }

    @Test
    void arithmeticKeepsKaitaiPrecedenceAndUsesLongs() {
        assertEquals("(s_a + (s_b * 2L))", tr("a + b * 2").java());
        assertEquals("((s_a + s_b) * 2L)", tr("(a + b) * 2").java());
        assertEquals("((s_ihl * 4L) - 20L)", tr("ihl * 4 - 20").java());
        assertEquals("(s_a & 4095L)", tr("a & 0xfff").java());
        assertEquals("(s_a | (s_b & 1L))", tr("a | b & 1").java(), "& binds tighter than |");
        assertEquals("((s_a << 8L) | s_b)", tr("a << 8 | b").java());
    }

    @Test
    void shiftRightIsUnsignedAndDivisionFloors() {
        // Kaitai's integers are unbounded; on the generator's longs >> must not drag the sign in
        assertEquals("(s_a >>> 24L)", tr("a >> 24").java());
        assertEquals("Math.floorDiv(s_a, 8L)", tr("a / 8").java());
        assertEquals("Math.floorMod(s_a, 8L)", tr("a % 8").java());
        assertEquals("(-s_a)", tr("-a").java());
        assertEquals("(~s_a)", tr("~a").java());
    }

    @Test
    void conditionsAreBooleans() {
        JavaExpr.Code c = tr("mf or a != 0");
        assertTrue(c.bool());
        assertEquals("(s_mf || (s_a != 0L))", c.java());
        assertEquals("((s_a == 0L) || (s_a >= 8L))", tr("a == 0 or a >= 8").java());
        assertEquals("(!(s_df && s_mf))", tr("not (df and mf)").java());
        assertEquals("(s_mf == true)", tr("mf == true").java());
        assertFalse(tr("a").bool());
    }

    @Test
    void ternaryAndIoAttributes() {
        assertEquals("((s_a <= 1500L) ? s_a : Long.MIN_VALUE)".replace("Long.MIN_VALUE", "s_b"), tr("a <= 1500 ? a : b").java());
        assertEquals("((s_length - 2L) <= (io_size - io_pos))", tr("length - 2 <= _io.size - _io.pos").java());
        assertEquals("((s_a == 0L) ? ((s_b == 0L) ? 1L : 2L) : 3L)", tr("a == 0 ? b == 0 ? 1 : 2 : 3").java());
    }

    @Test
    void numbersInEveryBase() {
        assertEquals("2048L", tr("0x0800").java());
        assertEquals("5L", tr("0b101").java());
        assertEquals("8L", tr("0o10").java());
        assertEquals("65535L", tr("65_535").java());
    }

    @Test
    void typeErrorsAndSyntaxErrorsAreReportedWithTheExpression() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tr("a and mf"));
        assertTrue(e.getMessage().contains("needs booleans"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tr("mf + 1"));
        assertTrue(e.getMessage().contains("boolean"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tr("mf ? 1 : df"));
        assertTrue(e.getMessage().contains("branches differ"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tr("a +"));
        assertTrue(e.getMessage().contains("'a +'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tr("(a"));
        assertTrue(e.getMessage().contains("expected ')'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tr("a $ b"));
        assertTrue(e.getMessage().contains("unexpected character '$'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tr("nosuch + 1"));
        assertTrue(e.getMessage().contains("unknown name 'nosuch'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tr("_io.eof2"));
        assertTrue(e.getMessage().contains("unsupported attribute"), e.getMessage());
        // text is compared with text only
        e = assertThrows(IllegalArgumentException.class, () -> tr("\"text\" == a"));
        assertTrue(e.getMessage().contains("comparing text with a number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tr("\"text\" + 1"));
        assertTrue(e.getMessage().contains("on text"), e.getMessage());
    }
}
