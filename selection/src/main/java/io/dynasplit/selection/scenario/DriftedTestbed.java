package io.dynasplit.selection.scenario;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.testbed.CloudEnergyAccounting;
import io.dynasplit.testbed.Prediction;
import io.dynasplit.testbed.TestbedModel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A testbed whose devices have drifted: each configuration in {@code factors} takes that many times its latency and
 * energy on {@code base} (every part, as {@link Drift} scales a run), in predictions and sampled runs alike. What a
 * node emulated on it runs, and what profiling it again finds; everything else is {@code base}'s.
 */
public record DriftedTestbed(TestbedModel base, Map<SplitConfig, Double> factors) implements TestbedModel {

    public DriftedTestbed {
        factors = Map.copyOf(factors);
        factors.forEach((c, f) -> {
            if (!(f > 0) || Double.isInfinite(f)) {
                throw new IllegalArgumentException("drift factor of " + c.label() + " must be > 0, got " + f);
            }
        });
    }

    /** {@code base} as {@code drift} leaves it once the drift has begun. */
    public static DriftedTestbed of(TestbedModel base, Drift drift) {
        return new DriftedTestbed(base, drift.factors());
    }

    public double factor(SplitConfig config) {
        return factors.getOrDefault(config, 1.0);
    }

    @Override
    public Prediction predict(SplitConfig config) {
        return scaled(base.predict(config));
    }

    @Override
    public Prediction sample(SplitConfig config, RandomGenerator rng) {
        return scaled(base.sample(config, rng));
    }

    private Prediction scaled(Prediction p) {
        double f = factor(p.config());
        if (f == 1.0) {
            return p;
        }
        return new Prediction(p.config(), p.edgeLatencyMs() * f, p.transferMs() * f, p.cloudLatencyMs() * f,
                p.edgeEnergyJ() * f, p.cloudEnergyJ() * f, p.tensorKb(), p.accuracy(), p.source());
    }

    @Override
    public String id() {
        return base.id();
    }

    @Override
    public String edgeDeviceClass() {
        return base.edgeDeviceClass();
    }

    @Override
    public List<Integer> cpuFrequenciesMhz() {
        return base.cpuFrequenciesMhz();
    }

    @Override
    public boolean supports(ModelDescriptor model) {
        return base.supports(model);
    }

    @Override
    public double reconfigurationMs(SplitConfig from, SplitConfig to) {
        return base.reconfigurationMs(from, to);
    }

    @Override
    public double sampleReconfigurationMs(SplitConfig from, SplitConfig to, RandomGenerator rng) {
        return base.sampleReconfigurationMs(from, to, rng);
    }

    @Override
    public double edgeIdleWatts() {
        return base.edgeIdleWatts();
    }

    @Override
    public double edgeIdleWatts(SplitConfig config) {
        return base.edgeIdleWatts(config);
    }

    @Override
    public String cloudProfile() {
        return base.cloudProfile();
    }

    @Override
    public CloudEnergyAccounting cloudEnergyAccounting() {
        return base.cloudEnergyAccounting();
    }

    @Override
    public String edgeSource(String model) {
        return base.edgeSource(model);
    }

    @Override
    public String cloudSource(String model) {
        return base.cloudSource(model);
    }

    @Override
    public double transferMs(long bytes) {
        return base.transferMs(bytes);
    }

    @Override
    public Optional<String> validate(SplitConfig config) {
        return base.validate(config);
    }

    @Override
    public List<SplitConfig> configurations(ModelDescriptor model) {
        return base.configurations(model);
    }
}
