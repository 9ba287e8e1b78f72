package io.dynasplit.contracts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The networks DynaSplit knows. Split points follow the paper for vgg16 (23 points) and vit-b16 (20 points);
 * resnet50 and mobilenetv2 split at block boundaries; fmnist-cnn is the small network with real trained weights.
 * The split-runtime module checks that its DJL networks agree with these descriptors.
 */
public final class Models {
    public static final ModelDescriptor VGG16 =
            new ModelDescriptor("vgg16", 22, true, WireDtype.INT8, List.of(3, 224, 224), 1000);
    public static final ModelDescriptor VIT_B16 =
            new ModelDescriptor("vit-b16", 19, false, WireDtype.FP32, List.of(3, 224, 224), 1000);
    public static final ModelDescriptor RESNET50 =
            new ModelDescriptor("resnet50", 24, true, WireDtype.INT8, List.of(3, 224, 224), 1000);
    public static final ModelDescriptor MOBILENETV2 =
            new ModelDescriptor("mobilenetv2", 13, true, WireDtype.INT8, List.of(3, 224, 224), 1000);
    public static final ModelDescriptor FMNIST_CNN =
            new ModelDescriptor("fmnist-cnn", 10, true, WireDtype.INT8, List.of(1, 28, 28), 10);

    private static final Map<String, ModelDescriptor> BY_NAME = List.of(VGG16, VIT_B16, RESNET50, MOBILENETV2, FMNIST_CNN)
            .stream().collect(Collectors.toUnmodifiableMap(ModelDescriptor::name, Function.identity()));

    private Models() {
    }

    public static Optional<ModelDescriptor> find(String name) {
        return Optional.ofNullable(name).map(BY_NAME::get);
    }

    public static ModelDescriptor require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown model '" + name + "'; known: " + BY_NAME.keySet().stream().sorted().toList()));
    }

    public static List<ModelDescriptor> all() {
        return BY_NAME.values().stream().sorted(java.util.Comparator.comparing(ModelDescriptor::name)).toList();
    }
}
