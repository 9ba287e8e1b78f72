package io.dynasplit.selection.scenario;

import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.testbed.Prediction;

import java.util.ArrayList;
import java.util.List;

/**
 * A front whose entry for {@code config} was profiled {@code factor} times too fast, as the paper's ViT entry (800 MHz,
 * layer 8, cloud GPU: 1434 ms profiled, about 2750 ms online): its latency and energy are the run's divided by the
 * factor (a profiling run that took 1/factor of the time spent about 1/factor of the energy). The entry is added when
 * the front lacks it.
 */
public record StaleProfile(SplitConfig config, double factor) {

    public ParetoFront applyTo(ParetoFront front, Prediction truth) {
        List<ParetoEntry> entries = new ArrayList<>(front.entries().stream()
                .filter(e -> !e.config().equals(config)).toList());
        entries.add(new ParetoEntry(config, truth.latencyMs() / factor, truth.energyJ() / factor,
                truth.accuracy()));
        return new ParetoFront(front.schemaVersion(), front.model(), front.deviceClass(), front.version(),
                front.createdAt(), front.provenance(), entries);
    }
}
