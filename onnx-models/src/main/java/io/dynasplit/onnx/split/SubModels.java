package io.dynasplit.onnx.split;

import io.dynasplit.onnx.graph.OnnxGraph;
import io.dynasplit.onnx.graph.TensorShape;
import io.dynasplit.onnx.proto.Onnx.GraphProto;
import io.dynasplit.onnx.proto.Onnx.ModelProto;
import io.dynasplit.onnx.proto.Onnx.NodeProto;
import io.dynasplit.onnx.proto.Onnx.TensorShapeProto;
import io.dynasplit.onnx.proto.Onnx.TypeProto;
import io.dynasplit.onnx.proto.Onnx.ValueInfoProto;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts a graph at one tensor into a head (the cut tensor's ancestors, from the graph input) and a tail (what the
 * graph output needs, fed by the cut tensor). Nodes keep their original order, so both stay topologically sorted;
 * each keeps only the initializers, value infos and (for IR <= 3, where every initializer must be a graph input)
 * initializer inputs its nodes read; IR version, opsets, local functions and metadata are copied unchanged.
 */
public final class SubModels {
    private final OnnxGraph graph;
    private final Map<String, Integer> producer = new HashMap<>();

    public SubModels(OnnxGraph graph) {
        this.graph = graph;
        List<NodeProto> nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            for (String out : nodes.get(i).getOutputList()) {
                producer.put(out, i);
            }
        }
    }

    /** The head at a cut: from the graph input to {@code cut}, whose type and shape the caller measured. */
    public ModelProto head(String cut, TensorShape cutShape, boolean dynamicBatch) {
        Set<Integer> kept = ancestors(cut, graph.input().getName());
        return subModel(kept, graph.input(), valueInfo(cut, cutShape, dynamicBatch));
    }

    /** The tail at a cut: from {@code cut} to the graph output. */
    public ModelProto tail(String cut, TensorShape cutShape, boolean dynamicBatch) {
        Set<Integer> kept = ancestors(graph.output().getName(), cut);
        return subModel(kept, valueInfo(cut, cutShape, dynamicBatch), graph.output());
    }

    /**
     * The model as ONNX Runtime should serve it: an IR <= 3 model lists every initializer as a graph input, which
     * ONNX Runtime treats as an input a caller may override, so it folds nothing computed from them (the zoo graphs
     * then generate every weight with {@code ConstantOfShape} on every run). Dropping those input entries and
     * declaring IR 4, where initializers need not be inputs, makes them constants again; nothing else changes.
     */
    public static ModelProto servable(ModelProto model) {
        if (model.getIrVersion() >= 4) {
            return model;
        }
        GraphProto graph = model.getGraph();
        Set<String> initializers = new HashSet<>();
        graph.getInitializerList().forEach(t -> initializers.add(t.getName()));
        GraphProto.Builder lifted = graph.toBuilder().clearInput();
        graph.getInputList().stream().filter(vi -> !initializers.contains(vi.getName())).forEach(lifted::addInput);
        return model.toBuilder().setIrVersion(4).setGraph(lifted).build();
    }

    private Set<Integer> ancestors(String from, String stopAt) {
        Set<Integer> kept = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(from));
        Set<String> visited = new HashSet<>();
        while (!pending.isEmpty()) {
            String tensor = pending.pop();
            if (tensor.equals(stopAt) || !visited.add(tensor)) {
                continue;
            }
            Integer node = producer.get(tensor);
            if (node != null && kept.add(node)) {
                pending.addAll(graph.inputsOf(node));
            }
        }
        return kept;
    }

    private ModelProto subModel(Set<Integer> kept, ValueInfoProto input, ValueInfoProto output) {
        GraphProto original = graph.model().getGraph();
        Set<String> read = new HashSet<>();
        GraphProto.Builder sub = original.toBuilder().clearNode().clearInitializer().clearInput().clearOutput()
                .clearValueInfo();
        for (int i = 0; i < graph.nodes().size(); i++) {
            if (kept.contains(i)) {
                sub.addNode(graph.nodes().get(i));
                read.addAll(graph.inputsOf(i));
            }
        }
        sub.addInput(input);
        original.getInputList().stream()
                .filter(vi -> graph.initializers().containsKey(vi.getName()) && read.contains(vi.getName()))
                .forEach(sub::addInput);
        original.getInitializerList().stream().filter(t -> read.contains(t.getName())).forEach(sub::addInitializer);
        original.getValueInfoList().stream().filter(vi -> read.contains(vi.getName())).forEach(sub::addValueInfo);
        sub.addOutput(output);
        return graph.model().toBuilder().setGraph(sub).build();
    }

    private static ValueInfoProto valueInfo(String name, TensorShape shape, boolean dynamicBatch) {
        TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
        for (int axis = 0; axis < shape.rank(); axis++) {
            if (axis == 0 && dynamicBatch) {
                dims.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
            } else {
                dims.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(shape.dim(axis)));
            }
        }
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(
                        TypeProto.Tensor.newBuilder().setElemType(shape.elemType()).setShape(dims)))
                .build();
    }
}
