package io.dynasplit.selection.scenario;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.correction.ReconfigurationCost;
import io.dynasplit.selection.evaluation.Evaluation;
import io.dynasplit.selection.evaluation.RequestRecord;
import io.dynasplit.selection.front.ProfiledSpace;
import io.dynasplit.selection.index.FallbackPolicy;
import io.dynasplit.selection.outcome.Outcome;
import io.dynasplit.selection.outcome.OutcomeSource;
import io.dynasplit.selection.outcome.ReconfigurationAccounting;
import io.dynasplit.selection.outcome.SeededDraws;
import io.dynasplit.selection.outcome.TestbedOutcomes;
import io.dynasplit.selection.staleness.StalenessCriterion;
import io.dynasplit.selection.staleness.StalenessMonitor;
import io.dynasplit.selection.strategy.SelectorStrategy;
import io.dynasplit.selection.strategy.Strategy;
import io.dynasplit.selection.workload.ThresholdWorkload;
import io.dynasplit.statistics.Summary;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.emulated.DriftedTestbed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * The paper's selection against each of DynaSplit's additions alone, all together, and the scenario's oracle, over
 * the same thresholds, arrivals and runs per seed. Switches are always charged (as live); only whether the selection
 * predicts them differs.
 */
public final class Ablation {
    public static final String ORACLE = "oracle";

    /** One selection's results over the seeds: share of deadlines met (%) and mean energy (J) per seed. */
    public record Row(String selection, Summary metPercent, Summary meanEnergyJ) {
    }

    /**
     * One seed's per-request records, by selection, and for the re-profiling selections the requests after which
     * their front was called stale.
     */
    public record SeedRun(long seed, Scenario scenario, Map<String, List<RequestRecord>> records,
                          Map<String, List<Integer>> reprofiledAt) {
    }

    /**
     * The closed loop added to the ablation: the paper's selection and all features, each also with a staleness
     * monitor whose signal has the model profiled again ({@code profiler}, on the testbed as drifted at that request)
     * and the new front used {@code lagRequests} requests later.
     */
    public record Reprofiling(BiFunction<ModelDescriptor, TestbedModel, ParetoFront> profiler,
                              StalenessCriterion criterion, int lagRequests) {
        public static final String SUFFIX = "+reprofile";
    }

    private final ModelDescriptor model;
    private final TestbedModel testbed;
    private final ProfiledSpace space;
    private final ParetoFront front;
    private final FallbackPolicy fallback;
    private final Map<SplitConfig, Outcome> profile = new HashMap<>();
    private Reprofiling reprofiling;

    public Ablation(ModelDescriptor model, TestbedModel testbed, ParetoFront front, FallbackPolicy fallback) {
        this.model = model;
        this.testbed = testbed;
        this.space = ProfiledSpace.of(model, testbed);
        this.front = front;
        this.fallback = fallback;
        OutcomeSource predicted = TestbedOutcomes.predicted(testbed);
        space.configs().forEach(c -> profile.put(c, predicted.outcome(0, c)));
    }

    /** Adds the re-profiling rows ({@link Reprofiling}); null: none. */
    public Ablation withReprofiling(Reprofiling loop) {
        this.reprofiling = loop;
        return this;
    }

    public ProfiledSpace space() {
        return space;
    }

    /** Every variant and the oracle on one seed of {@code scenarioName}. */
    public SeedRun runSeed(String scenarioName, int requests, long seed) {
        return runSeed(scenarioName, ThresholdWorkload.SEEDED.draw(model.name(), requests, 1.0,
                space.fastest().latencyMs(), space.slowest().latencyMs(), seed).thresholdsMs(), seed);
    }

