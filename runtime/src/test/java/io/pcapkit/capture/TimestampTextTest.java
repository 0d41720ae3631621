package io.pcapkit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The epoch text of timestamps at the edges that the conformance test found (pcapng's unsigned count, times before 1970). */
class TimestampTextTest {

    @Test
    void pcapngUnitsAreUnsigned() {
        // ppp_pcapng-example.pcapng interface 1: tshark 4.0 shows 18446744073204.126329000
        Timestamp t = new Timestamp();
        t.setUnits(-505_425_287L, 6);
        assertEquals("18446744073204.126329", t.epochString());
    }

    @Test
    void beforeTheEpochIsWrittenAsTheNegativeDecimal() {
        Timestamp t = new Timestamp();
        t.setUnits(1_000_000L, 6);
        t.addSeconds(-3);
        assertEquals("-2.000000", t.epochString());
        t.set(-506, 574_713, 6);
        assertEquals("-505.425287", t.epochString());
        t.set(-1, 600_000_000, 9);
        assertEquals("-0.400000000", t.epochString());
        t.set(-1, 0, 6);
        assertEquals("-1.000000", t.epochString());
    }
}
