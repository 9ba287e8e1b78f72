package io.dynasplit.selection.staleness;

import io.dynasplit.contracts.MeasuredSpread;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.selection.front.ExhaustiveFront;
import io.dynasplit.selection.front.ProfiledSpace;
import io.dynasplit.statistics.Quantiles;
import io.dynasplit.statistics.Summary;
import io.dynasplit.testbed.Prediction;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.emulated.DriftedTestbed;
import io.dynasplit.testbed.emulated.PaperTestbed;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A front measured on the board (the live evaluator's: each entry the median of N runs) is judged by the scheduler's
 * staleness monitor against runs of the same board. fmnist-cnn's front on the emulated board holds a configuration
 * whose energy varies by 18% run to run: by the 25% threshold alone its ordinary runs called a freshly measured front
 * stale (ReprofileStackIT asked a second time, about the re-profiled front, in one CI run). With each entry's measured
 * spread the monitor stays quiet on an undrifted board and still finds a 1.6x drift. Monte Carlo with a fixed seed.
 */
class MeasuredFrontStalenessTest {
    static final TestbedModel BOARD = new PaperTestbed();
    static final int TRIALS = 1000;
    /** Results per trial, spread uniformly over the front's entries. */
    static final int RUNS = 60;

    @Test
    void aFrontMeasuredWithItsSpreadIsNotCalledStaleByItsOwnBoardButIsByADrift() {
        ParetoFront profile = ExhaustiveFront.of(ProfiledSpace.of(Models.require("fmnist-cnn"), BOARD));
        TestbedModel drifted = DriftedTestbed.board(BOARD, 1.6);
        System.out.println("MeasuredFrontStalenessTest: fmnist-cnn, " + profile.entries().size() + " entries, "
                + TRIALS + " fronts measured per row, " + RUNS + " results on each");
        System.out.println("| measured runs per entry | spread kept | stale, undrifted board | stale, board 1.6x |");
        System.out.println("|---|---|---|---|");
        for (int n : new int[] {5, 10}) {
            int quietWithout = stale(profile, n, false, BOARD, 11);
            int quietWith = stale(profile, n, true, BOARD, 11);
            int driftWith = stale(profile, n, true, drifted, 12);
            int driftWithout = stale(profile, n, false, drifted, 12);
            System.out.printf("| %d | no | %d | %d |%n| %d | yes | %d | %d |%n", n, quietWithout, driftWithout, n,
                    quietWith, driftWith);
            assertTrue(quietWith * 2 < quietWithout, "the spread removes most false alarms at N=" + n + ": "
                    + quietWith + " against " + quietWithout);
            assertTrue(driftWith >= TRIALS * 0.99, "a 1.6x drift is still found at N=" + n + ": " + driftWith);
        }
        assertTrue(stale(profile, 10, true, BOARD, 13) <= TRIALS * 0.005,
                "at the live evaluator's default of 10 runs, under 0.5% of measured fronts called stale");
    }

    /** Of {@code TRIALS} fronts measured on {@code BOARD}, how many were called stale by runs of {@code served}. */
    private static int stale(ParetoFront profile, int runsPerEntry, boolean keepSpread, TestbedModel served,
                             long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int stale = 0;
        for (int t = 0; t < TRIALS; t++) {
            ParetoFront measured = measure(profile, runsPerEntry, keepSpread, rng);
            StalenessMonitor monitor = new StalenessMonitor(StalenessCriterion.defaults(), "/test");
            for (int r = 0; r < RUNS; r++) {
                ParetoEntry e = measured.entries().get(rng.nextInt(measured.entries().size()));
                Prediction run = served.sample(e.config(), rng);
                if (monitor.observe(measured, e.config(), run.latencyMs(), run.energyJ()).isPresent()) {
                    stale++;
                    break;
                }
            }
        }
        return stale;
    }

    /** The front as the live evaluator measures it on the undrifted board: medians of N runs, and their spread. */
    private static ParetoFront measure(ParetoFront profile, int n, boolean keepSpread, SplittableRandom rng) {
        List<ParetoEntry> entries = new ArrayList<>();
        for (ParetoEntry e : profile.entries()) {
            double[] latency = new double[n];
            double[] energy = new double[n];
            for (int i = 0; i < n; i++) {
                Prediction run = BOARD.sample(e.config(), rng);
                latency[i] = run.latencyMs();
                energy[i] = run.energyJ();
            }
            MeasuredSpread spread = keepSpread ? new MeasuredSpread(n, cv(latency), cv(energy)) : null;
            entries.add(new ParetoEntry(e.config(), Quantiles.median(latency), Quantiles.median(energy), e.accuracy(),
                    spread));
        }
        return new ParetoFront(profile.schemaVersion(), profile.model(), profile.deviceClass(), 2, profile.createdAt(),
                profile.provenance(), entries);
    }

    private static double cv(double[] values) {
        Summary s = Summary.of(values);
        return s.standardDeviation() / s.mean();
    }
}
