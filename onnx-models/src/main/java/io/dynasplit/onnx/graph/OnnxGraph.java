package io.dynasplit.onnx.graph;

import com.google.protobuf.InvalidProtocolBufferException;
import io.dynasplit.onnx.ModelImportException;
import io.dynasplit.onnx.proto.Onnx.AttributeProto;
import io.dynasplit.onnx.proto.Onnx.GraphProto;
import io.dynasplit.onnx.proto.Onnx.ModelProto;
import io.dynasplit.onnx.proto.Onnx.NodeProto;
import io.dynasplit.onnx.proto.Onnx.TensorProto;
import io.dynasplit.onnx.proto.Onnx.ValueInfoProto;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An ONNX model's main graph as the importer sees it: its one real input (graph inputs that are not initializers),
 * its one output, its nodes in the file's order (ONNX requires a topological order; checked), and every node's
 * inputs including the outer-scope names its {@code If}/{@code Loop}/{@code Scan} bodies read, so that a cut never
 * separates a control-flow node from what its bodies use.
 */
public final class OnnxGraph {
    /** {@code TensorProto.DataLocation.EXTERNAL}: the tensor's bytes live in a file beside the model. */
    private static final int EXTERNAL_DATA = 1;

    private final ModelProto model;
    private final ValueInfoProto input;
    private final ValueInfoProto output;
    private final List<NodeProto> nodes;
    private final List<List<String>> nodeInputs;
    private final Map<String, TensorProto> initializers;

    private OnnxGraph(ModelProto model) {
        this.model = model;
        GraphProto graph = model.getGraph();
        this.initializers = graph.getInitializerList().stream()
                .collect(Collectors.toMap(TensorProto::getName, Function.identity(), (a, b) -> b));
        List<ValueInfoProto> realInputs = graph.getInputList().stream()
                .filter(vi -> !initializers.containsKey(vi.getName())).toList();
        if (realInputs.size() != 1) {
            throw new ModelImportException("the graph has " + realInputs.size() + " inputs " + names(realInputs)
                    + "; DynaSplit splits networks with exactly one input tensor");
        }
        if (graph.getOutputCount() != 1) {
            throw new ModelImportException("the graph has " + graph.getOutputCount() + " outputs "
                    + names(graph.getOutputList()) + "; DynaSplit splits networks with exactly one output tensor");
        }
        this.input = realInputs.get(0);
        this.output = graph.getOutput(0);
        this.nodes = graph.getNodeList();
        this.nodeInputs = nodes.stream().map(OnnxGraph::inputsWithOuterScope).toList();
        requireTopologicalOrder();
    }

    /** Parses and checks the model's bytes; a file that is not an ONNX model gets a message that says so. */
    public static OnnxGraph parse(byte[] bytes) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelImportException("not an ONNX model: the file is not a serialised ModelProto ("
                    + e.getMessage() + ")", e);
        }
        if (model.getIrVersion() <= 0 || !model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new ModelImportException("not an ONNX model: no IR version or no graph with nodes in the file");
        }
        model.getGraph().getInitializerList().stream().filter(t -> t.getDataLocation() == EXTERNAL_DATA).findFirst()
                .ifPresent(t -> {
                    throw new ModelImportException("initializer '" + t.getName() + "' keeps its data in an external"
                            + " file; DynaSplit imports one self-contained .onnx file: re-export with the weights inside"
                            + " (below 2 GB), e.g. onnx.save_model(model, path, save_as_external_data=False)");
                });
        return new OnnxGraph(model);
    }

    public ModelProto model() {
        return model;
    }

    public ValueInfoProto input() {
        return input;
    }

    public ValueInfoProto output() {
        return output;
    }

    public List<NodeProto> nodes() {
        return nodes;
    }

    /** The node's inputs (empty optional names dropped) and the outer-scope names its sub-graphs read. */
    public List<String> inputsOf(int node) {
        return nodeInputs.get(node);
    }

    public Map<String, TensorProto> initializers() {
        return initializers;
    }

    /** Domain-less opset version (the default ONNX operator set), 0 when the model does not import it. */
    public long defaultOpset() {
        return model.getOpsetImportList().stream()
                .filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToLong(o -> o.getVersion()).max().orElse(0);
    }

    private void requireTopologicalOrder() {
        Set<String> defined = new HashSet<>(initializers.keySet());
        model.getGraph().getInputList().forEach(vi -> defined.add(vi.getName()));
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : nodeInputs.get(i)) {
                if (!defined.contains(in)) {
                    throw new ModelImportException("node " + describe(i) + " reads '" + in
                            + "', which no earlier node, initializer or input defines: the graph is not in"
                            + " topological order (ONNX requires it) or is incomplete");
                }
            }
            defined.addAll(nodes.get(i).getOutputList());
        }
        if (!defined.contains(output.getName())) {
            throw new ModelImportException("no node produces the graph output '" + output.getName() + "'");
        }
    }

    public String describe(int node) {
        NodeProto n = nodes.get(node);
        return "#" + node + " " + n.getOpType() + (n.getName().isEmpty() ? "" : " '" + n.getName() + "'");
    }

    private static List<String> inputsWithOuterScope(NodeProto node) {
        Set<String> names = new LinkedHashSet<>();
        node.getInputList().stream().filter(s -> !s.isEmpty()).forEach(names::add);
        for (AttributeProto attribute : node.getAttributeList()) {
            if (attribute.hasG()) {
                names.addAll(outerScopeNames(attribute.getG()));
            }
            attribute.getGraphsList().forEach(g -> names.addAll(outerScopeNames(g)));
        }
        return List.copyOf(names);
    }

    /** Names a sub-graph reads that it does not define itself: values of the enclosing graph. */
    static Set<String> outerScopeNames(GraphProto graph) {
        Set<String> local = new HashSet<>();
        graph.getInputList().forEach(vi -> local.add(vi.getName()));
        graph.getInitializerList().forEach(t -> local.add(t.getName()));
        Set<String> outer = new LinkedHashSet<>();
        for (NodeProto node : graph.getNodeList()) {
            for (String in : inputsWithOuterScope(node)) {
                if (!local.contains(in)) {
                    outer.add(in);
                }
            }
            local.addAll(node.getOutputList());
        }
        graph.getOutputList().stream().map(ValueInfoProto::getName).filter(n -> !local.contains(n)).forEach(outer::add);
        return outer;
    }

    private static List<String> names(List<ValueInfoProto> values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.getName()));
        return out;
    }
}
