package io.dynasplit.testbed.emulated;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.testbed.CloudEnergyAccounting;
import io.dynasplit.testbed.Prediction;
import io.dynasplit.testbed.TestbedModel;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A testbed whose devices have drifted: what a node emulated on it runs, and what profiling it again finds; everything
 * else is {@code base}'s. Two kinds of drift:
 * <ul>
 *   <li>{@link #perConfiguration}: each configuration in the map takes that many times its latency and energy, every
 *   part of the run (the simulation's {@code drift} scenarios);</li>
 *   <li>{@link #board}: the edge board runs every head that many times slower and its energy while computing grows
 *   alike; transfer, cloud and the board's waiting draw are unchanged (an emulated edge node told to drift).</li>
 * </ul>
 */
public final class DriftedTestbed implements TestbedModel {
    private final TestbedModel base;
    private final Map<SplitConfig, Double> factors;
    private final double boardFactor;

    private DriftedTestbed(TestbedModel base, Map<SplitConfig, Double> factors, double boardFactor) {
        this.base = Objects.requireNonNull(base, "base");
        this.factors = Map.copyOf(factors);
        this.factors.forEach((c, f) -> checkFactor(f, c.label()));
        this.boardFactor = checkFactor(boardFactor, "the board");
    }

    /** Each configuration of {@code factors} slowed and made costlier by its factor, in every part of its run. */
    public static DriftedTestbed perConfiguration(TestbedModel base, Map<SplitConfig, Double> factors) {
        return new DriftedTestbed(base, factors, 1.0);
    }

    /** Every head on the edge board {@code factor} times slower, its computing energy alike; nothing else. */
    public static DriftedTestbed board(TestbedModel base, double factor) {
        return new DriftedTestbed(base, Map.of(), factor);
    }

    private static double checkFactor(double f, String what) {
        if (!(f > 0) || Double.isInfinite(f)) {
            throw new IllegalArgumentException("drift factor of " + what + " must be > 0, got " + f);
        }
        return f;
    }

    /** The whole-run factor of {@code config} (1 when it has none). */
    public double factor(SplitConfig config) {
        return factors.getOrDefault(config, 1.0);
    }

    @Override
    public Prediction predict(SplitConfig config) {
        return drifted(base.predict(config));
    }

    @Override
    public Prediction sample(SplitConfig config, RandomGenerator rng) {
        return drifted(base.sample(config, rng));
    }

    private Prediction drifted(Prediction p) {
        double f = factor(p.config());
        if (f != 1.0) {
            p = new Prediction(p.config(), p.edgeLatencyMs() * f, p.transferMs() * f, p.cloudLatencyMs() * f,
                    p.edgeEnergyJ() * f, p.cloudEnergyJ() * f, p.tensorKb(), p.accuracy(), p.source());
        }
        if (boardFactor == 1.0 || !p.config().setsEdgeKnobs()) {
            return p;
        }
        // the board's energy is its draw while computing the head plus its waiting draw over transfer and cloud
        double waitingJ = base.edgeIdleWatts(p.config()) * (p.transferMs() + p.cloudLatencyMs()) / 1000;
        double computingJ = Math.max(0, p.edgeEnergyJ() - waitingJ);
        return new Prediction(p.config(), p.edgeLatencyMs() * boardFactor, p.transferMs(), p.cloudLatencyMs(),
                computingJ * boardFactor + waitingJ, p.cloudEnergyJ(), p.tensorKb(), p.accuracy(), p.source());
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
