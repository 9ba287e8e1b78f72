package io.dynasplit.selection.testing;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.FrontProvenance;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.SplitConfig;

import java.time.Instant;
import java.util.List;

/** Small hand-made fronts for tests. */
public final class Fronts {
    private Fronts() {
    }

    public static ParetoFront of(ParetoEntry... entries) {
        return of(1, List.of(entries));
    }

    public static ParetoFront of(long version, List<ParetoEntry> entries) {
        return new ParetoFront(ParetoFront.SCHEMA_VERSION, "vgg16", "fake-edge", version, Instant.EPOCH,
                new FrontProvenance("test", 0, 0, entries.size(), 0, "test", null, null), entries);
    }

    public static ParetoEntry entry(int layer, int mhz, AcceleratorMode mode, boolean gpu, double latencyMs,
                                    double energyJ) {
        return entry(layer, mhz, mode, gpu, latencyMs, energyJ, Double.NaN);
    }

    public static ParetoEntry entry(int layer, int mhz, AcceleratorMode mode, boolean gpu, double latencyMs,
                                    double energyJ, double accuracy) {
        return new ParetoEntry(new SplitConfig("vgg16", layer, mhz, mode, gpu), latencyMs, energyJ, accuracy);
    }
}
