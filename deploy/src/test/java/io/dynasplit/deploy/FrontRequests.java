package io.dynasplit.deploy;

import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Requests for the end-to-end tests: round-robin over devices, thresholds drawn across a front's latency range. */
final class FrontRequests {
    private FrontRequests() {
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
