package io.dynasplit.optimizer;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.contracts.WireDtype;
import io.dynasplit.testbed.Prediction;
import io.dynasplit.testbed.TestbedModel;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A small synthetic testbed with the paper's trade-offs: the edge is slow but frugal, the accelerator is fast and
 * draws more, the cloud is fast but a ~900 W node, and early splits ship big tensors. Public with a no-argument
 * constructor so the CLI can load it by class name.
 */
public final class FakeTestbed implements TestbedModel {
    private final List<Integer> frequencies;

    public FakeTestbed() {
        this(List.of(600, 1200, 1800));
    }

    public FakeTestbed(List<Integer> frequencies) {
        this.frequencies = List.copyOf(frequencies);
    }

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public String edgeDeviceClass() {
        return "fake-board";
    }

    @Override
    public List<Integer> cpuFrequenciesMhz() {
        return frequencies;
    }

    @Override
    public boolean supports(ModelDescriptor model) {
        return Models.find(model.name()).isPresent();
    }

    @Override
    public Prediction predict(SplitConfig c) {
        ModelDescriptor model = Models.require(c.model());
        int last = model.lastLayer();
        double top = frequencies.get(frequencies.size() - 1);
        double speed = switch (c.edgeAccelerator()) {
            case OFF -> c.cpuMhz() / top;
            case STD -> 3.0;
            case MAX -> 4.0;
        };
        double edgeMs = 0;
        for (int l = 1; l <= c.layer(); l++) {
            edgeMs += layerMs(l, last) / speed;
        }
        double cloudMs = 0;
        for (int l = c.layer() + 1; l <= last; l++) {
            cloudMs += layerMs(l, last) / (c.cloudGpu() ? 40.0 : 5.0);
        }
        boolean edgeOnly = c.layer() >= last;
        if (!edgeOnly) {
            cloudMs += c.cloudGpu() ? 3.0 : 0.5;
        }
        double tensorKb = edgeOnly ? 0 : tensorKb(c.layer(), last, model.wireDtype());
        double transferMs = edgeOnly ? 0 : 5.0 + tensorKb / 60.0;
        double edgeWatts = 2.7 + 3.0 * Math.pow(c.cpuMhz() / top, 3)
                + (c.edgeAccelerator() == AcceleratorMode.MAX ? 3.0 : c.edgeAccelerator() == AcceleratorMode.STD ? 2.0 : 0);
        double edgeJ = (edgeWatts * edgeMs + 2.7 * (transferMs + cloudMs)) / 1000.0;
        double cloudJ = edgeOnly ? 0 : (c.cloudGpu() ? 900.0 : 940.0) * cloudMs / 1000.0;
        double accuracy = model.wireDtype() == WireDtype.INT8 ? 0.611 - 0.008 * c.layer() / last : 0.699;
        return new Prediction(c, edgeMs, transferMs, cloudMs, edgeJ, cloudJ, tensorKb, accuracy);
    }

    /** Early conv layers are cheap per layer but numerous; a bulge in the middle makes the front non-trivial. */
    private static double layerMs(int layer, int last) {
        double x = (double) layer / last;
        return 4.0 + 30.0 * Math.exp(-Math.pow((x - 0.45) / 0.2, 2));
    }

    private static double tensorKb(int layer, int last, WireDtype dtype) {
        if (layer == 0) {
            return 588.0;
        }
        double fp32Kb = 3136.0 * Math.pow(0.72, layer) * 4;
        return Math.max(4.0, fp32Kb * dtype.bytesPerElement() / 4.0);
    }

    @Override
    public Prediction sample(SplitConfig config, RandomGenerator rng) {
        return predict(config);
    }

    @Override
    public double reconfigurationMs(SplitConfig from, SplitConfig to) {
        return to.needsEdgeReconfiguration(from) ? 800 : 0;
    }

    @Override
    public double edgeIdleWatts() {
        return 2.7;
    }
}
