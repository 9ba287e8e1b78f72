package io.dynasplit.deploy.stack;

import io.dynasplit.access.Principals;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.optimizer.OptimizationRequest;
import io.dynasplit.optimizer.Optimizer;
import io.dynasplit.optimizer.evaluation.ProfileEvaluator;
import io.dynasplit.optimizer.search.Budget;
import io.dynasplit.optimizer.search.EvaluationListener;
import io.dynasplit.optimizer.store.ParetoPublisher;
import io.dynasplit.testbed.TestbedModel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Pareto fronts a fresh stack's scheduler needs before it can route a request: NSGA-III at the paper's budget on
 * the emulated testbed's profile, for every built-in model the testbed has figures for, published to
 * {@code dynasplit.pareto} and held by the scheduler when {@link #publish} returns. The search on a profile takes
 * well under a second for all of them; without a front, a request would be dead-lettered.
 */
public final class StackFronts {
    /** The seed of the optimize command's and the demo's searches, so the fronts are the ones they print. */
    static final long SEED = 7;
    private static final Duration HELD_WITHIN = Duration.ofSeconds(60);

    private StackFronts() {
    }

    /** Searches, publishes and waits until the scheduler holds each front; returns them in model-name order. */
    public static List<ParetoFront> publish(LocalStack stack, TestbedModel testbed) {
        List<ParetoFront> fronts = new ArrayList<>();
        for (ModelDescriptor model : Models.builtIn()) {
            if (testbed.supports(model)) {
                fronts.add(search(model, testbed));
            }
        }
        try (ParetoPublisher publisher = new ParetoPublisher(stack.clientSettings(Principals.OPTIMIZER))) {
            fronts.forEach(publisher::publish);
        }
        fronts.forEach(front -> stack.awaitFront(front.key(), front.version(), HELD_WITHIN));
        return fronts;
    }

    /**
     * With the accuracy objective where the model's accuracy varies (int8 heads) and the profile has figures for it
     * (the optimizer's default); the testbed's estimated models (resnet50, mobilenetv2, fmnist-cnn) have none, so they
     * trade latency and energy.
     */
    static ParetoFront search(ModelDescriptor model, TestbedModel testbed) {
        return Optimizer.optimize(OptimizationRequest.nsga3(model, Budget.PAPER, SEED), new ProfileEvaluator(testbed),
                EvaluationListener.NONE).front();
    }
}
