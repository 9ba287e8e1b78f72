package io.dynasplit.contracts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The networks DynaSplit knows: the built-in ones and the ones imported at run time. Split points follow the paper
 * for vgg16 (23 points) and vit-b16 (20 points); resnet50 and mobilenetv2 split at block boundaries; fmnist-cnn is
 * the small network with real trained weights. The split-runtime module checks that its DJL networks agree with
 * these descriptors.
 *
 * <p>Imported models ({@code ./dynasplit model import}) join through {@link #register}: every service learns them
 * from the compacted {@code dynasplit.models} topic while it runs, so one registry that every validator already
 * consults is the one place a new model must reach (no rebuild, no restart). Built-in names cannot be taken.
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

    private static final Map<String, ModelDescriptor> BUILT_IN = List.of(VGG16, VIT_B16, RESNET50, MOBILENETV2, FMNIST_CNN)
            .stream().collect(Collectors.toUnmodifiableMap(ModelDescriptor::name, Function.identity()));
    private static final Map<String, ModelDescriptor> BY_NAME = new ConcurrentHashMap<>(BUILT_IN);
    private static final List<Function<String, Optional<ModelDescriptor>>> SOURCES = new CopyOnWriteArrayList<>();

    private Models() {
    }

    public static Optional<ModelDescriptor> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        ModelDescriptor known = BY_NAME.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        for (Function<String, Optional<ModelDescriptor>> source : SOURCES) {
            Optional<ModelDescriptor> found = source.apply(name).filter(d -> !BUILT_IN.containsKey(d.name()));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * Adds a place where imported models are looked up on every miss (the models directory): it answers with the
     * current descriptor, so a re-import is seen at once. Sources are asked after the registered models.
     */
    public static void addSource(Function<String, Optional<ModelDescriptor>> source) {
        SOURCES.add(source);
    }

    /** Removes a source added by {@link #addSource} (tests, a service shutting down). */
    public static void removeSource(Function<String, Optional<ModelDescriptor>> source) {
        SOURCES.remove(source);
    }

    public static ModelDescriptor require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown model '" + name + "'; known: "
                + BY_NAME.keySet().stream().sorted().toList() + (SOURCES.isEmpty() ? "" : " and the imported models")));
    }

    public static boolean isBuiltIn(String name) {
        return BUILT_IN.containsKey(name);
    }

    /**
     * Adds or replaces an imported model (a re-import with {@code --replace} publishes a new descriptor); refused
     * for a built-in name.
     */
    public static void register(ModelDescriptor model) {
        if (BUILT_IN.containsKey(model.name())) {
            throw new IllegalArgumentException("model name '" + model.name() + "' is taken by a built-in model");
        }
        BY_NAME.put(model.name(), model);
    }

    /** Forgets an imported model (its descriptor was deleted); built-in models stay. */
    public static void unregister(String name) {
        if (!BUILT_IN.containsKey(name)) {
            BY_NAME.remove(name);
        }
    }

    /** The networks written into the project, whatever has been imported. */
    public static List<ModelDescriptor> builtIn() {
        return BUILT_IN.values().stream().sorted(java.util.Comparator.comparing(ModelDescriptor::name)).toList();
    }

    public static List<ModelDescriptor> all() {
        return BY_NAME.values().stream().sorted(java.util.Comparator.comparing(ModelDescriptor::name)).toList();
    }
}
