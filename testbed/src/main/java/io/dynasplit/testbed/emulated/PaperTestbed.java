package io.dynasplit.testbed.emulated;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.testbed.CloudEnergyAccounting;
import io.dynasplit.testbed.Prediction;
import io.dynasplit.testbed.TestbedModel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The paper's testbed, emulated: a Raspberry Pi 4 with a Coral USB Edge TPU ({@code paper-pi4-coral}), a ~900 W
 * Grid'5000 GPU node ({@code paper-gpu-node}) and the WAN between them, fitted to the authors' measured medians
 * (see {@link PaperProfileFit}). Predicts any valid configuration of vgg16 and vit-b16 from per-layer costs,
 * frequency and accelerator scaling, a transfer line and power models; resnet50, mobilenetv2 and fmnist-cnn are
 * scaled from their shapes and are not calibrated.
 *
 * <p>Immutable and thread-safe. The fit runs once per JVM for the bundled data (a few milliseconds).
 */
public final class PaperTestbed implements TestbedModel {
    public static final String ID = "paper";
    public static final String EDGE_DEVICE_CLASS = "paper-pi4-coral";
    public static final String CLOUD_PROFILE = "paper-gpu-node";

    private final PaperProfile profile;
    private final CloudEnergyAccounting accounting;
    /** Per network, the factor on the paper's CVs that makes the median configuration's sampled CV the paper's. */
    private final Map<String, Double> spreadScale;

    /** Fitted to the bundled calibration tables, whole-node cloud energy (as the paper). */
    public PaperTestbed() {
        this(CloudEnergyAccounting.WHOLE_NODE);
    }

    public PaperTestbed(CloudEnergyAccounting accounting) {
        this(BundledProfile.INSTANCE, accounting);
    }

