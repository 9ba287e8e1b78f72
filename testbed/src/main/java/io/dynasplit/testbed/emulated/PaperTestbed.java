package io.dynasplit.testbed.emulated;

import io.dynasplit.statistics.Quantiles;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.ConfigurationSpace;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.contracts.WireDtype;
import io.dynasplit.testbed.CloudEnergyAccounting;
import io.dynasplit.testbed.Prediction;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.estimate.EstimatedNetwork;
import io.dynasplit.testbed.estimate.EstimatedNetworks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * The paper's testbed, emulated: a Raspberry Pi 4 with a Coral USB Edge TPU ({@code paper-pi4-coral}), a ~900 W
 * Grid'5000 GPU node ({@code paper-gpu-node}) and the WAN between them, fitted to the authors' measured medians
 * (see {@link PaperProfileFit}). Predicts any valid configuration of vgg16 and vit-b16 from per-layer costs,
 * frequency and accelerator scaling, a transfer line and power models; resnet50, mobilenetv2 and fmnist-cnn are
 * scaled from their shapes and are not calibrated. A network registered with {@link EstimatedNetworks} (an imported
 * model: its split point table) is priced the same way from its MACs and bytes, on the edge CPU only, and every
 * figure of it is labelled {@code estimated:} (docs/estimate.md: how far to trust it).
 *
 * <p>Thread-safe. The fit runs once per JVM for the bundled data (a few milliseconds); a registered network's costs
 * are worked out on first use and again when it is registered anew.
 */
public final class PaperTestbed implements TestbedModel {
    public static final String ID = "paper";
    public static final String EDGE_DEVICE_CLASS = "paper-pi4-coral";
    public static final String CLOUD_PROFILE = "paper-gpu-node";

