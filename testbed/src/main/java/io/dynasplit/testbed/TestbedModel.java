package io.dynasplit.testbed;

import io.dynasplit.contracts.ConfigurationSpace;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.SplitConfig;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A model of an edge device, a cloud node and the network between them that predicts what a configuration costs.
 * The emulated paper testbed implements it; the scheduler, {@code simulate} and the optimizer's profile evaluator
 * all use it, so none of them has its own cost model.
 *
 * <p>Energy semantics: {@link Prediction#edgeEnergyJ()} is the edge board's energy over the edge's whole window
 * (head compute and waiting for transfer and cloud), as the paper measures it. The head's compute-only share is
 * {@code edgeEnergyJ - edgeIdleWatts(config) * (transferMs + cloudLatencyMs) / 1000}, exactly, for predictions and
 * samples alike.
 */
public interface TestbedModel {

    /** Short id, e.g. {@code paper}. */
    String id();

    /** The edge device class this testbed describes, e.g. {@code paper-pi4-coral}. Fronts are stored per class. */
    String edgeDeviceClass();

    /** The edge CPU frequencies that can be set, ascending. */
    List<Integer> cpuFrequenciesMhz();

    /** True when the testbed has numbers for this model. */
    boolean supports(ModelDescriptor model);

    /** Noise-free (median) prediction of a valid configuration. */
    Prediction predict(SplitConfig config);

    /** One run's figures: the prediction with the run-to-run spread the real devices show, drawn from {@code rng}. */
    Prediction sample(SplitConfig config, RandomGenerator rng);

    /** Device time (ms) to switch the edge from {@code from} to {@code to}; 0 when no edge knob changes. */
    double reconfigurationMs(SplitConfig from, SplitConfig to);

    /**
     * Edge board power (W) while it idles or waits for the cloud, for the testbed's reference knobs (accelerator
     * off, highest CPU frequency). Prefer {@link #edgeIdleWatts(SplitConfig)}: waiting power depends on the knobs.
     */
    double edgeIdleWatts();

    /** The cloud node profile, e.g. {@code paper-gpu-node}. */
    default String cloudProfile() {
        return "unknown";
    }

    /** How this instance counts cloud energy in its predictions. */
    default CloudEnergyAccounting cloudEnergyAccounting() {
        return CloudEnergyAccounting.WHOLE_NODE;
    }

    /**
     * Edge board power (W) while it waits for the cloud with this configuration's knobs (CPU clock, accelerator
     * powered or not). This is the figure the edge-energy identity above uses.
     */
    default double edgeIdleWatts(SplitConfig config) {
        return edgeIdleWatts();
    }

    /**
     * Provenance of the edge figures of {@code model} on this testbed, e.g. {@code emulated:paper-pi4-coral}, or
     * {@code estimated:paper-pi4-coral} for a network priced from its split point table alone.
     */
    default String edgeSource(String model) {
        return "emulated:" + edgeDeviceClass();
    }

    /** Provenance of the cloud figures of {@code model}, e.g. {@code emulated:paper-gpu-node}. */
    default String cloudSource(String model) {
        return "emulated:" + cloudProfile();
    }

    /** Network time (ms) to ship {@code bytes} of intermediate tensor from the edge to the cloud. */
    default double transferMs(long bytes) {
        throw new UnsupportedOperationException("testbed " + id() + " has no network model");
    }

    /** One reconfiguration's device time (ms), drawn from the measured spread; its median is {@link #reconfigurationMs}. */
    default double sampleReconfigurationMs(SplitConfig from, SplitConfig to, RandomGenerator rng) {
        return reconfigurationMs(from, to);
    }

    /** Why {@code config} cannot run on this testbed, or empty when it can. */
    default Optional<String> validate(SplitConfig config) {
        Optional<ModelDescriptor> model = Models.find(config.model());
        if (model.isEmpty()) {
            return Optional.of("unknown model '" + config.model() + "'");
        }
        if (!supports(model.get())) {
            return Optional.of("testbed " + id() + " has no numbers for model " + config.model());
        }
        Optional<String> reason = model.get().validate(config);
        if (reason.isPresent()) {
            return reason;
        }
        if (!cpuFrequenciesMhz().contains(config.cpuMhz())) {
            return Optional.of("cpu frequency " + config.cpuMhz() + " MHz is not one of " + edgeDeviceClass()
                    + "'s " + cpuFrequenciesMhz());
        }
        return Optional.empty();
    }

    /** Every valid, canonical configuration of {@code model} on this testbed. */
    default List<SplitConfig> configurations(ModelDescriptor model) {
        return ConfigurationSpace.enumerate(model, cpuFrequenciesMhz());
    }
}