    /**
     * Every variant and the oracle on {@code drawn} thresholds (e.g. the paper's own 50, as the live demo sends them;
     * the {@code switches} scenario reorders them), the runs drawn from {@code seed}.
     */
    public SeedRun runSeed(String scenarioName, double[] drawn, long seed) {
        int requests = drawn.length;
        Scenario scenario = Scenarios.named(scenarioName, space, front, requests, seed);
        ParetoFront held = scenario.heldFront(front, testbed);
        double[] thresholds = scenario.alternating() ? alternate(drawn) : drawn.clone();
        OutcomeSource runs = scenario.drift().applyTo(SeededDraws.runs(testbed, seed));
        ReconfigurationAccounting charged = SeededDraws.switches(testbed, seed);
        Evaluation run = new Evaluation(model, runs, charged);
        double[] arrivals = null;
        if (scenario.queues()) {
            List<RequestRecord> sequential = run.run(strategy(Variant.PAPER, held), false, thresholds, null);
            arrivals = poisson(requests, scenario.load() / run.meanBoardMs(sequential), seed);
        }
        Map<String, List<RequestRecord>> records = new LinkedHashMap<>();
        Map<String, List<Integer>> reprofiledAt = new LinkedHashMap<>();
        for (Variant v : Variant.values()) {
            records.put(v.wireName(), run.run(strategy(v, held), v.loadAware(), thresholds, arrivals));
        }
        if (reprofiling != null) {
            for (Variant v : List.of(Variant.PAPER, Variant.ALL)) {
                ReprofilingStrategy loop = new ReprofilingStrategy(v.wireName() + Reprofiling.SUFFIX,
                        v.selector(held, testbed, fallback),
                        new StalenessMonitor(reprofiling.criterion(), "simulate"),
                        (i, stale) -> reprofiling.profiler().apply(model, testbedAt(scenario.drift(), i)),
                        reprofiling.lagRequests());
                records.put(loop.name(), run.run(loop, v.loadAware(), thresholds, arrivals));
                reprofiledAt.put(loop.name(), loop.signalledAt());
            }
        }
        OutcomeSource known = scenario.drift().applyTo((i, c) -> profile.get(c));
        Strategy oracle = new QueueAwareOracle(space.configs(), known,
                ReconfigurationAccounting.of(ReconfigurationCost.of(testbed), testbed.edgeIdleWatts()));
        records.put(ORACLE, run.run(oracle, true, thresholds, arrivals));
        return new SeedRun(seed, scenario, records, reprofiledAt);
    }

    /** The testbed as the scenario's drift has it at request {@code index}: what profiling it then would find. */
    private TestbedModel testbedAt(Drift drift, int index) {
        return index < drift.fromRequest() || drift.factors().isEmpty() ? testbed
                : DriftedTestbed.perConfiguration(testbed, drift.factors());
    }

    /** Rows in the order paper, feedback, load, switches, all, oracle, over {@code seeds}. */
    public static List<Row> rows(List<SeedRun> runs) {
        Map<String, List<double[]>> bySelection = new LinkedHashMap<>();
        for (SeedRun r : runs) {
            r.records().forEach((name, records) -> bySelection.computeIfAbsent(name, k -> new ArrayList<>())
                    .add(new double[] {metPercent(records), meanEnergy(records)}));
        }
        List<Row> rows = new ArrayList<>();
        bySelection.forEach((name, perSeed) -> rows.add(new Row(name,
                Summary.of(perSeed.stream().mapToDouble(x -> x[0]).toArray()),
                Summary.of(perSeed.stream().mapToDouble(x -> x[1]).toArray()))));
        return rows;
    }

    public static double metPercent(List<RequestRecord> records) {
        return 100.0 * records.stream().filter(RequestRecord::met).count() / records.size();
    }

    public static double meanEnergy(List<RequestRecord> records) {
        return records.stream().filter(r -> !r.rejected()).mapToDouble(RequestRecord::energyJ).average()
                .orElse(Double.NaN);
    }

    private Strategy strategy(Variant v, ParetoFront held) {
        return new SelectorStrategy(v.wireName(), v.selector(held, testbed, fallback));
    }

    /** The thresholds below the median and those above, each in drawn order, interleaved: low, high, low, ... */
    static double[] alternate(double[] thresholds) {
        double median = io.dynasplit.statistics.Quantiles.median(thresholds);
        double[] low = Arrays.stream(thresholds).filter(t -> t <= median).toArray();
        double[] high = Arrays.stream(thresholds).filter(t -> t > median).toArray();
        double[] out = new double[thresholds.length];
        int lo = 0;
        int hi = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = (i % 2 == 0 && lo < low.length) || hi >= high.length ? low[lo++] : high[hi++];
        }
        return out;
    }

    /** Poisson arrival times (device ms) at {@code ratePerMs}. */
    static double[] poisson(int n, double ratePerMs, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0xA77A1L);
        double[] t = new double[n];
        double now = 0;
        for (int i = 0; i < n; i++) {
            now += -Math.log(1 - random.nextDouble()) / ratePerMs;
            t[i] = now;
        }
        return t;
    }
}
