package io.dynasplit.selection;

import io.dynasplit.contracts.EnergyBreakdown;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.LatencyBreakdown;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.selection.correction.FeedbackSettings;
import io.dynasplit.selection.correction.ReconfigurationCost;
import io.dynasplit.selection.index.DeviceState;
import io.dynasplit.selection.testing.Fronts;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.dynasplit.contracts.AcceleratorMode.MAX;
import static io.dynasplit.contracts.AcceleratorMode.STD;
import static io.dynasplit.selection.testing.Fronts.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feedback from results as the pipeline reports them: a run that switched knobs carries the switch's energy, which is
 * not the configuration's (the live vgg16 runs walked from one edge-only configuration to the next because of it).
 */
class SelectorResultFeedbackTest {
    // two edge-only vgg16 entries of the paper testbed, 600 MHz: TPU std and max
    private final ParetoEntry std = entry(22, 600, STD, false, 443.6, 2.1385);
    private final ParetoEntry max = entry(22, 600, MAX, false, 437.8, 2.1486);
    private static final double SWITCH_MS = 137;
    private static final double SWITCH_WATTS = 2.83;

    private Selector selector() {
        return Selector.builder(Fronts.of(std, max))
                .reconfiguration((from, to) -> from == null || from.cpuMhz() != to.cpuMhz()
                        || from.edgeAccelerator() != to.edgeAccelerator() ? SWITCH_MS : 0, SWITCH_WATTS)
                .feedback(FeedbackSettings.defaults()).build();
    }

    private static InferenceResult result(ParetoEntry e, double reconfigurationMs, double energyJ) {
        Instant now = Instant.EPOCH;
        return new InferenceResult(InferenceResult.SCHEMA_VERSION, "r", "pi-a", "vgg16", ResultStatus.OK, List.of(),
                e.config(), null, LatencyBreakdown.of(0, reconfigurationMs, e.latencyMs(), 0, 0),
                EnergyBreakdown.of(energyJ, 0, "whole-node"), 1520, true, null, null, null, now, now);
    }

    @Test
    void aSwitchingRunsEnergyIsNotTakenAsTheConfigurationsAndTheBoardKeepsItsKnobs() {
        // the first run of 600/std switched the board to it: 0.36 J of its 2.66 J were the switch's
        InferenceResult switched = result(std, 126.8, 2.657);

        Selector fromResults = selector();
        assertTrue(fromResults.observe(switched));
        assertEquals(1.0, fromResults.correction(std.config()).energyFactor(), 1e-12);
        assertEquals(1, fromResults.correction(std.config()).observations(), "its latency is learnt");
        assertEquals(std.config(), fromResults.select(1520, new DeviceState(std.config(), 0)).config(),
                "nothing is cheaper than the knobs the board has");

        // the same run taken with the switch's energy made 600/std look dearer than 600/max plus a switch
        Selector withSwitchEnergy = selector();
        withSwitchEnergy.observe(std.config(), std.latencyMs(), 2.657);
        assertEquals(max.config(), withSwitchEnergy.select(1520, new DeviceState(std.config(), 0)).config());
    }

    @Test
    void aRunWithoutASwitchCorrectsTheEnergyAndNotOkResultsTeachNothing() {
        Selector selector = selector();
        assertTrue(selector.observe(result(std, 0, 2.1385 * 1.1)));
        assertEquals(1.1, selector.correction(std.config()).energyFactor(), 1e-9);

        InferenceResult timeout = new InferenceResult(InferenceResult.SCHEMA_VERSION, "t", "pi-a", "vgg16",
                ResultStatus.TIMEOUT, List.of(), max.config(), null, null, null, 100, false, null, null, null,
                Instant.EPOCH, Instant.EPOCH);
        assertFalse(selector.observe(timeout));
        assertEquals(0, selector.correction(max.config()).observations());
    }
}