    public PaperTestbed(PaperProfile profile, CloudEnergyAccounting accounting) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.accounting = Objects.requireNonNull(accounting, "accounting");
        this.spreadScale = new HashMap<>();
        for (String model : profile.networks().keySet()) {
            spreadScale.put(model, spreadScale(model));
        }
    }

    private PaperTestbed(PaperTestbed other, CloudEnergyAccounting accounting) {
        this.profile = other.profile;
        this.accounting = accounting;
        this.spreadScale = other.spreadScale;
    }

    /** The profile fitted to the bundled calibration tables (fitted once, shared). */
    public static PaperProfile bundledProfile() {
        return BundledProfile.INSTANCE;
    }

    public PaperTestbed withAccounting(CloudEnergyAccounting other) {
        return other == accounting ? this : new PaperTestbed(this, other);
    }

    public PaperProfile profile() {
        return profile;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String edgeDeviceClass() {
        return EDGE_DEVICE_CLASS;
    }

    @Override
    public String cloudProfile() {
        return CLOUD_PROFILE;
    }

    @Override
    public CloudEnergyAccounting cloudEnergyAccounting() {
        return accounting;
    }

    @Override
    public List<Integer> cpuFrequenciesMhz() {
        return profile.cpuFrequenciesMhz();
    }

    @Override
    public boolean supports(ModelDescriptor model) {
        NetworkCosts costs = profile.networks().get(model.name());
        return costs != null && costs.shape().lastLayer() == model.lastLayer();
    }

    /** True when the paper measured this model (vgg16, vit-b16); the others are scaled from their shapes. */
    public boolean isCalibrated(String model) {
        NetworkCosts costs = profile.networks().get(model);
        return costs != null && costs.calibrated();
    }

    @Override
    public Prediction predict(SplitConfig config) {
        SplitConfig c = requireValid(config);
        return parts(c, c.cpuMhz(), 1, 1, 1);
    }

    @Override
    public Prediction sample(SplitConfig config, RandomGenerator rng) {
        SplitConfig c = requireValid(config);
        NetworkCosts costs = profile.network(c.model());
        RunSpread spread = costs.spread();
        double scale = spreadScale.get(c.model());
        double configFactor = configSpread(c, spread.configSigma());
        double latencyCv = spread.latencyCv() * scale * configFactor;
        double powerCv = spread.powerCv(scale) * configFactor;
        // the paper's 800 MHz runs sometimes ran at a higher clock: the frequency had not taken
        int effectiveMhz = c.cpuMhz();
        double stale = profile.staleFrequencyProbability().getOrDefault(c.cpuMhz(), 0.0);
        if (stale > 0 && c.layer() > 0 && rng.nextDouble() < stale) {
            effectiveMhz = profile.maxMhz();
        }
        double latencyFactor = Math.max(0.3, 1 + latencyCv * rng.nextGaussian());
        double powerFactor = Math.max(0.3, 1 + powerCv * rng.nextGaussian());
        return parts(c, effectiveMhz, latencyFactor, latencyFactor, powerFactor);
    }

    @Override
    public double reconfigurationMs(SplitConfig from, SplitConfig to) {
        return profile.reconfiguration().medianMs(from, to);
    }

    @Override
    public double sampleReconfigurationMs(SplitConfig from, SplitConfig to, RandomGenerator rng) {
        return profile.reconfiguration().sampleMs(from, to, rng);
    }

    @Override
    public double edgeIdleWatts() {
        return profile.network(PaperProfileFit.REFERENCE).power().waitWatts(AcceleratorMode.OFF, profile.maxMhz());
    }

    @Override
    public double edgeIdleWatts(SplitConfig config) {
        SplitConfig c = requireValid(config);
        return profile.network(c.model()).power().waitWatts(c.edgeAccelerator(), c.cpuMhz());
    }

    @Override
    public double transferMs(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
        }
        return profile.transfer().ms(bytes / 1024.0);
    }

    /** Edge board power (W) while it computes this configuration's head. */
    public double edgeActiveWatts(SplitConfig config) {
        SplitConfig c = requireValid(config);
        return profile.network(c.model()).power().activeWatts(c.edgeAccelerator(), c.cpuMhz());
    }

    /** The figures of one run; factors 1 give the median. Waiting power stays the configured one (see edgeIdleWatts). */
    private Prediction parts(SplitConfig c, int effectiveMhz, double edgeFactor, double cloudSideFactor,
                             double powerFactor) {
        NetworkCosts costs = profile.network(c.model());
        NetworkShape shape = costs.shape();
        int l = c.layer();
        boolean edgeOnly = l >= shape.lastLayer();
        double edgeMs = costs.edge(c.edgeAccelerator()).ms(l, effectiveMhz, profile.maxMhz()) * edgeFactor;
        double tensorKb = shape.tensorKb(l);
        double transferMs = edgeOnly ? 0 : profile.transfer().ms(tensorKb) * cloudSideFactor;
        CloudCurve cloud = costs.cloud(c.cloudGpu());
        double cloudMs = edgeOnly ? 0 : cloud.ms(l) * cloudSideFactor;
        double activeW = costs.power().activeWatts(c.edgeAccelerator(), effectiveMhz) * powerFactor;
        double waitW = costs.power().waitWatts(c.edgeAccelerator(), c.cpuMhz());
        double edgeJ = (activeW * edgeMs + waitW * (transferMs + cloudMs)) / 1000;
        double cloudJ = cloud.energyJ(cloudMs, accounting) * powerFactor;
        return new Prediction(c, edgeMs, transferMs, cloudMs, edgeJ, cloudJ, tensorKb,
                costs.accuracy(l, c.edgeAccelerator()));
    }

    /**
     * The paper's median CV is over its configurations, including those whose frequency sometimes did not take
     * (far noisier). Scales the per-configuration CVs so that the median over this network's configurations of
     * sqrt(cv^2 + stale share) comes out at the paper's figure.
     */
    private double spreadScale(String model) {
        NetworkCosts costs = profile.network(model);
        List<SplitConfig> configs = configurations(Models.require(model));
        double[] base = new double[configs.size()];
        double[] staleVar = new double[configs.size()];
        for (int i = 0; i < configs.size(); i++) {
            SplitConfig c = configs.get(i);
            base[i] = costs.spread().latencyCv() * configSpread(c, costs.spread().configSigma());
            double p = c.layer() == 0 ? 0 : profile.staleFrequencyProbability().getOrDefault(c.cpuMhz(), 0.0);
            double effect = 1 - parts(c, profile.maxMhz(), 1, 1, 1).latencyMs() / parts(c, c.cpuMhz(), 1, 1, 1).latencyMs();
            staleVar[i] = effect * effect * p * (1 - p);
        }
        double lo = 0;
        double hi = 4;
        for (int iter = 0; iter < 60; iter++) {
            double mid = (lo + hi) / 2;
            double[] cv = new double[base.length];
            for (int i = 0; i < base.length; i++) {
                cv[i] = Math.sqrt(mid * mid * base[i] * base[i] + staleVar[i]);
            }
            if (Stats.median(cv) > costs.spread().latencyCv()) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** A configuration's own spread multiplier, fixed by its identity so a noisy configuration stays noisy. */
    private static double configSpread(SplitConfig c, double sigma) {
        double z = new SplittableRandom(c.label().hashCode() * 0x9E3779B97F4A7C15L).nextGaussian();
        return Math.exp(sigma * Math.max(-3, Math.min(3, z)));
    }

    private SplitConfig requireValid(SplitConfig config) {
        validate(config).ifPresent(reason -> {
            throw new IllegalArgumentException("invalid configuration " + config.label() + ": " + reason);
        });
        return Models.require(config.model()).canonical(config);
    }

    private static final class BundledProfile {
        static final PaperProfile INSTANCE = PaperProfileFit.fit(CalibrationData.bundled());
    }
}
