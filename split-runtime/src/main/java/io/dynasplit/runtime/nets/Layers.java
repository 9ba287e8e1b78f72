package io.dynasplit.runtime.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

import java.util.List;

/**
 * Small building blocks shared by the catalog's networks. ReLU is DJL's named {@code reluBlock()} (not an anonymous
 * lambda) so that a translator such as the ONNX exporter can tell it from other parameter-free blocks.
 */
final class Layers {
    private Layers() {
    }

    /** Keras-style conv layer: 3x3 "same" convolution followed by ReLU. */
    static Block conv3x3Relu(int filters) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters).build())
                .add(Activation.reluBlock());
    }

    static Block conv3x3BnRelu(int filters) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters)
                        .optBias(false).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }

    static Block maxPool2() {
        return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
    }

    static Block denseRelu(int units) {
        return new SequentialBlock().add(Linear.builder().setUnits(units).build()).add(Activation.reluBlock());
    }

    static Block dense(int units) {
        return Linear.builder().setUnits(units).build();
    }

    /** y = x + f(x). */
    static Block residual(Block f) {
        return new ParallelBlock(Layers::sum, List.of(f, ai.djl.nn.Blocks.identityBlock()));
    }

    private static NDList sum(List<NDList> branches) {
        NDArray a = branches.get(0).singletonOrThrow();
        return new NDList(a.add(branches.get(1).singletonOrThrow()));
    }
}
