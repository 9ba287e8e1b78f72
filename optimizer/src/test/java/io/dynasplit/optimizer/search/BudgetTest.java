package io.dynasplit.optimizer.search;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BudgetTest {
    @Test
    void theTwentyPercentBudgetIsThePapersTrialCount() {
        assertEquals(184, Budget.PAPER.resolve(917));
        assertEquals(55, Budget.PAPER.resolve(273));
    }

    @Test
    void parsesFractionsPercentagesAndCounts() {
        assertEquals(Budget.fraction(0.2), Budget.parse("0.2"));
        assertEquals(Budget.fraction(0.25), Budget.parse("25%"));
        assertEquals(Budget.count(184), Budget.parse("184"));
        assertEquals(917, Budget.parse("1.0").resolve(917));
        assertEquals(1, Budget.parse("1").resolve(917));
    }

    @Test
    void aCountNeverExceedsTheSpace() {
        assertEquals(273, Budget.count(5000).resolve(273));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> Budget.parse("1.5"));
        assertThrows(IllegalArgumentException.class, () -> Budget.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> Budget.parse("a lot"));
    }
}
