package io.dynasplit.runtime.nets;

import ai.djl.nn.Blocks;
import io.dynasplit.runtime.input.Preprocessing;

import java.util.ArrayList;
import java.util.List;

/**
 * VGG16 with the paper's 22 layers (Keras layer names): split points 0 input, 1-2 block1 conv, 3 pool1, 4-5 block2
 * conv, 6 pool2, 7-9 block3 conv, 10 pool3, 11-13 block4 conv, 14 pool4, 15-17 block5 conv, 18 pool5, 19 flatten,
 * 20 fc1, 21 fc2, 22 predictions. Input 3x224x224 (Keras "caffe" preprocessing), 1000 logits (no softmax).
 */
public final class Vgg16 implements NetworkDefinition {
    private static final int[][] STAGES = {{2, 64}, {2, 128}, {3, 256}, {3, 512}, {3, 512}};

    @Override
    public String name() {
        return "vgg16";
    }

    @Override
    public List<Unit> units() {
        List<Unit> units = new ArrayList<>();
        for (int s = 0; s < STAGES.length; s++) {
            for (int c = 1; c <= STAGES[s][0]; c++) {
                units.add(new Unit("block" + (s + 1) + "_conv" + c, Layers.conv3x3Relu(STAGES[s][1])));
            }
            units.add(new Unit("block" + (s + 1) + "_pool", Layers.maxPool2()));
        }
        units.add(new Unit("flatten", Blocks.batchFlattenBlock()));
        units.add(new Unit("fc1", Layers.denseRelu(4096)));
        units.add(new Unit("fc2", Layers.denseRelu(4096)));
        units.add(new Unit("predictions", Layers.dense(1000)));
        return units;
    }

    @Override
    public Preprocessing preprocessing() {
        return Preprocessing.CAFFE;
    }
}
