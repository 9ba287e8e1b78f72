package io.dynasplit.runtime;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.dynasplit.contracts.ClassScore;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.runtime.input.InputDecoder;
import io.dynasplit.runtime.input.Preprocessing;
import io.dynasplit.runtime.nets.NetworkDefinition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;

/**
 * One network, built and weighted once, that runs any part of itself on fp32 {@link Activation}s: the edge calls
 * {@link #head}, the cloud {@link #tail}. Thread-safe: calls on one model are serialised (the engine already uses
 * every core for one forward pass), and every call frees its native tensors before it returns.
 * Get instances from {@link ModelCatalog}; closing the catalog closes its models.
 */
public final class SplitModel implements SplitNetwork, AutoCloseable {
    private final NetworkDefinition definition;
    private final Model model;
    private final List<Block> units;
    private final List<SplitPoint> splitPoints;
    private final ParameterStore parameters;
    /** Weights copied to the GPU on its first use and kept there (a store caches one device's copy). */
    private ParameterStore gpuParameters;
    private final InputDecoder inputDecoder;
    private final String weightsSource;

    SplitModel(NetworkDefinition definition, Model model, List<Block> units, List<SplitPoint> splitPoints,
               String weightsSource) {
        this.definition = definition;
        this.model = model;
        this.units = List.copyOf(units);
        this.splitPoints = List.copyOf(splitPoints);
        this.parameters = new ParameterStore(model.getNDManager(), false);
        this.weightsSource = weightsSource;
        List<Integer> in = splitPoints.get(0).shape();
        this.inputDecoder = new InputDecoder(definition.preprocessing(),
                new int[] {in.get(1), in.get(2), in.get(3)});
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            p.getValue().getArray().setRequiresGradient(false); // inference only: never build autograd graphs
        }
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public ModelDescriptor descriptor() {
        return definition.descriptor();
    }

    /** L: split points are 0..L; head(L) is the whole network, tail(0) too. */
    @Override
    public int lastLayer() {
        return units.size();
    }

    public List<SplitPoint> splitPoints() {
        return splitPoints;
    }

    @Override
    public SplitPoint splitPoint(int layer) {
        checkLayer(layer);
        return splitPoints.get(layer);
    }

    /** Where the weights came from: {@code file:...}, {@code classpath:...} or {@code seeded:<seed>}. */
    public String weightsSource() {
        return weightsSource;
    }

    /**
     * The loaded blocks of units 1..L, for translators that write the network in another format (the ONNX
     * exporter reads their structure and weights). Read them only: running or changing them bypasses this model's
     * lock.
     */
    public List<Block> unitBlocks() {
        return units;
    }

    /** Layers [0, layer) on {@code input}: the tensor the edge ships at split point {@code layer}. */
    @Override
    public Activation head(int layer, Activation input) {
        checkLayer(layer);
        checkShape(input, 0);
        return layer == 0 ? input : run(0, layer, input);
    }

    /** Layers [layer, L) on the head's output at {@code layer}: the logits. */
    @Override
    public Activation tail(int layer, Activation activation) {
        checkLayer(layer);
        checkShape(activation, layer);
        return layer == lastLayer() ? activation : run(layer, lastLayer(), activation);
    }

    @Override
    public boolean runsOn(ComputeDevice device) {
        return device == ComputeDevice.CPU || ComputeDevice.pytorchGpuCount() > 0;
    }

    @Override
    public Activation tail(int layer, Activation activation, ComputeDevice device) {
        checkLayer(layer);
        checkShape(activation, layer);
        if (!runsOn(device)) {
            throw new IllegalStateException("the PyTorch engine sees no GPU: " + name()
                    + "'s tail cannot run on it (the CPU natives are loaded; docs/hardware.md, GPU tails)");
        }
        return layer == lastLayer() ? activation : run(layer, lastLayer(), activation, device);
    }

