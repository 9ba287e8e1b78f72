package io.dynasplit.selection.front;

import io.dynasplit.contracts.ConfigurationSpace;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.testbed.Prediction;
import io.dynasplit.testbed.TestbedModel;

import java.util.Comparator;
import java.util.List;

/** Every valid configuration of a model on a testbed, with the testbed's noise-free prediction. */
public record ProfiledSpace(ModelDescriptor model, TestbedModel testbed, List<Prediction> predictions) {

    public ProfiledSpace {
        predictions = List.copyOf(predictions);
        if (predictions.isEmpty()) {
            throw new IllegalArgumentException("no valid configuration of " + model.name());
        }
    }

    public static ProfiledSpace of(ModelDescriptor model, TestbedModel testbed) {
        if (!testbed.supports(model)) {
            throw new IllegalArgumentException("testbed '" + testbed.id() + "' has no figures for model " + model.name());
        }
        List<SplitConfig> configs = ConfigurationSpace.enumerate(model, testbed.cpuFrequenciesMhz());
        return new ProfiledSpace(model, testbed, configs.stream().map(testbed::predict).toList());
    }

    public List<SplitConfig> configs() {
        return predictions.stream().map(Prediction::config).toList();
    }

    /** The lowest predicted latency over the space (the paper's threshold minimum). */
    public Prediction fastest() {
        return predictions.stream().min(Comparator.comparingDouble(Prediction::latencyMs)).orElseThrow();
    }

    /** The highest predicted latency over the space (the paper's threshold maximum). */
    public Prediction slowest() {
        return predictions.stream().max(Comparator.comparingDouble(Prediction::latencyMs)).orElseThrow();
    }

    public int topFrequencyMhz() {
        List<Integer> f = testbed.cpuFrequenciesMhz();
        return f.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }
}
