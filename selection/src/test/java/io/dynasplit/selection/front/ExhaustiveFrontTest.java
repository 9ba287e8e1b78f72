package io.dynasplit.selection.front;

import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.selection.testing.FakeTestbed;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.dynasplit.contracts.AcceleratorMode.OFF;
import static io.dynasplit.selection.testing.Fronts.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExhaustiveFrontTest {

    @Test
    void keepsExactlyTheNonDominatedEntries() {
        ParetoEntry fast = entry(0, 1800, OFF, true, 100, 68, 0.60);
        ParetoEntry frugal = entry(22, 1800, OFF, false, 1700, 8, 0.60);
        ParetoEntry dominated = entry(5, 1800, OFF, true, 200, 70, 0.60);
        ParetoEntry moreAccurate = entry(6, 1800, OFF, true, 200, 70, 0.61);
        ParetoEntry duplicateFigures = entry(7, 1800, OFF, true, 100, 68, 0.60);
        List<ParetoEntry> kept = ExhaustiveFront.nonDominated(List.of(fast, frugal, dominated, moreAccurate, duplicateFigures));
        assertTrue(kept.containsAll(List.of(fast, frugal, moreAccurate, duplicateFigures)));
        assertFalse(kept.contains(dominated));
    }

    @Test
    void theFrontOfASpaceHoldsNoDominatedPointAndMissesNoneThatIsNot() {
        ProfiledSpace space = ProfiledSpace.of(Models.VGG16, new FakeTestbed(0));
        ParetoFront front = ExhaustiveFront.of(space);
        assertEquals("vgg16", front.model());
        assertEquals("fake-edge", front.deviceClass());
        List<ParetoEntry> all = space.predictions().stream()
                .map(p -> new ParetoEntry(p.config(), p.latencyMs(), p.energyJ(), p.accuracy())).toList();
        for (ParetoEntry e : all) {
            boolean dominated = all.stream().anyMatch(o -> ExhaustiveFront.dominates(o, e));
            assertEquals(!dominated, front.entries().contains(e), e.config().label());
        }
        assertTrue(front.entries().size() > 3 && front.entries().size() < all.size());
    }
}
