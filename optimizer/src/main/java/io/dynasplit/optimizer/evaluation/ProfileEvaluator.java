package io.dynasplit.optimizer.evaluation;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.testbed.Prediction;
import io.dynasplit.testbed.TestbedModel;

import java.util.List;
import java.util.Objects;

/** Evaluates a configuration with an emulated testbed's noise-free (median) prediction. */
public final class ProfileEvaluator implements ConfigurationEvaluator {
    private final TestbedModel testbed;

    public ProfileEvaluator(TestbedModel testbed) {
        this.testbed = Objects.requireNonNull(testbed, "testbed");
    }

    public TestbedModel testbed() {
        return testbed;
    }

    @Override
    public String id() {
        return "profile:" + testbed.id();
    }

    @Override
    public String deviceClass() {
        return testbed.edgeDeviceClass();
    }

    @Override
    public List<Integer> cpuFrequenciesMhz() {
        return testbed.cpuFrequenciesMhz();
    }

    @Override
    public String hardwareIdentity() {
        return "emulated:" + testbed.id() + "/" + testbed.edgeDeviceClass() + "+" + testbed.cloudProfile()
                + " (" + testbed.cloudEnergyAccounting().wireName() + " cloud energy)";
    }

    @Override
    public Measurement evaluate(SplitConfig config) {
        Prediction p = testbed.predict(config);
        return new Measurement(config, p.latencyMs(), p.energyJ(), p.accuracy());
    }

    /** The testbed's prediction has an accuracy for the model ({@link ConfigurationEvaluator#accuracyProbe}). */
    @Override
    public boolean knowsAccuracy(ModelDescriptor model) {
        return !Double.isNaN(testbed.predict(ConfigurationEvaluator.accuracyProbe(model, cpuFrequenciesMhz())).accuracy());
    }

    @Override
    public boolean freeToEnumerate() {
        return true;
    }
}
