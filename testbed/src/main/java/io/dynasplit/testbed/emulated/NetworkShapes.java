package io.dynasplit.testbed.emulated;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.WireDtype;
import io.dynasplit.testbed.estimate.EstimatedNetwork;
import io.dynasplit.testbed.estimate.SplitPointCost;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The split points of the networks DynaSplit knows, computed from their architectures.
 *
 * <p>vgg16 and vit-b16 follow the paper's Keras layer indices exactly (paper-facts section 4). resnet50,
 * mobilenetv2 and fmnist-cnn follow split-runtime's units (its {@code ZooNetworks} and {@code FmnistCnn}); their
 * MAC counts are the standard architectures' and only scale the cost model of networks the paper did not measure.
 * A shape whose number of split points disagrees with the contracts' descriptor is left out (the testbed then does
 * not support that model) and a test fails.
 */
public final class NetworkShapes {
    /** Depthwise-heavy blocks run this many times slower per MAC than dense int8 GEMMs on a Cortex-A72 (assumed). */
    static final double DEPTHWISE_CPU_FACTOR = 3.0;

    private static final Map<String, NetworkShape> SHAPES = consistent(
            List.of(vgg16(), vitB16(), resnet50(), mobilenetV2(), fmnistCnn()));

    private NetworkShapes() {
    }

    private static Map<String, NetworkShape> consistent(List<NetworkShape> shapes) {
        Map<String, NetworkShape> byName = new java.util.LinkedHashMap<>();
        for (NetworkShape s : shapes) {
            if (mismatch(s).isEmpty()) {
                byName.put(s.model(), s);
            }
        }
        return java.util.Collections.unmodifiableMap(byName);
    }

    /** Why a shape disagrees with its model's descriptor, or empty. */
    static Optional<String> mismatch(NetworkShape s) {
        ModelDescriptor d = Models.find(s.model()).orElse(null);
        if (d == null) {
            return Optional.of("no descriptor for " + s.model());
        }
        if (d.lastLayer() != s.lastLayer()) {
            return Optional.of(s.model() + " shape has " + s.lastLayer() + " split layers, its descriptor says "
                    + d.lastLayer());
        }
        return Optional.empty();
    }

    /** The five networks' shapes as built, consistent or not (for the consistency test). */
    static List<NetworkShape> all() {
        return List.of(vgg16(), vitB16(), resnet50(), mobilenetV2(), fmnistCnn());
    }

    public static Optional<NetworkShape> find(String model) {
        return Optional.ofNullable(SHAPES.get(model));
    }

    public static NetworkShape require(String model) {
        return find(model).orElseThrow(() -> new IllegalArgumentException("no network shape for model '" + model + "'"));
    }

    /**
     * The shape of a network known only by its split point table (an imported model): split point l's layer holds
     * the MACs and parameters its head adds over split point l-1 and the tensor a split at l ships. Parameters are
     * counted as fp32 (four bytes each), as ONNX initializers are; a tail's parameters are then the network's
     * total less the head's (a weight read on both sides counts once, on the head's).
     */
    public static NetworkShape of(EstimatedNetwork network, WireDtype wireDtype) {
        List<LayerShape> layers = new ArrayList<>();
        layers.add(new LayerShape("input", 0, network.point(0).elements(), 0, 1));
        for (int l = 1; l <= network.lastLayer(); l++) {
            SplitPointCost p = network.point(l);
            SplitPointCost before = network.point(l - 1);
            layers.add(new LayerShape("split_" + l, (p.headMacs() - before.headMacs()) / 1e6, p.elements(),
                    (p.headParamBytes() - before.headParamBytes()) / 4.0 / 1e6, 1));
        }
        return new NetworkShape(network.model(), wireDtype, layers);
    }

