package io.dynasplit.optimizer;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.optimizer.evaluation.ConfigurationEvaluator;
import io.dynasplit.optimizer.evaluation.Measurement;
import io.dynasplit.optimizer.evaluation.ProfileEvaluator;
import io.dynasplit.testbed.TestbedModel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A profile evaluator that counts how often each configuration is measured. */
public final class CountingEvaluator implements ConfigurationEvaluator {
    private final ProfileEvaluator delegate;
    private final boolean free;
    public final Map<SplitConfig, Integer> calls = new HashMap<>();

    public CountingEvaluator(TestbedModel testbed, boolean freeToEnumerate) {
        this.delegate = new ProfileEvaluator(testbed);
        this.free = freeToEnumerate;
    }

    @Override
    public String id() {
        return "counting";
    }

    @Override
    public String deviceClass() {
        return delegate.deviceClass();
    }

    @Override
    public List<Integer> cpuFrequenciesMhz() {
        return delegate.cpuFrequenciesMhz();
    }

    @Override
    public String hardwareIdentity() {
        return delegate.hardwareIdentity();
    }

    @Override
    public Measurement evaluate(SplitConfig config) {
        calls.merge(config, 1, Integer::sum);
        return delegate.evaluate(config);
    }

    @Override
    public boolean freeToEnumerate() {
        return free;
    }

    public int total() {
        return calls.values().stream().mapToInt(Integer::intValue).sum();
    }
}
