package io.dynasplit.optimizer.reprofile;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.ReprofileRequest;
import io.dynasplit.optimizer.OptimizationRequest;
import io.dynasplit.optimizer.Optimizer;
import io.dynasplit.optimizer.evaluation.ConfigurationEvaluator;
import io.dynasplit.optimizer.evaluation.EvaluationException;
import io.dynasplit.optimizer.search.Budget;
import io.dynasplit.optimizer.search.EvaluationListener;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the optimizer does with a {@link ReprofileRequest}, apart from Kafka: profile the model again on the device
 * class its evaluator measures (NSGA-III within the budget, as the offline phase) and answer with the new front, skip
 * a request whose front it has already replaced (several schedulers, or one asking again, ask about the same
 * version), or refuse one it cannot answer, with the reason. Not thread-safe: the service calls it from its one
 * consumer thread.
 */
public final class Reprofiler {

    /** The answer to one request. */
    public sealed interface Answer permits Publish, Skip, Refuse {
    }

    /** A newer front to publish on the Pareto topic. */
    public record Publish(ParetoFront front) implements Answer {
    }

    /** Nothing to do, and why. */
    public record Skip(String why) implements Answer {
    }

    /** A request that cannot be answered: it goes to the dead-letter topic with this reason. */
    public record Refuse(String reason) implements Answer {
    }

    private final Supplier<ConfigurationEvaluator> evaluators;
    private final String deviceClass;
    private final Budget budget;
    private final long seed;
    private final Clock clock;
    private final Map<String, Long> newest = new HashMap<>();

    /**
     * @param evaluators opens an evaluator of the device class this optimizer profiles (the emulated profile, or the
     *                   live pipeline on real devices), one per request, closed after it
     */
    public Reprofiler(Supplier<ConfigurationEvaluator> evaluators, Budget budget, long seed, Clock clock) {
        this.evaluators = Objects.requireNonNull(evaluators, "evaluators");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.seed = seed;
        this.clock = Objects.requireNonNull(clock, "clock");
        try (ConfigurationEvaluator e = evaluators.get()) {
            this.deviceClass = e.deviceClass();
        }
    }

    public String deviceClass() {
        return deviceClass;
    }

    /** A front seen on the Pareto topic (or published here): requests about older versions need nothing more. */
    public void known(ParetoFront front) {
        newest.merge(front.key(), front.version(), Math::max);
    }

    /** The newest version known for {@code key}. */
    public Optional<Long> newestVersion(String key) {
        return Optional.ofNullable(newest.get(key));
    }

    public Answer answer(ReprofileRequest request) {
        if (request.schemaVersion() != ReprofileRequest.SCHEMA_VERSION) {
            return new Refuse("reprofile request schema version " + request.schemaVersion() + "; this optimizer reads "
                    + ReprofileRequest.SCHEMA_VERSION);
        }
        Optional<ModelDescriptor> model = Models.find(request.model());
        if (model.isEmpty()) {
            return new Refuse("unknown model '" + request.model() + "'");
        }
        if (!deviceClass.equals(request.deviceClass())) {
            return new Refuse("this optimizer profiles device class " + deviceClass + ", not " + request.deviceClass());
        }
        Long known = newest.get(request.key());
        if (known != null && known > request.frontVersion()) {
            return new Skip(request.key() + " v" + request.frontVersion() + " is already replaced by v" + known);
        }
        ParetoFront front;
        try (ConfigurationEvaluator evaluator = evaluators.get()) {
            // accuracy is an objective where it varies and the evaluator has figures for it (Optimizer)
            OptimizationRequest search = OptimizationRequest.nsga3(model.get(), budget, seed);
            front = Optimizer.optimize(search, evaluator, EvaluationListener.NONE, clock).front();
        } catch (IllegalArgumentException | EvaluationException e) {
            return new Refuse("cannot profile " + request.key() + ": " + e.getMessage());
        }
        if (front.version() <= request.frontVersion()) {
            // versions are creation times in ms; a clock behind the stale front's must still produce a newer one
            front = new ParetoFront(front.schemaVersion(), front.model(), front.deviceClass(),
                    request.frontVersion() + 1, front.createdAt(), front.provenance(), front.entries());
        }
        known(front);
        return new Publish(front);
    }

}