    /**
     * Layers [from, to) on the output of split point {@code from}: head(l) is layers(0, l), tail(l) is
     * layers(l, L). Lets a caller walk the split points one layer at a time.
     */
    public Activation layers(int from, int to, Activation activation) {
        checkLayer(from);
        checkLayer(to);
        if (from > to) {
            throw new IllegalArgumentException("from " + from + " > to " + to);
        }
        checkShape(activation, from);
        return from == to ? activation : run(from, to, activation);
    }

    /** The whole network: logits. */
    public Activation forward(Activation input) {
        checkShape(input, 0);
        return run(0, lastLayer(), input);
    }

    /**
     * The network input for a request payload: PNG/JPEG (decoded and preprocessed for this model), a DynaSplit
     * tensor frame, raw little-endian fp32, or, when {@code bytes} is empty, the synthetic input of {@code seed}.
     */
    @Override
    public Activation inputFor(String mediaType, byte[] bytes, long seed) {
        return inputDecoder.decode(mediaType, bytes, seed);
    }

    /** How raw pixels become this network's input (applied before layer 0, outside the network). */
    public Preprocessing preprocessing() {
        return definition.preprocessing();
    }

    public InputDecoder inputDecoder() {
        return inputDecoder;
    }

    /** The {@code k} most likely classes of sample 0 of {@code logits}, softmax scores, best first. */
    @Override
    public List<ClassScore> topK(Activation logits, int k) {
        return ClassScores.topK(logits, k, this::label);
    }

    public String label(int classIndex) {
        List<String> labels = definition.labels();
        return classIndex < labels.size() ? labels.get(classIndex) : "class-" + classIndex;
    }

    /**
     * Writes this model's weights as a DJL {@code .params} file that {@link WeightsLocator} can point at (e.g. to
     * pin the seeded weights, or to hand trained weights to another process).
     */
    public synchronized void saveWeights(Path file) throws IOException {
        Path dir = Files.createTempDirectory("dynasplit-save");
        try {
            model.save(dir, name());
            Path written = dir.resolve(name() + "-0000.params");
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            try (var left = Files.list(dir)) {
                for (Path p : left.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private Activation run(int from, int to, Activation in) {
        return run(from, to, in, ComputeDevice.CPU);
    }

    private synchronized Activation run(int from, int to, Activation in, ComputeDevice device) {
        ParameterStore store = device == ComputeDevice.CPU ? parameters : gpuParameters();
        try (NDManager request = model.getNDManager().newSubManager()) {
            // the input is made in host memory and copied over: PyTorch refuses to wrap host memory as a GPU tensor
            NDArray input = request.create(in.values(), shapeOf(in.shape()));
            NDList x = new NDList(device == ComputeDevice.CPU ? input : input.toDevice(device.djlDevice(), false));
            for (int i = from; i < to; i++) {
                x = units.get(i).forward(store, x, false);
            }
            NDArray out = x.singletonOrThrow().toDevice(ai.djl.Device.cpu(), false);
            return new Activation(out.toFloatArray(), Arrays.stream(out.getShape().getShape())
                    .mapToInt(Math::toIntExact).toArray());
        }
    }

    private ParameterStore gpuParameters() {
        if (gpuParameters == null) {
            gpuParameters = new ParameterStore(model.getNDManager(), false);
        }
        return gpuParameters;
    }

    private void checkLayer(int layer) {
        if (layer < 0 || layer > lastLayer()) {
            throw new IllegalArgumentException("split layer " + layer + " is outside 0.." + lastLayer() + " of "
                    + name());
        }
    }

    private void checkShape(Activation a, int layer) {
        List<Integer> expected = splitPoints.get(layer).shape();
        int[] s = a.shape();
        boolean ok = s.length == expected.size();
        for (int i = 1; ok && i < s.length; i++) {
            ok = s[i] == expected.get(i);
        }
        if (!ok) {
            throw new IllegalArgumentException(name() + " at split point " + layer + " expects shape (N"
                    + expected.subList(1, expected.size()).stream().map(d -> ", " + d).reduce("", String::concat)
                    + "), got " + Arrays.toString(s));
        }
    }

    private static Shape shapeOf(int[] shape) {
        return new Shape(Arrays.stream(shape).asLongStream().toArray());
    }

    @Override
    public synchronized void close() {
        model.close();
    }
}
