package io.dynasplit.optimizer.cli;

import io.dynasplit.statistics.Quantiles;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.Placement;
import io.dynasplit.optimizer.OptimizationRequest;
import io.dynasplit.optimizer.OptimizationResult;
import io.dynasplit.optimizer.Optimizer;
import io.dynasplit.optimizer.evaluation.ProfileEvaluator;
import io.dynasplit.optimizer.quality.HypervolumeRatio;
import io.dynasplit.optimizer.search.Budget;
import io.dynasplit.optimizer.search.EvaluationListener;
import io.dynasplit.optimizer.search.SearchSettings;
import io.dynasplit.testbed.TestbedModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Front quality and speed of the profile-based optimisation, as tables: the hypervolume ratio of NSGA-III against
 * the exhaustive front per seed (and its median), whether the front holds edge-only, and wall times of whole
 * optimisations (search + hypervolume scoring + document), cold (first in this JVM) and warm (min and median).
 */
@Command(name = "optimize-benchmark", mixinStandardHelpOptions = true,
        description = "Benchmarks the profile-based optimisation: hypervolume ratio per seed and wall times.")
public final class OptimizerBenchmarkCommand implements Callable<Integer> {

    @Option(names = "--testbed", defaultValue = "paper", description = "Default: ${DEFAULT-VALUE}.")
    String testbed;

    @Option(names = "--models", split = ",", defaultValue = "vgg16,vit-b16", description = "Default: ${DEFAULT-VALUE}.")
    List<String> models;

    @Option(names = "--budget", defaultValue = "0.2", converter = OptimizeCommand.BudgetConverter.class,
            description = "Default: ${DEFAULT-VALUE}.")
    Budget budget;

    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3,4,5", description = "Default: ${DEFAULT-VALUE}.")
    List<Long> seeds;

    @Option(names = "--population", defaultValue = "0", description = "NSGA-III population; 0 = automatic. Default: ${DEFAULT-VALUE}.")
    int population;

    @Option(names = "--local-search-share", defaultValue = "0.5",
            description = "Share of the budget for the Pareto local search after NSGA-III; 0 = NSGA-III alone. Default: ${DEFAULT-VALUE}.")
    double localSearchShare;

    @Option(names = "--quality-only", description = "Skip the timings.")
    boolean qualityOnly;

    @Option(names = "--repetitions", defaultValue = "15", description = "Timed repetitions after the cold run. Default: ${DEFAULT-VALUE}.")
    int repetitions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new OptimizerBenchmarkCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TestbedModel tb = TestbedResolver.resolve(testbed);
        ProfileEvaluator evaluator = new ProfileEvaluator(tb);
        out.printf(Locale.ROOT, "testbed %s (%s), budget %s, hypervolume: %s%n%n", tb.id(), tb.edgeDeviceClass(), budget,
                HypervolumeRatio.NORMALISATION);

        out.printf(Locale.ROOT, "%-10s %5s %6s %7s %7s %7s %10s %10s%n", "model", "seed", "space", "evals", "front",
                "exact", "HV ratio", "edge-only");
        for (String name : models) {
            ModelDescriptor model = Models.require(name);
            double[] ratios = new double[seeds.size()];
            for (int i = 0; i < seeds.size(); i++) {
                OptimizationResult r = Optimizer.optimize(nsga3(model, seeds.get(i)), evaluator,
                        EvaluationListener.NONE);
                ratios[i] = r.hypervolumeRatio();
                out.printf(Locale.ROOT, "%-10s %5d %6d %7d %7d %7d %10.4f %10s%n", name, seeds.get(i), r.spaceSize(),
                        r.search().evaluations(), r.front().entries().size(), r.exhaustiveFrontSize(), ratios[i],
                        edgeOnly(model, r.front().entries()));
            }
            out.printf(Locale.ROOT, "%-10s median HV ratio over %d seeds: %.4f (min %.4f)%n%n", name, seeds.size(),
                    Quantiles.median(ratios), Arrays.stream(ratios).min().orElse(Double.NaN));
        }

        if (qualityOnly) {
            out.flush();
            return 0;
        }
        out.printf(Locale.ROOT, "%-10s %-12s %9s %9s %9s   (wall ms per whole optimisation; cold = first in this JVM)%n",
                "model", "mode", "cold", "min", "median");
        for (String name : models) {
            ModelDescriptor model = Models.require(name);
            long seed = seeds.get(0);
            time(out, name, localSearchShare > 0 ? "NSGA-III+PLS" : "NSGA-III", () -> Optimizer.optimize(nsga3(model, seed), evaluator,
                    EvaluationListener.NONE));
            time(out, name, "exhaustive", () -> Optimizer.optimize(OptimizationRequest.exhaustive(model), evaluator,
                    EvaluationListener.NONE));
        }
        out.flush();
        return 0;
    }

    private OptimizationRequest nsga3(ModelDescriptor model, long seed) {
        return OptimizationRequest.nsga3(model, budget, seed).withSettings(SearchSettings.DEFAULT.withPopulationSize(population).withLocalSearchShare(localSearchShare));
    }

    private static String edgeOnly(ModelDescriptor model, List<ParetoEntry> entries) {
        long n = entries.stream().filter(e -> model.placement(e.config()) == Placement.EDGE).count();
        return n == 0 ? "no" : "yes (" + n + ")";
    }

    private void time(PrintWriter out, String model, String mode, Supplier<OptimizationResult> run) {
        long t0 = System.nanoTime();
        run.get();
        double cold = (System.nanoTime() - t0) / 1e6;
        List<Double> warm = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            long t = System.nanoTime();
            run.get();
            warm.add((System.nanoTime() - t) / 1e6);
        }
        double[] w = warm.stream().mapToDouble(Double::doubleValue).toArray();
        out.printf(Locale.ROOT, "%-10s %-12s %9.1f %9.1f %9.1f%n", model, mode, cold, Arrays.stream(w).min().orElse(Double.NaN),
                Quantiles.median(w));
        out.flush();
    }
}
