package io.dynasplit.optimizer;

import io.dynasplit.contracts.FrontProvenance;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.optimizer.evaluation.ConfigurationEvaluator;
import io.dynasplit.optimizer.evaluation.Measurement;
import io.dynasplit.optimizer.evaluation.ProfileEvaluator;
import io.dynasplit.optimizer.quality.HypervolumeRatio;
import io.dynasplit.optimizer.search.Budget;
import io.dynasplit.optimizer.search.EvaluationListener;
import io.dynasplit.optimizer.search.ExhaustiveSearch;
import io.dynasplit.optimizer.search.NsgaIIISearch;
import io.dynasplit.optimizer.search.Objectives;
import io.dynasplit.optimizer.search.SearchOutcome;
import io.dynasplit.optimizer.search.SearchSpace;
import io.dynasplit.testbed.TestbedModel;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The offline phase: search a model's configuration space with an evaluator and turn what was found into a
 * {@link ParetoFront} document for the Pareto store.
 *
 * <pre>{@code
 * ParetoFront front = Optimizer.paretoFront(Models.VGG16, testbed, Budget.fraction(0.2), 7);
 * OptimizationResult run = Optimizer.optimize(OptimizationRequest.nsga3(Models.VIT_B16, Budget.PAPER, 7),
 *         new ProfileEvaluator(testbed), EvaluationListener.NONE);
 * }</pre>
 */
public final class Optimizer {
    private Optimizer() {
    }

    /** NSGA-III on an emulated testbed's profile: the front the scheduler, demo and simulate start from. */
    public static ParetoFront paretoFront(ModelDescriptor model, TestbedModel testbed, Budget budget, long seed) {
        return optimize(OptimizationRequest.nsga3(model, budget, seed), new ProfileEvaluator(testbed), EvaluationListener.NONE)
                .front();
    }

    public static OptimizationResult optimize(OptimizationRequest request, ConfigurationEvaluator evaluator,
                                              EvaluationListener listener) {
        return optimize(request, evaluator, listener, Clock.systemUTC());
    }

    public static OptimizationResult optimize(OptimizationRequest request, ConfigurationEvaluator evaluator,
                                              EvaluationListener listener, Clock clock) {
        if (evaluator instanceof ProfileEvaluator profile && !profile.testbed().supports(request.model())) {
            throw new IllegalArgumentException("testbed '" + profile.testbed().id() + "' has no figures for model "
                    + request.model().name());
        }
        SearchSpace space = SearchSpace.of(request.model(), evaluator.cpuFrequenciesMhz());
        Objectives objectives = request.objectives(evaluator.knowsAccuracy(request.model()));
        SearchOutcome outcome = request.exhaustive()
                ? ExhaustiveSearch.run(space, objectives, evaluator, listener)
                : NsgaIIISearch.run(space, objectives, evaluator, request.budget(), request.seed(), request.settings(), listener);

        Double ratio = null;
        int exhaustiveFrontSize = 0;
        if (evaluator.freeToEnumerate()) {
            List<Measurement> exact = request.exhaustive() ? outcome.front()
                    : ExhaustiveSearch.run(space, objectives, evaluator, EvaluationListener.NONE).front();
            ratio = HypervolumeRatio.against(vectors(exact, objectives)).ratio(vectors(outcome.front(), objectives));
            exhaustiveFrontSize = exact.size();
        }
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        FrontProvenance provenance = new FrontProvenance(outcome.algorithm(), request.exhaustive() ? 0 : request.seed(),
                outcome.budget(), outcome.evaluations(), space.size(), evaluator.id(), evaluator.hardwareIdentity(), ratio);
        List<ParetoEntry> entries = outcome.front().stream()
                .map(m -> new ParetoEntry(m.config(), m.latencyMs(), m.energyJ(), m.accuracy(), m.spread()))
                .toList();
        // versions only need to grow from one run to the next: the creation time in ms does that without coordination
        ParetoFront front = new ParetoFront(ParetoFront.SCHEMA_VERSION, request.model().name(), evaluator.deviceClass(),
                createdAt.toEpochMilli(), createdAt, provenance, entries);
        return new OptimizationResult(front, outcome, objectives, space.size(), ratio, exhaustiveFrontSize);
    }

    private static List<double[]> vectors(List<Measurement> front, Objectives objectives) {
        return front.stream().map(objectives::vector).toList();
    }
}
