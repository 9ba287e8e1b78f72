package io.dynasplit.selection.simulate;

import io.dynasplit.statistics.Summary;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.selection.Selector;
import io.dynasplit.selection.correction.FeedbackSettings;
import io.dynasplit.selection.correction.ReconfigurationCost;
import io.dynasplit.selection.evaluation.Evaluation;
import io.dynasplit.selection.evaluation.RequestRecord;
import io.dynasplit.selection.evaluation.StrategySummary;
import io.dynasplit.selection.evaluation.SummaryTable;
import io.dynasplit.selection.files.InputFileException;
import io.dynasplit.selection.front.ExhaustiveFront;
import io.dynasplit.selection.front.FrontFiles;
import io.dynasplit.selection.front.ProfiledSpace;
import io.dynasplit.selection.index.FallbackPolicy;
import io.dynasplit.selection.outcome.OutcomeSource;
import io.dynasplit.selection.outcome.ReconfigurationAccounting;
import io.dynasplit.selection.outcome.SeededDraws;
import io.dynasplit.selection.outcome.TestbedOutcomes;
import io.dynasplit.selection.scenario.Ablation;
import io.dynasplit.selection.scenario.AblationTable;
import io.dynasplit.selection.scenario.Recovery;
import io.dynasplit.selection.scenario.Variant;
import io.dynasplit.selection.staleness.StalenessCriterion;
import io.dynasplit.selection.strategy.Baselines;
import io.dynasplit.selection.strategy.Strategy;
import io.dynasplit.selection.workload.ThresholdWorkload;
import io.dynasplit.selection.workload.Thresholds;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.Testbeds;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@code dynasplit simulate}: the paper's profile-only simulation. Every request's run is one draw of the emulated
 * testbed ({@link TestbedModel#sample}) for the chosen configuration, with the scheduler's selection code and its
 * feedback. Per-request CSV goes to standard output, the summary to standard error.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate DynaSplit and the baselines over a workload of latency thresholds, without Kafka.",
                "Per-request CSV of the printed strategy (default dynasplit) goes to standard output:",
                "  " + RequestRecord.CSV_HEADER,
                "the summary table (all strategies, oracle and cloud-only as references) to standard error."})
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "Model: vgg16, vit-b16, ...")
    String model;

    @Option(names = "--requests", defaultValue = "10000", description = "Number of requests (ignored with --thresholds). Default: ${DEFAULT-VALUE}")
    int requests;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the thresholds and of the testbed's draws. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--front", paramLabel = "FILE",
            description = "Pareto front: the store's JSON, or CSV with layer,cpu_mhz,edge_accelerator,cloud_gpu,latency_ms,energy_j[,accuracy]. Default: the front provider (the optimizer when wired), else the exhaustive front of the testbed's predictions.")
    Path frontFile;

    @Option(names = "--thresholds", paramLabel = "FILE", description = "CSV with a threshold_ms column, one request per row.")
    Path thresholdsFile;

    @Option(names = "--testbed", defaultValue = "paper", description = "Testbed model. Default: ${DEFAULT-VALUE}")
    String testbedId;

    @Option(names = "--fallback", defaultValue = "fastest", description = "When no entry meets the threshold: fastest, cheapest or reject. Default: ${DEFAULT-VALUE}")
    String fallback;

    @Option(names = "--feedback", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Correct the profile from the runs (EWMA) with a safety margin; --no-feedback is the paper's selection. Default: ${DEFAULT-VALUE}")
    boolean feedback;

    @Option(names = "--margin-z", defaultValue = "2.0", description = "Safety margin in standard deviations of the latency ratio (with feedback). Default: ${DEFAULT-VALUE}")
    double marginZ;

    @Option(names = "--keep-margin", defaultValue = "0.02", description = "Keep the current knobs when within this relative energy of the best. Default: ${DEFAULT-VALUE}")
    double keepMargin;

    @Option(names = "--reconfiguration", defaultValue = "exclude",
            description = "exclude: the paper's accounting (switching happens outside the measured window); include: a request that switches knobs is charged a drawn reconfiguration time (and idle energy), and the selector predicts it. Default: ${DEFAULT-VALUE}")
    String reconfiguration;

    @Option(names = "--oracle", defaultValue = "profile",
            description = "What the oracle knows: profile (the testbed's noise-free figures of every configuration) or hindsight (every configuration's actual run for the request, luck included). Default: ${DEFAULT-VALUE}")
    String oracle;

    @Option(names = "--workload",
            description = "Thresholds without --thresholds: paper (the paper's own numpy draws where it made them: 50 or 10000 requests of vgg16, resnet50, mobilenetv2, vit-b16; else seeded) or seeded (drawn with --seed). Default: paper; with --scenario, seeded (per seed), and paper replays the demo's requests (`demo --scenario`).")
    String workload;

    @Option(names = "--weibull-shape", defaultValue = "1.0", description = "Shape of the threshold distribution (1 = exponential, the paper's). Default: ${DEFAULT-VALUE}")
    double weibullShape;

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "Run the ablation on a scenario instead: paper, paper-drift (vit-b16), drift, load-30, load-60, "
                    + "load-90 or switches. Prints the --selection variant's per-request CSV (first seed) and a table of "
                    + "every variant and the scenario's oracle over --seeds seeds.")
    String scenario;

    @Option(names = "--selection", defaultValue = "all",
            description = "With --scenario: the variant whose requests are printed: paper, feedback, load, switches, all, "
                    + "oracle, none, or with --reprofile paper+reprofile, all+reprofile. Default: ${DEFAULT-VALUE}")
    String selection;

    @Option(names = "--seeds", defaultValue = "1",
            description = "With --scenario: seeds --seed, --seed + 1, ... Default: ${DEFAULT-VALUE}")
    int seeds;

    @Option(names = "--reprofile",
            description = "With --scenario: also run the paper's selection and all features with the closed loop (a "
                    + "staleness monitor whose signal has the model profiled again on the testbed as drifted, the new "
                    + "front used --reprofile-lag requests later), and print how each selection recovers from the drift.")
    boolean reprofile;

    @Option(names = "--reprofile-lag", defaultValue = "0", paramLabel = "REQUESTS",
            description = "With --reprofile: requests served on the stale front between the signal and the new front "
                    + "(the optimizer's time). Default: ${DEFAULT-VALUE}")
    int reprofileLag;

    @Option(names = "--print", defaultValue = Baselines.DYNASPLIT, description = "Strategy whose per-request lines are printed, or none. Default: ${DEFAULT-VALUE}")
    String print;

    private final Function<String, TestbedModel> testbeds;
    private Function<ModelDescriptor, ParetoFront> frontProvider;
    private BiFunction<ModelDescriptor, TestbedModel, ParetoFront> reprofiler =
            (model, testbed) -> ExhaustiveFront.of(ProfiledSpace.of(model, testbed));
    private List<StrategySummary> summaries = List.of();

    /** With the testbeds {@link Testbeds} knows and the exhaustive front as the default front. */
    public SimulateCommand() {
        this(Testbeds::create);
    }

    public SimulateCommand(Function<String, TestbedModel> testbeds) {
        this.testbeds = Objects.requireNonNull(testbeds);
    }

    /** The front to use when {@code --front} is absent, e.g. the optimizer's search; null: the exhaustive front. */
    public SimulateCommand setFrontProvider(Function<ModelDescriptor, ParetoFront> provider) {
        this.frontProvider = provider;
        return this;
    }

    /** How {@code --reprofile} profiles a model on a (drifted) testbed, e.g. the optimizer; default: exhaustively. */
    public SimulateCommand setReprofiler(BiFunction<ModelDescriptor, TestbedModel, ParetoFront> profiler) {
        this.reprofiler = Objects.requireNonNull(profiler);
        return this;
    }

    /** The summaries of the last run (empty before one). */
    public List<StrategySummary> summaries() {
        return summaries;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulateCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return simulate(out, err);
        } catch (InputFileException | IllegalArgumentException | IllegalStateException e) {
            err.println("simulate: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    private int simulate(PrintWriter out, PrintWriter err) {
        long started = System.nanoTime();
        ModelDescriptor descriptor = Models.require(model);
        TestbedModel testbed = testbeds.apply(testbedId);
        FallbackPolicy policy = FallbackPolicy.parse(fallback);
        boolean includeReconfiguration = parseReconfiguration(reconfiguration);
        ProfiledSpace space = ProfiledSpace.of(descriptor, testbed);
        ParetoFront front = loadFront(descriptor, testbed, space);
        if (scenario != null) {
            return ablation(out, err, descriptor, testbed, policy, front, started);
        }
        ThresholdWorkload.Drawn drawn = thresholdsFile != null
                ? new ThresholdWorkload.Drawn(Thresholds.readCsv(thresholdsFile), thresholdsFile.toString())
                : ThresholdWorkload.parse(workload == null ? "paper" : workload).draw(descriptor.name(), requests, weibullShape,
                space.fastest().latencyMs(), space.slowest().latencyMs(), seed);
        double[] thresholds = drawn.thresholdsMs();

        // runs are charged a drawn switching time; the selector predicts the median
        ReconfigurationAccounting accounting = includeReconfiguration
                ? SeededDraws.switches(testbed, seed)
                : ReconfigurationAccounting.excluded();
        ReconfigurationCost predictedSwitch = includeReconfiguration ? ReconfigurationCost.of(testbed)
                : ReconfigurationCost.none();
        FeedbackSettings feedbackSettings = feedback ? FeedbackSettings.defaults().withZScore(marginZ)
                : FeedbackSettings.disabled();
        Selector selector = Selector.builder(front)
                .fallback(policy)
                .reconfiguration(predictedSwitch, accounting.watts())
                .keepMargin(keepMargin)
                .feedback(feedbackSettings)
                .build();
        // the runs are drawn from a stream independent of the thresholds'
        OutcomeSource outcomes = SeededDraws.runs(testbed, seed);
        boolean hindsight = parseOracle(oracle);
        List<Strategy> strategies = Baselines.all(space, front, selector,
                hindsight ? outcomes : TestbedOutcomes.predicted(testbed),
                hindsight ? accounting : ReconfigurationAccounting.of(predictedSwitch, accounting.watts()));
        if (!"none".equals(print) && strategies.stream().noneMatch(s -> s.name().equals(print))) {
            throw new IllegalArgumentException("--print must be none or one of "
                    + strategies.stream().map(Strategy::name).toList());
        }
        Map<String, List<RequestRecord>> results = new Evaluation(descriptor, outcomes, accounting)
                .runAll(strategies, thresholds);

        if (!"none".equals(print)) {
            out.println(RequestRecord.CSV_HEADER);
            results.get(print).forEach(r -> out.println(r.csvLine()));
            out.flush();
        }
        summaries = StrategySummary.compare(results, Baselines.CLOUD_ONLY, Baselines.ORACLE);
        err.printf(Locale.ROOT, "simulate: model %s on testbed %s (%s), %d requests, seed %d, fallback %s, "
                        + "feedback %s, reconfiguration %s, oracle %s%n", descriptor.name(), testbed.id(),
                testbed.edgeDeviceClass(), thresholds.length, seed, policy.wireName(),
                feedback ? "on (z=" + marginZ + ")" : "off", includeReconfiguration ? "included" : "excluded",
                hindsight ? "hindsight" : "profile");
        err.printf(Locale.ROOT, "front: %d entries (%s); valid space: %d configurations%n", front.entries().size(),
                front.provenance() == null ? "?" : front.provenance().algorithm(), space.predictions().size());
        err.println("thresholds (ms): " + describe(thresholds) + "; from " + drawn.source());
        err.print(SummaryTable.format(summaries));
        err.printf(Locale.ROOT, "selector index rebuilds: %d; elapsed %.1f s%n", selector.rebuilds(),
                (System.nanoTime() - started) / 1e9);
        err.flush();
        return 0;
    }

    private int ablation(PrintWriter out, PrintWriter err, ModelDescriptor descriptor, TestbedModel testbed,
                         FallbackPolicy policy, ParetoFront front, long started) {
        if (seeds < 1 || requests < 1) {
            throw new IllegalArgumentException("--seeds and --requests must be >= 1");
        }
        if (reprofile && (selection.equals(Variant.PAPER.wireName() + Ablation.Reprofiling.SUFFIX)
                || selection.equals(Variant.ALL.wireName() + Ablation.Reprofiling.SUFFIX))) {
            // one of the closed loop's rows
        } else if (!"none".equals(selection) && !Ablation.ORACLE.equals(selection)) {
            Variant.parse(selection);
        }
        Ablation ablation = new Ablation(descriptor, testbed, front, policy);
        if (reprofile) {
            ablation.withReprofiling(new Ablation.Reprofiling(reprofiler, StalenessCriterion.defaults(), reprofileLag));
        }
        List<Ablation.SeedRun> runs = new java.util.ArrayList<>();
        ThresholdWorkload thresholds = ThresholdWorkload.parse(workload == null ? "seeded" : workload);
        String thresholdSource = null;
        for (int k = 0; k < seeds; k++) {
            ThresholdWorkload.Drawn drawn = thresholds.draw(descriptor.name(), requests, 1.0,
                    ablation.space().fastest().latencyMs(), ablation.space().slowest().latencyMs(), seed + k);
            thresholdSource = drawn.source();
            runs.add(ablation.runSeed(scenario, drawn.thresholdsMs(), seed + k));
        }
        if (!"none".equals(selection)) {
            out.println(RequestRecord.CSV_HEADER);
            runs.get(0).records().get(selection).forEach(r -> out.println(r.csvLine()));
            out.flush();
        }
        err.printf(Locale.ROOT, "simulate: scenario %s (%s); model %s on testbed %s, %d requests x %d seeds (%d..%d), "
                        + "fallback %s, switches charged%n", scenario, runs.get(0).scenario().description(),
                descriptor.name(), testbed.id(), requests, seeds, seed, seed + seeds - 1, policy.wireName());
        err.printf(Locale.ROOT, "front: %d entries (%s); thresholds: %s%n", front.entries().size(),
                front.provenance() == null ? "?" : front.provenance().algorithm(), thresholdSource);
        err.print(AblationTable.format(Ablation.rows(runs)));
        if (reprofile) {
            Map<String, Integer> signals = new java.util.LinkedHashMap<>();
            runs.forEach(r -> r.reprofiledAt().forEach((name, at) -> signals.merge(name, at.size(), Integer::sum)));
            err.printf(Locale.ROOT, "fronts called stale over the %d seeds: %s%n", seeds, signals);
            if (runs.get(0).scenario().drift().factors().isEmpty()) {
                err.println("no drift begins in scenario " + scenario + ": no recovery to measure");
            } else {
                err.printf(Locale.ROOT, "recovery from the drift at request %d (%s; re-profiling lag %d requests):%n",
                        runs.get(0).scenario().drift().fromRequest(), StalenessCriterion.defaults().describe(),
                        reprofileLag);
                err.print(Recovery.table(runs, Recovery.DEFAULT_WINDOW, Recovery.DEFAULT_TOLERANCE_POINTS));
            }
        }
        err.printf(Locale.ROOT, "elapsed %.1f s%n", (System.nanoTime() - started) / 1e9);
        err.flush();
        return 0;
    }

    private ParetoFront loadFront(ModelDescriptor descriptor, TestbedModel testbed, ProfiledSpace space) {
        if (frontFile != null) {
            return FrontFiles.read(frontFile, descriptor, testbed.edgeDeviceClass());
        }
        if (frontProvider != null) {
            try {
                return frontProvider.apply(descriptor);
            } catch (RuntimeException e) {
                // the provider is the optimizer: its refusals are the user's to read, not a stack trace
                throw new IllegalStateException("no front for " + descriptor.name() + " (give one with --front FILE): "
                        + e.getMessage(), e);
            }
        }
        return ExhaustiveFront.of(space);
    }

    private static boolean parseOracle(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "hindsight" -> true;
            case "profile" -> false;
            default -> throw new IllegalArgumentException("--oracle must be profile or hindsight, got '" + value + "'");
        };
    }

    private static boolean parseReconfiguration(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "include" -> true;
            case "exclude" -> false;
            default -> throw new IllegalArgumentException("--reconfiguration must be include or exclude, got '" + value + "'");
        };
    }

    static String describe(double[] values) {
        return Summary.of(values).fiveNumbersAndMean(1);
    }
}