    private final PaperProfile profile;
    private final CloudEnergyAccounting accounting;
    /** Per network, the factor on the paper's CVs that makes the median configuration's sampled CV the paper's. */
    private final Map<String, Double> spreadScale;
    /** Registered networks' costs, by model, as last worked out (shared by the accounting variants). */
    private final Map<String, Estimate> estimates;

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
        for (Map.Entry<String, NetworkCosts> n : profile.networks().entrySet()) {
            spreadScale.put(n.getKey(), spreadScale(n.getValue(), Models.require(n.getKey())));
        }
        this.estimates = new ConcurrentHashMap<>();
    }

    private PaperTestbed(PaperTestbed other, CloudEnergyAccounting accounting) {
        this.profile = other.profile;
        this.accounting = accounting;
        this.spreadScale = other.spreadScale;
        this.estimates = other.estimates;
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
        return costs(model.name()).filter(c -> c.shape().lastLayer() == model.lastLayer()).isPresent();
    }

    /** True when the paper measured this model (vgg16, vit-b16); the others are scaled from their shapes. */
    public boolean isCalibrated(String model) {
        return costs(model).filter(NetworkCosts::calibrated).isPresent();
    }

    /** True when this model is priced from a split point table registered with {@link EstimatedNetworks}. */
    public boolean isEstimated(String model) {
        return !profile.networks().containsKey(model) && estimate(model).isPresent();
    }

    /** {@code estimated:paper-pi4-coral} for a registered network, else {@code emulated:paper-pi4-coral}. */
    @Override
    public String edgeSource(String model) {
        return sourceKind(model) + EDGE_DEVICE_CLASS;
    }

    /** {@code estimated:paper-gpu-node} for a registered network, else {@code emulated:paper-gpu-node}. */
    @Override
    public String cloudSource(String model) {
        return sourceKind(model) + CLOUD_PROFILE;
    }

    /**
     * The testbed's checks, and for a registered network: its table must match its descriptor, and its head runs on
     * the edge CPU only (the estimate has no Edge TPU).
     */
    @Override
    public Optional<String> validate(SplitConfig config) {
        Optional<String> mismatch = tableMismatch(config.model());
        if (mismatch.isPresent()) {
            return mismatch;
        }
        Optional<String> reason = TestbedModel.super.validate(config);
        if (reason.isEmpty() && config.edgeAccelerator() != AcceleratorMode.OFF && isEstimated(config.model())) {
            return Optional.of("model " + config.model() + " is estimated from its split point table, which prices "
                    + "the edge CPU only: the edge accelerator must be off");
        }
        return reason;
    }

    /** Every valid configuration the testbed can price (a registered network's: edge accelerator off). */
    @Override
    public List<SplitConfig> configurations(ModelDescriptor model) {
        return costs(model.name()).map(c -> priced(c, model)).orElseGet(() -> TestbedModel.super.configurations(model));
    }

    /** Why a registered network's split point table cannot serve its descriptor, or empty. */
    private Optional<String> tableMismatch(String model) {
        EstimatedNetwork network = profile.networks().containsKey(model) ? null
                : EstimatedNetworks.find(model).orElse(null);
        ModelDescriptor descriptor = Models.find(model).orElse(null);
        if (network == null || descriptor == null || network.lastLayer() == descriptor.lastLayer()) {
            return Optional.empty();
        }
        return Optional.of("the split point table registered for " + model + " ends at layer " + network.lastLayer()
                + ", its descriptor at " + descriptor.lastLayer());
    }

    @Override
    public Prediction predict(SplitConfig config) {
        SplitConfig c = requireValid(config);
        return parts(c, c.cpuMhz(), 1, 1, 1);
    }

    @Override
    public Prediction sample(SplitConfig config, RandomGenerator rng) {
        SplitConfig c = requireValid(config);
        NetworkCosts costs = network(c.model());
        RunSpread spread = costs.spread();
        double scale = spreadScale.containsKey(c.model()) ? spreadScale.get(c.model())
                : estimate(c.model()).orElseThrow().spreadScale();
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
        return profile.network(profile.reference()).power().waitWatts(AcceleratorMode.OFF, profile.maxMhz());
    }

    @Override
    public double edgeIdleWatts(SplitConfig config) {
        SplitConfig c = requireValid(config);
        return network(c.model()).power().waitWatts(c.edgeAccelerator(), c.cpuMhz());
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
        return network(c.model()).power().activeWatts(c.edgeAccelerator(), c.cpuMhz());
    }

    /** The figures of one run; factors 1 give the median. Waiting power stays the configured one (see edgeIdleWatts). */
    private Prediction parts(SplitConfig c, int effectiveMhz, double edgeFactor, double cloudSideFactor,
                             double powerFactor) {
        return parts(profile, network(c.model()), accounting, sourceKind(c.model()) + ID, c, effectiveMhz, edgeFactor,
                cloudSideFactor, powerFactor);
    }

    /** The median figures of a valid configuration of {@code costs}' network (the estimate check uses it as well). */
    static Prediction median(PaperProfile profile, NetworkCosts costs, CloudEnergyAccounting accounting, String source,
                             SplitConfig c) {
        return parts(profile, costs, accounting, source, c, c.cpuMhz(), 1, 1, 1);
    }

    private static Prediction parts(PaperProfile profile, NetworkCosts costs, CloudEnergyAccounting accounting,
                                    String source, SplitConfig c, int effectiveMhz, double edgeFactor,
                                    double cloudSideFactor, double powerFactor) {
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
                costs.accuracy(l, c.edgeAccelerator()), source);
    }

    /**
     * The paper's median CV is over its configurations, including those whose frequency sometimes did not take
     * (far noisier). Scales the per-configuration CVs so that the median over this network's configurations of
     * sqrt(cv^2 + stale share) comes out at the paper's figure.
     */
    private double spreadScale(NetworkCosts costs, ModelDescriptor model) {
        List<SplitConfig> configs = priced(costs, model);
        double[] base = new double[configs.size()];
        double[] staleVar = new double[configs.size()];
        for (int i = 0; i < configs.size(); i++) {
            SplitConfig c = configs.get(i);
            base[i] = costs.spread().latencyCv() * configSpread(c, costs.spread().configSigma());
            double p = c.layer() == 0 ? 0 : profile.staleFrequencyProbability().getOrDefault(c.cpuMhz(), 0.0);
            double top = parts(profile, costs, accounting, "", c, profile.maxMhz(), 1, 1, 1).latencyMs();
            double effect = 1 - top / median(profile, costs, accounting, "", c).latencyMs();
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
            if (Quantiles.median(cv) > costs.spread().latencyCv()) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** The model's valid configurations whose accelerator mode {@code costs} can price. */
    private List<SplitConfig> priced(NetworkCosts costs, ModelDescriptor model) {
        return ConfigurationSpace.enumerate(model, cpuFrequenciesMhz()).stream()
                .filter(c -> costs.edge().containsKey(c.edgeAccelerator())).toList();
    }

    /** The costs of a model: the profile's own, else a registered network's estimate. */
    private Optional<NetworkCosts> costs(String model) {
        NetworkCosts own = profile.networks().get(model);
        return own != null ? Optional.of(own) : estimate(model).map(Estimate::costs);
    }

    private NetworkCosts network(String model) {
        return costs(model).orElseThrow(() -> new IllegalArgumentException(
                "the paper testbed has no costs for model '" + model + "' (neither built in nor registered)"));
    }

    private String sourceKind(String model) {
        return isEstimated(model) ? "estimated:" : "emulated:";
    }

    /**
     * The estimate of a registered network, worked out again when the network or its descriptor's wire dtype
     * changed since (a re-import); empty when it is not registered or its descriptor is unknown.
     */
    private Optional<Estimate> estimate(String model) {
        EstimatedNetwork network = EstimatedNetworks.find(model).orElse(null);
        ModelDescriptor descriptor = Models.find(model).orElse(null);
        if (network == null || descriptor == null || network.lastLayer() != descriptor.lastLayer()) {
            return Optional.empty();
        }
        Estimate known = estimates.get(model);
        if (known != null && known.isFor(network, descriptor)) {
            return Optional.of(known); // the hot path: no lock, no copy
        }
        return Optional.of(estimates.compute(model, (name, old) -> old != null && old.isFor(network, descriptor) ? old
                : estimate(network, descriptor)));
    }

    private Estimate estimate(EstimatedNetwork network, ModelDescriptor descriptor) {
        WireDtype dtype = descriptor.wireDtype();
        NetworkShape shape = NetworkShapes.of(network, dtype);
        NetworkCosts costs = network.top1().isEmpty() ? profile.floatHeadEstimator().costs(shape, false)
                : profile.floatHeadEstimator().costs(shape, network.top1().stream().mapToDouble(Double::doubleValue).toArray());
        return new Estimate(network, descriptor, costs, spreadScale(costs, descriptor));
    }

    /** A registered network's costs, with what they were worked out from. */
    private record Estimate(EstimatedNetwork network, ModelDescriptor descriptor, NetworkCosts costs,
                            double spreadScale) {

        /** Identity, not equality: a re-registration is a new instance, and this runs on every prediction. */
        boolean isFor(EstimatedNetwork n, ModelDescriptor d) {
            return network == n && descriptor == d;
        }
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
