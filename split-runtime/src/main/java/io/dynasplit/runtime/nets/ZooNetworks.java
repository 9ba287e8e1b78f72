package io.dynasplit.runtime.nets;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.basicmodelzoo.cv.classification.MobileNetV2;
import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import io.dynasplit.runtime.input.Preprocessing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ResNet-50 and MobileNetV2 from DJL's basic model zoo, split at their top-level blocks (block boundaries: the
 * stem layers, every residual / inverted-residual unit, the pooling and the classifier). Unit names are the DJL
 * child names (e.g. {@code 05ParallelBlock} is the first bottleneck unit).
 */
public final class ZooNetworks {
    private ZooNetworks() {
    }

    public static NetworkDefinition resnet50() {
        return new Zoo("resnet50", Preprocessing.CAFFE, () -> ResNetV1.builder().setImageShape(new Shape(3, 224, 224))
                .setNumLayers(50).setOutSize(1000).build());
    }

    public static NetworkDefinition mobilenetV2() {
        return new Zoo("mobilenetv2", Preprocessing.TF, () -> MobileNetV2.builder().setOutSize(1000).build());
    }

    private record Zoo(String name, Preprocessing preprocessing, java.util.function.Supplier<Block> builder)
            implements NetworkDefinition {
        @Override
        public List<Unit> units() {
            SequentialBlock net = (SequentialBlock) builder.get();
            List<Unit> units = new ArrayList<>();
            for (Map.Entry<String, Block> child : net.getChildren().toMap().entrySet()) {
                units.add(new Unit(child.getKey(), child.getValue()));
            }
            return units;
        }
    }
}
