package io.dynasplit.testbed;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.SplitConfig;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A model of an edge device, a cloud node and the network between them that predicts what a configuration costs.
 * The emulated paper testbed implements it; the scheduler, {@code simulate} and the optimizer's profile evaluator
 * all use it, so none of them has its own cost model.
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

    /** Edge board power (W) while it idles or waits for the cloud. */
    double edgeIdleWatts();
}
