package io.dynasplit.selection.testing;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.testbed.Prediction;
import io.dynasplit.testbed.TestbedModel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A small, made-up testbed with the paper's shape: the cloud is fast and costs ~900 W, the edge is slow and frugal,
 * the accelerator speeds up the edge. Samples carry log-normal noise; a configuration can be made to run slower than
 * predicted (as the paper's ViT 800 MHz / l = 8 did).
 */
public final class FakeTestbed implements TestbedModel {
    public static final double CPU_CHANGE_MS = 120;
    public static final double ACCELERATOR_CHANGE_MS = 900;

    private final double noiseCv;
    private final Map<SplitConfig, Double> slowdown = new HashMap<>();

    public FakeTestbed(double noiseCv) {
        this.noiseCv = noiseCv;
    }

    /** {@code config} runs {@code factor} times slower than predicted. */
    public FakeTestbed slow(SplitConfig config, double factor) {
        slowdown.put(config, factor);
        return this;
    }

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public String edgeDeviceClass() {
        return "fake-edge";
    }

    @Override
    public List<Integer> cpuFrequenciesMhz() {
        return List.of(600, 1200, 1800);
    }

    @Override
    public boolean supports(ModelDescriptor model) {
        return model == Models.VGG16 || model == Models.VIT_B16;
    }

    @Override
    public Prediction predict(SplitConfig c) {
        ModelDescriptor m = Models.require(c.model());
        int last = m.lastLayer();
        double speed = 1800.0 / c.cpuMhz();
        double accelerator = switch (c.edgeAccelerator()) {
            case OFF -> 1.0;
            case STD -> 0.26;
            case MAX -> 0.24;
        };
        double edgeMs = 8 + c.layer() * 70.0 * speed * accelerator;
        double transferMs = c.layer() >= last ? 0 : 10 + 400.0 / (1 + c.layer());
        double cloudMs = c.layer() >= last ? 0 : (last - c.layer()) * 3.5 * (c.cloudGpu() ? 1 : 2.3);
        double edgeWatts = 3.5 + 0.5 * (c.cpuMhz() / 1800.0) + (c.edgeAccelerator() == AcceleratorMode.OFF ? 0 : 1.5);
        double edgeJ = (edgeMs + transferMs + cloudMs) * edgeWatts / 1000;
        double cloudJ = cloudMs * (c.cloudGpu() ? 900 : 940) / 1000;
        double accuracy = 0.60 + 0.0005 * (c.layer() % 7);
        return new Prediction(c, edgeMs, transferMs, cloudMs, edgeJ, cloudJ, 100, accuracy);
    }

    @Override
    public Prediction sample(SplitConfig config, RandomGenerator rng) {
        Prediction p = predict(config);
        double f = slowdown.getOrDefault(config, 1.0) * Math.exp(noiseCv * rng.nextGaussian());
        double g = Math.exp(noiseCv * rng.nextGaussian());
        return new Prediction(config, p.edgeLatencyMs() * f, p.transferMs() * f, p.cloudLatencyMs() * f,
                p.edgeEnergyJ() * g * slowdown.getOrDefault(config, 1.0), p.cloudEnergyJ() * g, p.tensorKb(),
                p.accuracy());
    }

    @Override
    public double reconfigurationMs(SplitConfig from, SplitConfig to) {
        if (from == null) {
            return CPU_CHANGE_MS + ACCELERATOR_CHANGE_MS;
        }
        return (from.cpuMhz() != to.cpuMhz() ? CPU_CHANGE_MS : 0)
                + (from.edgeAccelerator() != to.edgeAccelerator() ? ACCELERATOR_CHANGE_MS : 0);
    }

    @Override
    public double edgeIdleWatts() {
        return 3.5;
    }
}
