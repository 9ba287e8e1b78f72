package io.dynasplit.onnx.graph;

import io.dynasplit.onnx.proto.Onnx.NodeProto;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The tensors whose values do not depend on the graph input: initializers (also those an IR <= 3 model lists as
 * graph inputs) and the outputs of nodes that read only constants ({@code Constant}, {@code ConstantOfShape} on a
 * constant shape, a {@code Reshape} of a weight, ...). They are folded away before split points are looked for: a
 * weight is not an activation that would have to cross the wire. Random generators are never constant.
 */
public final class ConstantTensors {
    private static final Set<String> NON_DETERMINISTIC =
            Set.of("RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Multinomial", "Bernoulli");

    private final Set<String> names;
    private final boolean[] constantNode;

    public ConstantTensors(OnnxGraph graph) {
        this.names = new HashSet<>(graph.initializers().keySet());
        List<NodeProto> nodes = graph.nodes();
        this.constantNode = new boolean[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            NodeProto node = nodes.get(i);
            boolean constant = !NON_DETERMINISTIC.contains(node.getOpType())
                    && graph.inputsOf(i).stream().allMatch(names::contains);
            if (constant) {
                constantNode[i] = true;
                node.getOutputList().stream().filter(s -> !s.isEmpty()).forEach(names::add);
            }
        }
    }

    public boolean isConstant(String tensor) {
        return names.contains(tensor);
    }

    public boolean isConstantNode(int node) {
        return constantNode[node];
    }
}
