package io.dynasplit.deploy.demo;

import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.deploy.client.PipelineClient;
import io.dynasplit.deploy.inputs.PngTestImages;
import io.dynasplit.deploy.stack.Home;
import io.dynasplit.deploy.stack.LocalStack;
import io.dynasplit.deploy.stack.StackSettings;
import io.dynasplit.optimizer.Optimizer;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import io.dynasplit.optimizer.search.Budget;
import io.dynasplit.optimizer.store.ParetoPublisher;
import io.dynasplit.runtime.fmnist.FashionMnist;
import io.dynasplit.selection.Selector;
import io.dynasplit.selection.correction.FeedbackSettings;
import io.dynasplit.selection.correction.ReconfigurationCost;
import io.dynasplit.selection.evaluation.Evaluation;
import io.dynasplit.selection.evaluation.RequestRecord;
import io.dynasplit.selection.evaluation.StrategySummary;
import io.dynasplit.selection.evaluation.SummaryTable;
import io.dynasplit.selection.front.ProfiledSpace;
import io.dynasplit.selection.index.FallbackPolicy;
import io.dynasplit.selection.scenario.Ablation;
import io.dynasplit.selection.scenario.AblationTable;
import io.dynasplit.statistics.Summary;
import io.dynasplit.selection.outcome.OutcomeSource;
import io.dynasplit.selection.outcome.ReconfigurationAccounting;
import io.dynasplit.selection.outcome.SeededDraws;
import io.dynasplit.selection.outcome.TestbedOutcomes;
import io.dynasplit.selection.strategy.Baselines;
import io.dynasplit.selection.strategy.OracleStrategy;
import io.dynasplit.selection.strategy.Strategy;
import io.dynasplit.selection.workload.ThresholdWorkload;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.Testbeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code dynasplit demo}: the paper's testbed experiment on the local stack. Starts Kafka and every service on the
 * emulated paper testbed, builds each model's Pareto store with NSGA-III, replays paper-style requests (Weibull
 * thresholds, real Fashion-MNIST test images) through the live pipeline, runs the baselines on the same thresholds, prints the paper's
 * tables and writes an HTML report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the paper's experiment end to end on the local stack and write an HTML report.")
public final class DemoCommand implements Callable<Integer> {
    static final String ORACLE_HINDSIGHT = "oracle-hindsight";
    static final List<String> DEFAULT_MODELS = List.of("vgg16", "vit-b16");

