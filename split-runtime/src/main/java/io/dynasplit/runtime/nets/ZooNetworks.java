package io.dynasplit.runtime.nets;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.basicmodelzoo.cv.classification.MobileNetV2;
import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import io.dynasplit.runtime.input.Preprocessing;

import java.util.ArrayList;
import java.util.List;

/**
 * ResNet-50 and MobileNetV2 from DJL's basic model zoo, split at their top-level blocks: the stem layers, every
 * residual unit (ResNet-50) or inverted-residual stage (MobileNetV2), the pooling and the classifier.
 * ResNet-50 (L = 24): 1 conv1, 2 conv1_bn, 3 conv1_relu, 4 pool1, 5-7 conv2_block1..3, 8-11 conv3_block1..4,
 * 12-17 conv4_block1..6, 18-20 conv5_block1..3, 21 avg_pool, 22 flatten, 23 predictions, 24 flatten_out.
 * MobileNetV2 (L = 13): 1 stem, 2-8 stages with 16/24/32/64/96/160/320 channels, 9 conv_1280, 10 avg_pool,
 * 11 reshape, 12 classifier (1x1 conv), 13 flatten.
 */
public final class ZooNetworks {
    private ZooNetworks() {
    }

    public static NetworkDefinition resnet50() {
        List<String> names = new ArrayList<>(List.of("conv1", "conv1_bn", "conv1_relu", "pool1"));
        int[] unitsPerStage = {3, 4, 6, 3};
        for (int s = 0; s < unitsPerStage.length; s++) {
            for (int u = 1; u <= unitsPerStage[s]; u++) {
                names.add("conv" + (s + 2) + "_block" + u);
            }
        }
        names.addAll(List.of("avg_pool", "flatten", "predictions", "flatten_out"));
        return new Zoo("resnet50", Preprocessing.CAFFE, names, () -> ResNetV1.builder()
                .setImageShape(new Shape(3, 224, 224)).setNumLayers(50).setOutSize(1000).build());
    }

    public static NetworkDefinition mobilenetV2() {
        List<String> names = List.of("stem", "stage1_c16", "stage2_c24", "stage3_c32", "stage4_c64", "stage5_c96",
                "stage6_c160", "stage7_c320", "conv_1280", "avg_pool", "reshape", "classifier", "flatten");
        return new Zoo("mobilenetv2", Preprocessing.TF, names, () -> MobileNetV2.builder().setOutSize(1000).build());
    }

    private record Zoo(String name, Preprocessing preprocessing, List<String> unitNames,
                       java.util.function.Supplier<Block> builder) implements NetworkDefinition {
        @Override
        public List<Unit> units() {
            List<Block> children = ((SequentialBlock) builder.get()).getChildren().values();
            if (children.size() != unitNames.size()) {
                throw new IllegalStateException(name + ": DJL built " + children.size() + " blocks, expected "
                        + unitNames.size());
            }
            List<Unit> units = new ArrayList<>();
            for (int i = 0; i < children.size(); i++) {
                units.add(new Unit(unitNames.get(i), children.get(i)));
            }
            return units;
        }
    }
}
