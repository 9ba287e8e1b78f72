package io.dynasplit.testbed.estimate;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The networks registered at run time for an estimate (imported ONNX models): the emulated paper testbed looks here
 * for any model it has no built-in shape for, so a new model gets costs without a rebuild or a restart. Thread-safe.
 *
 * <p>The model's {@code ModelDescriptor} must also be known to {@code Models} (same name, {@code lastLayer} = L)
 * before the testbed predicts for it: the testbed validates configurations against the descriptor.
 */
public final class EstimatedNetworks {
    /** Built-in networks have measured or shape-derived costs of their own: an estimate must never replace them. */
    private static final Set<String> BUILT_IN = Stream.of(Models.VGG16, Models.VIT_B16, Models.RESNET50,
            Models.MOBILENETV2, Models.FMNIST_CNN).map(ModelDescriptor::name).collect(Collectors.toUnmodifiableSet());
    private static final Map<String, EstimatedNetwork> BY_NAME = new ConcurrentHashMap<>();

    private EstimatedNetworks() {
    }

    /** Adds or replaces (a re-import) a network; refused for a built-in model's name. */
    public static void register(EstimatedNetwork network) {
        if (BUILT_IN.contains(network.model())) {
            throw new IllegalArgumentException("model name '" + network.model()
                    + "' is a built-in network; an estimate cannot replace its costs");
        }
        BY_NAME.put(network.model(), network);
    }

    /** Same as {@code register(new EstimatedNetwork(model, points))}. */
    public static EstimatedNetwork register(String model, List<SplitPointCost> points) {
        EstimatedNetwork network = new EstimatedNetwork(model, points);
        register(network);
        return network;
    }

    /** Same as {@code register(new EstimatedNetwork(model, points, top1))}. */
    public static EstimatedNetwork register(String model, List<SplitPointCost> points, List<Double> top1) {
        EstimatedNetwork network = new EstimatedNetwork(model, points, top1);
        register(network);
        return network;
    }

    /** Forgets a network (its model was deleted); unknown names are ignored. */
    public static void unregister(String model) {
        BY_NAME.remove(model);
    }

    public static Optional<EstimatedNetwork> find(String model) {
        return model == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(model));
    }

    public static boolean isBuiltIn(String model) {
        return BUILT_IN.contains(model);
    }

    public static List<EstimatedNetwork> all() {
        return BY_NAME.values().stream().sorted(Comparator.comparing(EstimatedNetwork::model)).toList();
    }
}
