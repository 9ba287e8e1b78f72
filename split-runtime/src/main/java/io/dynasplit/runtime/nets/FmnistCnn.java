package io.dynasplit.runtime.nets;

import ai.djl.nn.Blocks;
import io.dynasplit.runtime.input.Preprocessing;

import java.util.List;

/**
 * The small network with real trained weights (Fashion-MNIST, 1x28x28 grey, 10 classes), shaped like a tiny VGG so
 * that its split points mean the same things: 1-2 conv (3x3, BN, ReLU), 3 pool1, 4-5 conv, 6 pool2, 7 flatten,
 * 8 fc1, 9 fc2, 10 predictions (logits).
 */
public final class FmnistCnn implements NetworkDefinition {
    public static final List<String> LABELS = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");

    @Override
    public String name() {
        return "fmnist-cnn";
    }

    @Override
    public List<Unit> units() {
        return List.of(
                new Unit("block1_conv1", Layers.conv3x3BnRelu(32)),
                new Unit("block1_conv2", Layers.conv3x3BnRelu(32)),
                new Unit("block1_pool", Layers.maxPool2()),
                new Unit("block2_conv1", Layers.conv3x3BnRelu(64)),
                new Unit("block2_conv2", Layers.conv3x3BnRelu(64)),
                new Unit("block2_pool", Layers.maxPool2()),
                new Unit("flatten", Blocks.batchFlattenBlock()),
                new Unit("fc1", Layers.denseRelu(64)),
                new Unit("fc2", Layers.denseRelu(64)),
                new Unit("predictions", Layers.dense(10)));
    }

    @Override
    public Preprocessing preprocessing() {
        return Preprocessing.GREY_UNIT;
    }

    @Override
    public List<String> labels() {
        return LABELS;
    }
}
