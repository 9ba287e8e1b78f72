package io.dynasplit.selection.strategy;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.front.ProfiledSpace;
import io.dynasplit.selection.index.DeviceState;
import io.dynasplit.selection.outcome.Outcome;
import io.dynasplit.selection.outcome.OutcomeSource;
import io.dynasplit.selection.outcome.ReconfigurationAccounting;
import io.dynasplit.selection.correction.ReconfigurationCost;
import io.dynasplit.selection.testing.FakeTestbed;
import io.dynasplit.selection.testing.Fronts;
import io.dynasplit.testbed.Prediction;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.dynasplit.contracts.AcceleratorMode.MAX;
import static io.dynasplit.contracts.AcceleratorMode.OFF;
import static io.dynasplit.contracts.AcceleratorMode.STD;
import static io.dynasplit.selection.testing.Fronts.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrategiesTest {
    private final SplitConfig a = new SplitConfig("vgg16", 0, 1800, OFF, true);
    private final SplitConfig b = new SplitConfig("vgg16", 17, 1800, OFF, true);
    private final SplitConfig c = new SplitConfig("vgg16", 22, 1800, OFF, false);

    @Test
    void theOracleTakesTheCheapestRunThatMeetsTheThresholdInHindsight() {
        // request 0: b happens to run fast; request 1: it runs slow
        Map<SplitConfig, double[]> latency = Map.of(a, new double[] {100, 100}, b, new double[] {190, 260},
                c, new double[] {1700, 1700});
        Map<SplitConfig, Double> energy = Map.of(a, 68.0, b, 63.0, c, 8.0);
        OutcomeSource outcomes = (i, cfg) -> new Outcome(latency.get(cfg)[i], energy.get(cfg));
        OracleStrategy oracle = new OracleStrategy("oracle", List.of(a, b, c), outcomes, ReconfigurationAccounting.excluded());
        assertEquals(b, oracle.choose(new Request(0, 200), null).config());
        assertEquals(a, oracle.choose(new Request(1, 200), null).config());
        assertEquals(c, oracle.choose(new Request(1, 5000), null).config());
        Choice none = oracle.choose(new Request(1, 50), null);
        assertEquals(a, none.config());
        assertTrue(none.fallback());
    }

    @Test
    void theOracleCountsTheSwitchItWillBeChargedFor() {
        SplitConfig tpu = new SplitConfig("vgg16", 22, 1800, MAX, false);
        OutcomeSource outcomes = (i, cfg) -> cfg.equals(tpu) ? new Outcome(430, 2.4) : new Outcome(100, 68);
        ReconfigurationAccounting accounting = ReconfigurationAccounting.of(ReconfigurationCost.estimate(100, 900), 0);
        OracleStrategy oracle = new OracleStrategy("oracle", List.of(a, tpu), outcomes, accounting);
        assertEquals(a, oracle.choose(new Request(0, 1000), DeviceState.idle(a)).config(), "430 + 900 ms > 1000 ms");
        assertEquals(tpu, oracle.choose(new Request(0, 1000), DeviceState.idle(tpu)).config());
    }

    @Test
    void baselinesAreThePapersConfigurations() {
        ProfiledSpace vgg = ProfiledSpace.of(Models.VGG16, new FakeTestbed(0));
        assertEquals(new SplitConfig("vgg16", 0, 1800, OFF, true), only(Baselines.cloudOnly(vgg)));
        assertEquals(new SplitConfig("vgg16", 22, 1800, MAX, false), only(Baselines.edgeOnly(vgg)));
        ProfiledSpace vit = ProfiledSpace.of(Models.VIT_B16, new FakeTestbed(0));
        assertEquals(new SplitConfig("vit-b16", 19, 1800, OFF, false), only(Baselines.edgeOnly(vit)));

        ParetoEntry fast = entry(0, 1200, OFF, true, 97, 68.6);
        ParetoEntry frugal = entry(22, 800, STD, false, 434, 2.41, 0.603);
        ParetoEntry frugalMoreAccurate = entry(21, 800, STD, false, 470, 2.41, 0.608);
        var front = Fronts.of(fast, frugal, frugalMoreAccurate);
        assertEquals(frugalMoreAccurate.config(), only(Baselines.energyStatic(front)));
        assertEquals(fast.config(), only(Baselines.latencyStatic(front)));
    }

    @Test
    void neurosurgeonTakesTheFastestSplitAtTheTopFrequencyWhateverTheEnergy() {
        ProfiledSpace space = ProfiledSpace.of(Models.VGG16, new FakeTestbed(0));
        Prediction expected = space.predictions().stream().filter(p -> p.config().cpuMhz() == 1800)
                .min(Comparator.comparingDouble(Prediction::latencyMs)).orElseThrow();
        SplitConfig chosen = only(Baselines.neurosurgeon(space));
        assertEquals(expected.config(), chosen);
        assertEquals(1800, chosen.cpuMhz());
        double cheapestAtTop = space.predictions().stream().filter(p -> p.config().cpuMhz() == 1800)
                .mapToDouble(Prediction::energyJ).min().orElseThrow();
        assertTrue(expected.energyJ() > cheapestAtTop);
    }

    private static SplitConfig only(Strategy s) {
        SplitConfig first = s.choose(new Request(0, 100), null).config();
        assertEquals(first, s.choose(new Request(1, 1e6), DeviceState.idle(new SplitConfig("vgg16", 3, 600, AcceleratorMode.STD, true))).config());
        assertFalse(s.choose(new Request(0, 1), null).fallback());
        return first;
    }
}
