package io.dynasplit.optimizer.evaluation;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.SplitConfig;

import java.util.List;

/**
 * Measures what a valid, canonical configuration costs. The search calls it at most once per configuration.
 * Implementations: {@link ProfileEvaluator} (an emulated testbed's noise-free prediction, instant) and
 * {@link LiveEvaluator} (real inferences through the running Kafka pipeline, as the paper measured).
 */
public interface ConfigurationEvaluator extends AutoCloseable {

    /** Provenance name: {@code profile:<testbed>} or {@code live}. */
    String id();

    /** The edge device class whose configurations this evaluator measures; fronts are stored per class. */
    String deviceClass();

    /** The edge CPU frequencies that can be set on that device class, ascending. */
    List<Integer> cpuFrequenciesMhz();

    /** What was measured: the emulated profile, or the real devices and meters. */
    String hardwareIdentity();

    Measurement evaluate(SplitConfig config);

    /**
     * Whether this evaluator's measurements of {@code model} carry an accuracy. Where they do not (a testbed profile
     * without accuracy figures for the model, a live run without an accuracy source), accuracy cannot be an objective.
     */
    default boolean knowsAccuracy(ModelDescriptor model) {
        return true;
    }

    /** The configuration an evaluator asks about accuracy: a head on the edge (layer 1, lowest clock, CPU only). */
    static SplitConfig accuracyProbe(ModelDescriptor model, List<Integer> cpuFrequenciesMhz) {
        return new SplitConfig(model.name(), 1, cpuFrequenciesMhz.get(0), AcceleratorMode.OFF, true);
    }

    /**
     * True when measuring the whole space costs nothing (an emulated profile), so every run can be scored against
     * the exhaustive front.
     */
    default boolean freeToEnumerate() {
        return false;
    }

    @Override
    default void close() {
    }
}
