package io.dynasplit.optimizer.cli;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.Topics;
import io.dynasplit.optimizer.OptimizationRequest;
import io.dynasplit.optimizer.OptimizationResult;
import io.dynasplit.optimizer.Optimizer;
import io.dynasplit.optimizer.evaluation.ConfigurationEvaluator;
import io.dynasplit.optimizer.evaluation.EvaluationException;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import io.dynasplit.optimizer.quality.HypervolumeRatio;
import io.dynasplit.optimizer.search.Budget;
import io.dynasplit.optimizer.search.SearchSettings;
import io.dynasplit.optimizer.store.ParetoPublisher;
import io.dynasplit.optimizer.store.ParetoStore;
import io.dynasplit.testbed.CloudEnergyAccounting;
import io.dynasplit.testbed.TestbedModel;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code dynasplit optimize}: the offline phase, from the command line. */
@Command(name = "optimize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Searches a model's configuration space (NSGA-III within a budget, or exhaustively) and writes the "
                + "Pareto front to a file; --publish also sends it to the compacted " + Topics.PARETO + " topic.",
                "Prints evaluations, front size, the hypervolume ratio against the exhaustive front (profile evaluator) and time."})
public final class OptimizeCommand implements Callable<Integer> {

    enum AccuracyObjective { auto, on, off }

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "Model: vgg16, vit-b16, resnet50, mobilenetv2, fmnist-cnn.")
    String model;

    @Option(names = "--testbed", defaultValue = "paper", description = "Emulated testbed (device profiles): paper. Default: ${DEFAULT-VALUE}.")
    String testbed;

    @Option(names = "--cloud-energy", defaultValue = "whole-node",
            description = "Cloud energy accounting of the paper testbed: whole-node (as the paper) or gpu-marginal. Default: ${DEFAULT-VALUE}.")
    String cloudEnergy;

    @Option(names = "--budget", defaultValue = "0.2", converter = BudgetConverter.class,
            description = "Distinct configurations to evaluate: a fraction of the valid space (0.2, 20%%) or a count (184). "
                    + "Default: ${DEFAULT-VALUE}, as the paper.")
    Budget budget;

    @Option(names = "--seed", defaultValue = "7", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", description = "Front file. Default: pareto-<model>.json.")
    Path out;

    @Option(names = "--exhaustive", description = "Evaluate every valid configuration instead of searching.")
    boolean exhaustive;

    @Option(names = "--population", defaultValue = "0",
            description = "NSGA-III population size; 0 = about a quarter of the budget (8..100). Default: ${DEFAULT-VALUE}.")
    int population;

    @Option(names = "--local-search-share", defaultValue = "0.5",
            description = "Share of the budget for the Pareto local search after NSGA-III; 0 = NSGA-III alone. Default: ${DEFAULT-VALUE}.")
    double localSearchShare;

    @Option(names = "--accuracy-objective", defaultValue = "auto",
            description = "auto (when accuracy varies, with int8 heads, and the evaluator has accuracy figures for the model), on, off. Default: ${DEFAULT-VALUE}.")
    AccuracyObjective accuracyObjective;

    @Mixin
    EvaluatorOptions evaluator;

    @Option(names = "--publish", description = "Also publish the front to " + Topics.PARETO + ".")
    boolean publish;

    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (--publish, --evaluator live). Default: ${DEFAULT-VALUE}. "
                    + "Security settings come from KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_*, KAFKA_SSL_TRUSTSTORE_*.")
    String bootstrapServers;

    @Option(names = "--print-front", description = "Print the front's entries.")
    boolean printFront;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    public static void main(String[] args) {
        System.exit(new CommandLine(new OptimizeCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        try {
            ModelDescriptor descriptor = Models.require(model);
            TestbedModel testbedModel = TestbedResolver.resolve(testbed, CloudEnergyAccounting.parse(cloudEnergy));
            OptimizationRequest request = request(descriptor);
            ProgressBar progress = new ProgressBar(System.err, System.console() != null);
            OptimizationResult result;
            long start = System.nanoTime();
            try (ConfigurationEvaluator eval = evaluator.open(testbedModel, this::kafka)) {
                result = Optimizer.optimize(request, eval, noProgress ? null : progress);
            } finally {
                progress.finish();
            }
            Path file = out != null ? out : ParetoStore.defaultFile(model);
            ParetoStore.write(result.front(), file);
            report(stdout, result, file, (System.nanoTime() - start) / 1e9);
            if (publish) {
                try (ParetoPublisher publisher = new ParetoPublisher(kafka())) {
                    RecordMetadata md = publisher.publish(result.front());
                    stdout.printf(Locale.ROOT, "published to %s key %s version %d (partition %d, offset %d)%n", Topics.PARETO,
                            result.front().key(), result.front().version(), md.partition(), md.offset());
                }
            }
            stdout.flush();
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | EvaluationException | UncheckedIOException e) {
            stderr.println("optimize: " + e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
            stderr.flush();
            return 1;
        }
    }

    private OptimizationRequest request(ModelDescriptor descriptor) {
        OptimizationRequest r = exhaustive ? OptimizationRequest.exhaustive(descriptor)
                : OptimizationRequest.nsga3(descriptor, budget, seed);
        r = r.withSettings(SearchSettings.DEFAULT.withPopulationSize(population).withLocalSearchShare(localSearchShare));
        return switch (accuracyObjective) {
            case auto -> r;
            case on -> r.withAccuracyObjective(true);
            case off -> r.withAccuracyObjective(false);
        };
    }

    private KafkaClientSettings kafka() {
        return KafkaClientSettings.fromEnvironment(bootstrapServers, System.getenv());
    }

    private void report(PrintWriter out, OptimizationResult result, Path file, double seconds) {
        ParetoFront front = result.front();
        var search = result.search();
        out.printf(Locale.ROOT, "model %s on %s, evaluator %s, %s%s, objectives %s%n", front.model(), front.deviceClass(),
                front.provenance().evaluator(), search.algorithm(),
                exhaustive ? "" : " seed " + seed + " budget " + budget, String.join(", ", result.objectives().names()));
        out.printf(Locale.ROOT, "evaluations %d (budget %d of %d valid; %d duplicate proposals cost nothing; %d generations)%n",
                search.evaluations(), search.budget(), result.spaceSize(), search.cacheHits(), search.generations());
        out.printf(Locale.ROOT, "front size %d%n", front.entries().size());
        // where the figures came from (emulated profile, a meter, or the host model): a front says it, so does this
        out.printf(Locale.ROOT, "figures from %s%n", front.provenance().hardwareIdentity());
        if (result.hypervolumeRatio() != null) {
            out.printf(Locale.ROOT, "hypervolume ratio %.4f (vs the exhaustive front of %d; %s)%n", result.hypervolumeRatio(),
                    result.exhaustiveFrontSize(), HypervolumeRatio.NORMALISATION);
        } else {
            out.println("hypervolume ratio n/a (a live front has no free exhaustive reference)");
        }
        out.printf(Locale.ROOT, "time %.3f s (search %.3f s)%n", seconds, search.elapsed().toNanos() / 1e9);
        if (printFront) {
            out.printf(Locale.ROOT, "%-36s %12s %10s %9s%n", "configuration", "latency ms", "energy J", "accuracy");
            for (ParetoEntry e : front.entries()) {
                out.printf(Locale.ROOT, "%-36s %12.2f %10.3f %9.4f%n", e.config().label(), e.latencyMs(), e.energyJ(), e.accuracy());
            }
        }
        out.printf(Locale.ROOT, "wrote %s (version %d)%n", file, front.version());
    }

    static final class BudgetConverter implements CommandLine.ITypeConverter<Budget> {
        @Override
        public Budget convert(String value) {
            return Budget.parse(value);
        }
    }

    /** {@code 60s}, {@code 500ms}, {@code 2m}, or an ISO-8601 duration. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.parse(value);
        }
    }
}
