package io.dynasplit.selection.staleness;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.EnergyBreakdown;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.LatencyBreakdown;
import io.dynasplit.contracts.MeasuredSpread;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.ReprofileRequest;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.testing.Fronts;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StalenessMonitorTest {
    static final ParetoEntry FAST = Fronts.entry(0, 1800, AcceleratorMode.OFF, true, 100, 50);
    static final ParetoEntry SLOW = Fronts.entry(22, 1200, AcceleratorMode.OFF, false, 800, 4);
    static final ParetoEntry MID = Fronts.entry(10, 1500, AcceleratorMode.MAX, false, 400, 10);
    static final ParetoEntry MID2 = Fronts.entry(12, 1500, AcceleratorMode.MAX, false, 450, 9);
    static final ParetoFront V1 = Fronts.of(1, List.of(FAST, SLOW, MID, MID2));
    static final Instant NOW = Instant.parse("2026-12-04T15:00:00Z");

    private static StalenessMonitor monitor(long retryAfter) {
        return new StalenessMonitor(new StalenessCriterion(0.25, 3, 3, 3, retryAfter), "/test",
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Optional<ReprofileRequest> run(StalenessMonitor m, ParetoFront front, ParetoEntry e, double factor) {
        return m.observe(front, e.config(), e.latencyMs() * factor, e.energyJ() * factor);
    }

    @Test
    void aConfigurationRunningConsistentlySlowerThanProfiledMakesTheFrontStaleOnceWithItsEvidence() {
        StalenessMonitor m = monitor(0);
        for (int i = 0; i < 50; i++) {
            assertTrue(run(m, V1, FAST, 1.0 + 0.05 * (i % 3)).isEmpty(), "runs within the profile's spread");
        }
        assertTrue(run(m, V1, SLOW, 1.8).isEmpty());
        assertTrue(run(m, V1, SLOW, 1.8).isEmpty(), "two runs are not yet 'consistently'");
        ReprofileRequest r = run(m, V1, SLOW, 1.8).orElseThrow();
        assertEquals("vgg16", r.model());
        assertEquals("fake-edge", r.deviceClass());
        assertEquals(1, r.frontVersion());
        assertEquals(53, r.observations());
        assertEquals("/test", r.source());
        assertEquals(NOW, r.requestedAt());
        assertEquals(1, r.evidence().size(), "only the drifted configuration is evidence");
        ReprofileRequest.DriftEvidence e = r.evidence().get(0);
        assertEquals(SLOW.config(), e.config());
        assertEquals(800, e.profiledLatencyMs());
        assertEquals(1.8, e.latencyRatio(), 1e-9);
        assertEquals(1.8, e.energyRatio(), 1e-9);
        assertEquals(3, e.offProfileRuns());
        for (int i = 0; i < 100; i++) {
            assertTrue(run(m, V1, SLOW, 1.8).isEmpty(), "said once per front version, not on every result");
        }
    }

    @Test
    void oneSlowRunEachOfThreeConfigurationsIsEvidenceToo() {
        // what feedback leaves to see: it drops a configuration after its first slow run
        StalenessMonitor m = monitor(0);
        assertTrue(run(m, V1, SLOW, 1.6).isEmpty());
        assertTrue(run(m, V1, FAST, 1.0).isEmpty());
        assertTrue(run(m, V1, MID, 1.4).isEmpty());
        ReprofileRequest r = run(m, V1, MID2, 1.3).orElseThrow();
        assertEquals(List.of(SLOW.config(), MID.config(), MID2.config()),
                r.evidence().stream().map(ReprofileRequest.DriftEvidence::config).toList(), "worst first");
    }

    @Test
    void aSlowRunForgottenByTheNextNormalOnesDoesNotAddUp() {
        StalenessMonitor m = monitor(0);
        for (ParetoEntry e : List.of(SLOW, MID, MID2)) {
            assertTrue(run(m, V1, e, 1.5).isEmpty());
            assertTrue(run(m, V1, e, 1.0).isEmpty());
            assertTrue(run(m, V1, e, 1.0).isEmpty(), "median of 1.5, 1.0, 1.0 is on profile");
        }
    }

    @Test
    void oneSlowRunAmongProfiledOnesIsNotDrift() {
        StalenessMonitor m = monitor(0);
        for (int i = 0; i < 30; i++) {
            assertTrue(run(m, V1, SLOW, i % 3 == 0 ? 3.0 : 1.02).isEmpty(), "the median of three runs is 1.02");
        }
    }

    @Test
    void costlierAloneCountsFasterDoesNot() {
        StalenessMonitor m = monitor(0);
        for (int i = 0; i < 10; i++) {
            assertTrue(run(m, V1, FAST, 0.5).isEmpty(), "faster than profiled: deadlines still met");
        }
        assertTrue(m.observe(V1, SLOW.config(), 800, 4 * 1.3).isEmpty());
        assertTrue(m.observe(V1, SLOW.config(), 800, 4 * 1.3).isEmpty());
        ReprofileRequest r = m.observe(V1, SLOW.config(), 800, 4 * 1.3).orElseThrow();
        assertEquals(1.0, r.evidence().get(0).latencyRatio(), 1e-9);
        assertEquals(1.3, r.evidence().get(0).energyRatio(), 1e-9);
    }

    @Test
    void aNewerFrontVersionStartsAfreshAndAnOlderOneIsIgnored() {
        StalenessMonitor m = monitor(0);
        run(m, V1, SLOW, 1.8);
        run(m, V1, SLOW, 1.8);
        // the re-profiled front arrives before the third slow run: judged against its figures, the runs are on profile
        ParetoFront v2 = Fronts.of(2, List.of(FAST, new ParetoEntry(SLOW.config(), 1440, 7.2, Double.NaN)));
        for (int i = 0; i < 20; i++) {
            assertTrue(m.observe(v2, SLOW.config(), 1440, 7.2).isEmpty());
            assertTrue(m.observe(V1, SLOW.config(), 1440, 7.2).isEmpty(), "a result judged on the old version");
        }
        assertEquals(20, m.observations(v2.key()));
        // and the new version can itself go stale
        for (int i = 0; i < 2; i++) {
            assertTrue(m.observe(v2, SLOW.config(), 1440 * 1.5, 7.2).isEmpty());
        }
        assertEquals(2, m.observe(v2, SLOW.config(), 1440 * 1.5, 7.2).orElseThrow().frontVersion());
    }

    @Test
    void aLostRequestIsAskedAgainAfterTheRetryInterval() {
        StalenessMonitor m = monitor(10);
        for (int i = 0; i < 2; i++) {
            run(m, V1, SLOW, 2.0);
        }
        assertTrue(run(m, V1, SLOW, 2.0).isPresent());
        for (int i = 0; i < 9; i++) {
            assertTrue(run(m, V1, SLOW, 2.0).isEmpty(), "within the retry interval");
        }
        assertTrue(run(m, V1, SLOW, 2.0).isPresent(), "no newer front after 10 results: ask again");
    }

    @Test
    void resultsCountOnlyWhenOkWithLatencyWithoutQueueAndSwitch() {
        StalenessMonitor m = monitor(0);
        SplitConfig c = SLOW.config();
        // 400 ms queued and 300 ms switching do not make the configuration slow: 800 ms is its profile
        InferenceResult onProfile = result(ResultStatus.OK, c, LatencyBreakdown.of(400, 300, 500, 100, 200), 4);
        for (int i = 0; i < 5; i++) {
            assertTrue(m.observe(V1, onProfile).isEmpty());
        }
        InferenceResult timeout = result(ResultStatus.TIMEOUT, c, null, 0);
        assertTrue(m.observe(V1, timeout).isEmpty());
        InferenceResult slow = result(ResultStatus.OK, c, LatencyBreakdown.of(0, 0, 1000, 200, 400), 4);
        m.observe(V1, slow);
        m.observe(V1, slow);
        ReprofileRequest r = m.observe(V1, slow).orElseThrow();
        assertEquals(2.0, r.evidence().get(0).latencyRatio(), 1e-9);
        assertEquals(8, r.observations(), "the timeout is not counted");
    }

    @Test
    void aMeasuredSpreadWidensItsEntrysLimitAndOnlyThatOne() {
        // measured on the board: MID's energy varied by 18% over its runs, its latency by 2%
        ParetoEntry noisy = new ParetoEntry(MID.config(), MID.latencyMs(), MID.energyJ(), MID.accuracy(),
                new MeasuredSpread(10, 0.02, 0.18));
        ParetoFront measured = Fronts.of(2, List.of(FAST, SLOW, noisy, MID2));
        StalenessMonitor m = monitor(0);
        for (int i = 0; i < 30; i++) {
            // 1.3x in energy: over 1.25, but within 3 of its CVs (limit 1.54)
            assertTrue(m.observe(measured, noisy.config(), noisy.latencyMs(), noisy.energyJ() * 1.3).isEmpty(),
                    "its ordinary spread is not drift");
        }
        assertTrue(m.observe(measured, noisy.config(), noisy.latencyMs() * 1.3, noisy.energyJ()).isEmpty());
        assertTrue(m.observe(measured, noisy.config(), noisy.latencyMs() * 1.3, noisy.energyJ()).isEmpty());
        ReprofileRequest r = m.observe(measured, noisy.config(), noisy.latencyMs() * 1.3, noisy.energyJ())
                .orElseThrow(() -> new AssertionError("its latency still has the 1.25 limit: 2% x 3 is less"));
        assertEquals(noisy.config(), r.evidence().get(0).config());
        assertEquals(1.3, r.evidence().get(0).latencyRatio(), 1e-9);

        StalenessMonitor beyond = monitor(0);
        for (int i = 0; i < 2; i++) {
            assertTrue(beyond.observe(measured, noisy.config(), noisy.latencyMs(), noisy.energyJ() * 1.6).isEmpty());
        }
        assertTrue(beyond.observe(measured, noisy.config(), noisy.latencyMs(), noisy.energyJ() * 1.6).isPresent(),
                "a drift beyond 3 CVs still counts");

        // the same runs against the entry without a spread (a testbed's profile): the threshold alone
        StalenessMonitor unmeasured = monitor(0);
        Optional<ReprofileRequest> said = Optional.empty();
        for (int i = 0; i < 3; i++) {
            said = unmeasured.observe(V1, MID.config(), MID.latencyMs(), MID.energyJ() * 1.3);
        }
        assertTrue(said.isPresent(), "1.3x is off a profile that carries no spread");
        assertTrue(StalenessCriterion.defaults().describe().contains("at least 3 runs at >= 1.25 x their profiled latency or energy (an entry measured with its spread: 1 + 3 of its CVs where that is more)"),
                StalenessCriterion.defaults().describe());
        assertEquals(1.25, new StalenessCriterion(0.25, 0, 3, 3, 0).limit(0.18), 1e-12, "multiple 0: threshold alone");
    }

    @Test
    void badCriteriaAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StalenessCriterion(0, 3, 3, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new StalenessCriterion(0.2, 3, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new StalenessCriterion(0.2, 3, 3, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new StalenessCriterion(0.2, -1, 3, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> new StalenessCriterion(0.2, Double.NaN, 3, 3, 0));
        assertTrue(StalenessCriterion.defaults().describe().contains("1.25"));
    }

    private static InferenceResult result(ResultStatus status, SplitConfig c, LatencyBreakdown latency, double energyJ) {
        return new InferenceResult(InferenceResult.SCHEMA_VERSION, "r", "pi-a", "vgg16", status, List.of(), c, null,
                latency, status == ResultStatus.OK ? EnergyBreakdown.of(energyJ / 2, energyJ / 2, "whole-node") : null,
                1000, true, null, null, null, NOW, NOW);
    }
}
