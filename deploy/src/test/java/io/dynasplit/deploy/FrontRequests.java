package io.dynasplit.deploy;

import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.deploy.stack.LocalStack;
import io.dynasplit.optimizer.OptimizationRequest;
import io.dynasplit.optimizer.Optimizer;
import io.dynasplit.optimizer.evaluation.ProfileEvaluator;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import io.dynasplit.optimizer.search.Budget;
import io.dynasplit.optimizer.search.EvaluationListener;
import io.dynasplit.optimizer.store.ParetoPublisher;
import io.dynasplit.testbed.Testbeds;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Fronts and requests for the end-to-end tests: fmnist-cnn's front published to a running stack, and requests
 * round-robin over devices with thresholds drawn across a front's latency range.
 */
final class FrontRequests {
    private FrontRequests() {
    }

    /**
     * fmnist-cnn's NSGA-III front on the paper testbed (its emulated profile has no accuracy figures: latency and
     * energy only), published with {@code publishing} and awaited until the stack's scheduler holds it.
     */
    static ParetoFront publishFmnistFront(LocalStack stack, KafkaClientSettings publishing, Duration wait) {
        ParetoFront front = Optimizer.optimize(OptimizationRequest.nsga3(Models.FMNIST_CNN, Budget.PAPER, 7)
                        .withAccuracyObjective(false), new ProfileEvaluator(Testbeds.create("paper")), EvaluationListener.NONE)
                .front();
        try (ParetoPublisher publisher = new ParetoPublisher(publishing)) {
            publisher.publish(front);
        }
        stack.awaitFront(front.key(), front.version(), wait);
        return front;
    }

    /** Thresholds uniform between 0.8 x the front's fastest and 1.5 x its slowest entry: some met, some not. */
    static List<InferenceRequest> draw(ParetoFront front, List<String> devices, String model, int n, Random random) {
        double fastest = front.entries().stream().mapToDouble(ParetoEntry::latencyMs).min().orElseThrow();
        double slowest = front.entries().stream().mapToDouble(ParetoEntry::latencyMs).max().orElseThrow();
        List<InferenceRequest> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double threshold = fastest * 0.8 + random.nextDouble() * (slowest * 1.5 - fastest * 0.8);
            list.add(InferenceRequest.of(UUID.randomUUID().toString(), devices.get(i % devices.size()), model,
                    threshold, null, new byte[0], (long) i, Instant.now()));
        }
        return list;
    }
}