    static NetworkShape vgg16() {
        Builder b = new Builder(Models.VGG16, 3, 224, 224);
        b.conv("block1_conv1", 64, 3, 1).conv("block1_conv2", 64, 3, 1).pool("block1_pool")
                .conv("block2_conv1", 128, 3, 1).conv("block2_conv2", 128, 3, 1).pool("block2_pool")
                .conv("block3_conv1", 256, 3, 1).conv("block3_conv2", 256, 3, 1).conv("block3_conv3", 256, 3, 1)
                .pool("block3_pool")
                .conv("block4_conv1", 512, 3, 1).conv("block4_conv2", 512, 3, 1).conv("block4_conv3", 512, 3, 1)
                .pool("block4_pool")
                .conv("block5_conv1", 512, 3, 1).conv("block5_conv2", 512, 3, 1).conv("block5_conv3", 512, 3, 1)
                .pool("block5_pool")
                .flatten("flatten").dense("fc1", 4096).dense("fc2", 4096).dense("predictions", 1000);
        return b.build();
    }

    static NetworkShape vitB16() {
        int tokens = 197;
        int d = 768;
        // one encoder block: QKV, attention scores and weighted sum, output projection, 2-layer MLP (4d)
        double blockMacs = (double) tokens * d * 3 * d + 2.0 * tokens * tokens * d + (double) tokens * d * d
                + 2.0 * tokens * d * 4 * d;
        double blockWeights = 3.0 * d * d + d * d + 2.0 * d * 4 * d;
        Builder b = new Builder(Models.VIT_B16, 3, 224, 224);
        b.conv("embedding", d, 16, 16)
                .reshape("reshape", 196L * d)
                .block("class_token", 0, tokens * (long) d, d)
                .block("posembed_input", tokens * (double) d / 1e6, tokens * (long) d, tokens * (double) d);
        for (int i = 0; i < 12; i++) {
            b.block("encoderblock_" + i, blockMacs / 1e6, tokens * (long) d, blockWeights);
        }
        b.block("encoder_norm", tokens * (double) d / 1e6, tokens * (long) d, 2 * d)
                .block("extract_token", 0, d, 0)
                .block("head", d * 1000 / 1e6, 1000, d * 1000.0);
        return b.build();
    }

    static NetworkShape resnet50() {
        Builder b = new Builder(Models.RESNET50, 3, 224, 224);
        b.conv("conv1", 64, 7, 2).elementwise("conv1_bn").elementwise("conv1_relu").pool("pool1");
        int[][] stages = {{64, 3, 1}, {128, 4, 2}, {256, 6, 2}, {512, 3, 2}};
        for (int s = 0; s < stages.length; s++) {
            for (int i = 0; i < stages[s][1]; i++) {
                b.bottleneck("conv" + (s + 2) + "_block" + (i + 1), stages[s][0], i == 0 ? stages[s][2] : 1);
            }
        }
        b.globalPool("avg_pool").flatten("flatten").dense("predictions", 1000).flatten("flatten_out");
        return b.build();
    }

    static NetworkShape mobilenetV2() {
        Builder b = new Builder(Models.MOBILENETV2, 3, 224, 224);
        b.conv("stem", 32, 3, 2)
                .invertedResiduals("stage1_c16", 1, 16, 1, 1)
                .invertedResiduals("stage2_c24", 6, 24, 2, 2)
                .invertedResiduals("stage3_c32", 6, 32, 3, 2)
                .invertedResiduals("stage4_c64", 6, 64, 4, 2)
                .invertedResiduals("stage5_c96", 6, 96, 3, 1)
                .invertedResiduals("stage6_c160", 6, 160, 3, 2)
                .invertedResiduals("stage7_c320", 6, 320, 1, 1)
                .conv("conv_1280", 1280, 1, 1).globalPool("avg_pool").elementwise("reshape")
                .dense("classifier", 1000).flatten("flatten");
        return b.build();
    }