    @Option(names = "--models", split = ",",
            description = "Models (default: vgg16,vit-b16; with --scenario paper-drift: vit-b16).")
    List<String> models;

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "Replay a simulation scenario live: paper-drift (the paper's ViT entry, 800 MHz, layer 8, cloud"
                    + " GPU, published profiled 1.92 times faster than the nodes run it), and print the simulation's"
                    + " table for the same requests beside the live run (default: none, the paper's setting).")
    String scenario;

    @Option(names = "--requests", defaultValue = "50", description = "Requests per model (default: ${DEFAULT-VALUE}, as the paper).")
    int requests;

    @Option(names = "--seed", defaultValue = "123456789", description = "Seed of the thresholds and runs (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--workload", defaultValue = "paper",
            description = "Thresholds: paper (the paper's own draws where it made them, 50 per model; else seeded) or seeded (default: ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--budget", defaultValue = "0.2", description = "NSGA-III budget, fraction of the space or a count (default: ${DEFAULT-VALUE}).")
    String budget;

    @Option(names = "--speedup", defaultValue = "25",
            description = "Emulated devices run at device time / this factor (default: ${DEFAULT-VALUE}).")
    double speedup;

    @Option(names = "--margin-z", defaultValue = "2.0",
            description = "The scheduler's safety margin in standard deviations of the latency spread, live and in the"
                    + " offline replay (default: ${DEFAULT-VALUE}, the scheduler's).")
    double marginZ;

    @Option(names = "--out", defaultValue = "target/demo", description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--dataset",
            description = "Fashion-MNIST directory whose test set the requests send (default: " + FashionMnist.DEBIAN_DIR
                    + ", or -Ddynasplit.fmnist.dir / DYNASPLIT_FMNIST_DIR); without it, the "
                    + FashionMnist.SHIPPED_TEST_IMAGES + " test images shipped with DynaSplit.")
    Path dataset;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(marginZ >= 0)) {
            throw new ParameterException(spec.commandLine(), "--margin-z must be >= 0, got " + marginZ);
        }
        DemoScenario demoScenario = null;
        if (scenario != null) {
            try {
                demoScenario = DemoScenario.of(scenario);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        List<String> modelNames = modelNames(demoScenario);
        try { // before the stack starts, which takes most of a minute
            modelNames.forEach(Models::require);
            Budget.parse(budget);
            ThresholdWorkload.parse(workload);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        long started = System.nanoTime();
        Path home = Home.find();
        TestbedModel testbed = Testbeds.create("paper");
        PngTestImages images = PngTestImages.find(dataset != null ? dataset : FashionMnist.defaultDirectory());
        progress("inputs: %s", images.origin());
        StackSettings settings = StackSettings.defaults(home).withEdgeDevices(List.of("pi-a", "pi-b"))
                .withPacingSpeedup(speedup).withPreloadModels(modelNames).withMarginZ(marginZ);
        progress("starting Kafka and the services (scheduler, edge pi-a, edge pi-b, cloud-1); safety margin z = %s ...",
                marginZ);
        progress("logs: %s (Kafka's own in %s)", displayed(settings.logDir()),
                LocalStack.brokerLog(settings).getFileName());
        boolean terminal = System.console() != null;
        List<ModelRun> runs = new ArrayList<>();
        List<String> scenarioTables = new ArrayList<>();
        try (LocalStack stack = LocalStack.start(settings);
             PipelineClient client = new PipelineClient(stack.bootstrapServers());
             ParetoPublisher publisher = new ParetoPublisher(KafkaClientSettings.of(stack.bootstrapServers()))) {
            progress("stack ready; Kafka at %s", stack.bootstrapServers());
            int deviceIndex = 0;
            for (String name : modelNames) {
                ModelDescriptor model = Models.require(name);
                String device = deviceIndex++ % 2 == 0 ? "pi-a" : "pi-b";
                progress("%s: NSGA-III search (budget %s) ...", name, budget);
                ParetoFront optimized = Optimizer.paretoFront(model, testbed, Budget.parse(budget), 7);
                ParetoFront front = optimized;
                if (demoScenario != null) {
                    try {
                        front = demoScenario.publishedFront(name, testbed, optimized, requests, seed);
                    } catch (IllegalArgumentException e) {
                        throw new ParameterException(spec.commandLine(), e.getMessage());
                    }
                    progress("%s: scenario %s: %s", name, scenario,
                            demoScenario.scenarioFor(name, testbed, optimized, requests, seed).description());
                }
                publisher.publish(front);
                stack.awaitFront(front.key(), front.version(), Duration.ofSeconds(60));
                progress("%s: front of %d configurations published; replaying %d requests on %s", name,
                        front.entries().size(), requests, device);
                ProfiledSpace space = ProfiledSpace.of(model, testbed);
                ThresholdWorkload.Drawn drawn = ThresholdWorkload.parse(workload).draw(name, requests, 1.0,
                        space.fastest().latencyMs(), space.slowest().latencyMs(), seed);
                progress("%s: thresholds are %s", name, drawn.source());
                double[] thresholds = drawn.thresholdsMs();
                List<InferenceResult> live = replay(client, model, device, thresholds, images,
                        ReplayProgress.of(name, device, System.err, terminal));
                Path decisions = LiveDecisions.write(out.resolve("live-" + name + ".csv"), thresholds, live,
                        LiveDecisions.read(stack.bootstrapServers(), device));
                progress("%s: live decisions and runs per request: %s (%d knob switches)", name, displayed(decisions),
                        LiveDecisions.switches(live));
                ModelRun run = evaluate(model, testbed, space, front, thresholds, drawn.source(), live);
                runs.add(run);
                if (demoScenario != null) {
                    scenarioTables.add(scenarioTable(model, testbed, optimized, thresholds, run));
                }
            }
        }
        Files.createDirectories(out);
        for (ModelRun run : runs) {
            System.out.println();
            System.out.printf("== %s: %d requests (paper-style thresholds %.1f-%.1f ms) ==%n", run.model().name(),
                    run.thresholds().length, min(run.thresholds()), max(run.thresholds()));
            System.out.print(SummaryTable.format(run.summaries()));
        }
        scenarioTables.forEach(t -> System.out.print(System.lineSeparator() + t));
        Path report = new DemoReport(runs).write(out.resolve("report.html"));
        System.out.printf("%nreport: %s%ndemo finished in %.0f s%n", report.toAbsolutePath(),
                (System.nanoTime() - started) / 1e9);
        return 0;
    }

    /** The models asked for, else the scenario's, else vgg16 and vit-b16 (the paper's two). */
    List<String> modelNames(DemoScenario demoScenario) {
        if (demoScenario != null) {
            return demoScenario.models(models);
        }
        return models == null || models.isEmpty() ? DEFAULT_MODELS : models;
    }

    /** Sends each request, waits for its result, then the next: one request at a time, as the paper's testbed. */
    private List<InferenceResult> replay(PipelineClient client, ModelDescriptor model, String device,
                                         double[] thresholds, PngTestImages images, ReplayProgress progress) {
        List<InferenceResult> results = new ArrayList<>();
        for (int i = 0; i < thresholds.length; i++) {
            String id = model.name() + "-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
            client.submit(InferenceRequest.of(id, device, model.name(), thresholds[i], PngTestImages.MEDIA_TYPE,
                    images.png(i), null, Instant.now()));
            InferenceResult result = client.await(List.of(id), Duration.ofMinutes(5), null).get(id);
            if (result == null) {
                throw new IllegalStateException("no result for " + id + " within 5 minutes; see target/stack-logs");
            }
            results.add(result);
            progress.onResult(i, thresholds.length, result, thresholds[i]);
        }
        progress.finish();
        return results;
    }

    /** The baselines on the same thresholds, on the emulated testbed, with the live DynaSplit run beside them. */
    private ModelRun evaluate(ModelDescriptor model, TestbedModel testbed, ProfiledSpace space, ParetoFront front,
                              double[] thresholds, String thresholdSource, List<InferenceResult> live) {
        ReconfigurationAccounting accounting = SeededDraws.switches(testbed, seed);
        Selector selector = Selector.builder(front).reconfiguration(ReconfigurationCost.of(testbed), accounting.watts())
                .feedback(FeedbackSettings.defaults().withZScore(marginZ)).build();
        OutcomeSource outcomes = SeededDraws.runs(testbed, seed);
        Map<String, List<RequestRecord>> records = new LinkedHashMap<>();
        records.put(ModelRun.LIVE, liveRecords(model, thresholds, live));
        // "oracle" knows every threshold and the profile of every configuration (the testbed's medians), as the
        // paper's offline measurements: the best a scheduler could do per request. "oracle-hindsight" also knows each
        // configuration's actual run for the request (the minimum over hundreds of noisy draws, luck no one can have).
        List<Strategy> strategies = new ArrayList<>(Baselines.all(space, front, selector,
                TestbedOutcomes.predicted(testbed),
                ReconfigurationAccounting.of(ReconfigurationCost.of(testbed), accounting.watts())));
        strategies.add(new OracleStrategy(ORACLE_HINDSIGHT, space.configs(), outcomes, accounting));
        records.putAll(new Evaluation(model, outcomes, accounting).runAll(strategies, thresholds));
        List<StrategySummary> summaries = StrategySummary.compare(records, Baselines.CLOUD_ONLY, Baselines.ORACLE);
        return new ModelRun(model, front, thresholds, thresholdSource, live, records, summaries);
    }

    /**
     * The simulation's ablation table ({@code simulate --scenario}) for the same thresholds and seed, with the live
     * run as one more row: {@code ./dynasplit simulate --model M --scenario S --workload paper --requests N --seed SEED
     * --selection none} prints the same rows but the live one.
     */
    private String scenarioTable(ModelDescriptor model, TestbedModel testbed, ParetoFront optimized,
                                 double[] thresholds, ModelRun run) {
        Ablation.SeedRun simulated = new Ablation(model, testbed, optimized, FallbackPolicy.FASTEST)
                .runSeed(scenario, thresholds, seed);
        List<Ablation.Row> rows = new ArrayList<>(Ablation.rows(List.of(simulated)));
        List<RequestRecord> live = run.records().get(ModelRun.LIVE);
        rows.add(new Ablation.Row(ModelRun.LIVE + " (all)", Summary.of(new double[] {Ablation.metPercent(live)}),
                Summary.of(new double[] {Ablation.meanEnergy(live)})));
        return String.format(Locale.ROOT, "== %s, scenario %s: %s; %d requests, the simulation (runs seeded %d) and "
                        + "the live run ==%n", model.name(), scenario, simulated.scenario().description(),
                thresholds.length, seed) + AblationTable.format(rows);
    }

    private static List<RequestRecord> liveRecords(ModelDescriptor model, double[] thresholds, List<InferenceResult> live) {
        List<RequestRecord> records = new ArrayList<>();
        for (int i = 0; i < live.size(); i++) {
            InferenceResult r = live.get(i);
            if (r.status() != ResultStatus.OK) {
                records.add(RequestRecord.rejected(i, thresholds[i]));
                continue;
            }
            records.add(new RequestRecord(i, thresholds[i], r.config(), model.placement(r.config()),
                    r.latency().totalMs(), r.energy().totalJ(), r.latency().reconfigurationMs(), r.thresholdMet(),
                    false));
        }
        return records;
    }

    /** The path relative to the working directory when it lies below it (shorter to read), else absolute. */
    private static Path displayed(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(cwd) && !absolute.equals(cwd) ? cwd.relativize(absolute) : absolute;
    }

    private static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[demo] " + format + "%n", args);
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(Double.NaN);
    }
}
