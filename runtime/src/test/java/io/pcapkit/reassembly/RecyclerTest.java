package io.pcapkit.reassembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecyclerTest {
    @Test
    void keepsUpToItsCapacityAndGivesTheLastFirst() {
        Recycler<StringBuilder> r = new Recycler<>(2);
        assertNull(r.take(), "nothing kept yet");
        StringBuilder a = new StringBuilder("a");
        StringBuilder b = new StringBuilder("b");
        assertTrue(r.give(a));
        assertFalse(r.full());
        assertTrue(r.give(b));
        assertTrue(r.full());
        assertFalse(r.give(new StringBuilder("c")), "past the capacity nothing is kept");
        assertSame(b, r.take());
        assertSame(a, r.take());
        assertNull(r.take());
        assertTrue(r.give(a), "room again once taken");
        assertEquals("a", r.take().toString());
    }
}