    static NetworkShape fmnistCnn() {
        // a tiny VGG (split-runtime's FmnistCnn): 2 x (conv, conv, pool), flatten, 2 dense + logits
        Builder b = new Builder(Models.FMNIST_CNN, 1, 28, 28);
        b.conv("block1_conv1", 32, 3, 1).conv("block1_conv2", 32, 3, 1).pool("block1_pool")
                .conv("block2_conv1", 64, 3, 1).conv("block2_conv2", 64, 3, 1).pool("block2_pool")
                .flatten("flatten").dense("fc1", 64).dense("fc2", 64).dense("predictions", 10);
        return b.build();
    }

    /** Tracks the running (channels, height, width) and appends split points. */
    private static final class Builder {
        private final ModelDescriptor model;
        private final List<LayerShape> layers = new ArrayList<>();
        private int c;
        private int h;
        private int w;

        Builder(ModelDescriptor model, int c, int h, int w) {
            this.model = model;
            this.c = c;
            this.h = h;
            this.w = w;
            layers.add(new LayerShape("input", 0, (long) c * h * w, 0, 1));
        }

        Builder conv(String name, int out, int kernel, int stride) {
            int ho = h / stride;
            int wo = w / stride;
            double macs = (double) ho * wo * out * c * kernel * kernel;
            double weights = (double) out * c * kernel * kernel;
            c = out;
            h = ho;
            w = wo;
            return add(name, macs, weights, 1);
        }

        Builder bottleneck(String name, int mid, int stride) {
            int out = mid * 4;
            int ho = h / stride;
            int wo = w / stride;
            double macs = (double) h * w * c * mid + (double) ho * wo * mid * mid * 9 + (double) ho * wo * mid * out;
            double weights = (double) c * mid + 9.0 * mid * mid + (double) mid * out;
            if (c != out || stride != 1) {
                macs += (double) ho * wo * c * out;
                weights += (double) c * out;
            }
            c = out;
            h = ho;
            w = wo;
            return add(name, macs, weights, 1);
        }

        Builder invertedResiduals(String name, int expansion, int out, int repeats, int stride) {
            double macs = 0;
            double weights = 0;
            for (int i = 0; i < repeats; i++) {
                int s = i == 0 ? stride : 1;
                int hidden = c * expansion;
                int ho = h / s;
                int wo = w / s;
                if (expansion != 1) {
                    macs += (double) h * w * c * hidden;
                    weights += (double) c * hidden;
                }
                macs += (double) ho * wo * hidden * 9 + (double) ho * wo * hidden * out;
                weights += 9.0 * hidden + (double) hidden * out;
                c = out;
                h = ho;
                w = wo;
            }
            return add(name, macs, weights, DEPTHWISE_CPU_FACTOR);
        }

        Builder pool(String name) {
            h /= 2;
            w /= 2;
            return add(name, 0, 0, 1);
        }

        Builder globalPool(String name) {
            h = 1;
            w = 1;
            return add(name, 0, 0, 1);
        }

        Builder elementwise(String name) {
            return add(name, 0, 0, 1);
        }

        Builder flatten(String name) {
            c = c * h * w;
            h = 1;
            w = 1;
            return add(name, 0, 0, 1);
        }

        Builder dense(String name, int out) {
            long in = (long) c * h * w;
            c = out;
            h = 1;
            w = 1;
            return add(name, (double) in * out, (double) in * out, 1);
        }

        Builder reshape(String name, long elements) {
            layers.add(new LayerShape(name, 0, elements, 0, 1));
            return this;
        }

        Builder block(String name, double macsM, long outElements, double weights) {
            layers.add(new LayerShape(name, macsM, outElements, weights / 1e6, 1));
            return this;
        }

        private Builder add(String name, double macs, double weights, double cpuFactor) {
            layers.add(new LayerShape(name, macs / 1e6, (long) c * h * w, weights / 1e6, cpuFactor));
            return this;
        }

        NetworkShape build() {
            return new NetworkShape(model.name(), model.wireDtype(), layers);
        }
    }
}
