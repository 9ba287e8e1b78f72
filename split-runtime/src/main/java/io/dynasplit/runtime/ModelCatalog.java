package io.dynasplit.runtime;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import io.dynasplit.runtime.nets.FmnistCnn;
import io.dynasplit.runtime.nets.NetworkDefinition;
import io.dynasplit.runtime.nets.SeededInitializer;
import io.dynasplit.runtime.nets.Unit;
import io.dynasplit.runtime.nets.Vgg16;
import io.dynasplit.runtime.nets.VitB16;
import io.dynasplit.runtime.nets.ZooNetworks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import io.dynasplit.onnx.runtime.RunnerSettings;
import io.dynasplit.onnx.store.ModelStore;
import io.dynasplit.onnx.store.ModelsDirectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The networks the runtime can split, built lazily (once per process and model, on first {@link #get}) and cached.
 * Weights: an operator's file ({@link WeightsLocator}), else the weights committed with this module (fmnist-cnn),
 * else deterministic seeded weights (the big networks: no pre-trained weights can be downloaded here).
 */
public final class ModelCatalog implements AutoCloseable {
    /** Where committed weights live on the class path: {@code <dir>/<model>.params}. */
    public static final String WEIGHTS_RESOURCE_DIR = "/io/dynasplit/runtime/weights/";
    private static final ModelCatalog SHARED = new ModelCatalog(WeightsLocator.fromEnvironment());
    /** The engine's random generator is global: seeded builds must not interleave, whatever the catalog. */
    private static final Object BUILD_LOCK = new Object();

    private final Map<String, NetworkDefinition> definitions = new LinkedHashMap<>();
    private final Map<String, SplitModel> models = new ConcurrentHashMap<>();
    private final WeightsLocator weights;
    private final ImportedNetworks imported;
    private volatile boolean closed;

    public ModelCatalog(WeightsLocator weights) {
        this(weights, new ImportedNetworks(new ModelStore(ModelsDirectory.resolve()), RunnerSettings.serving()));
    }

    public ModelCatalog(WeightsLocator weights, ImportedNetworks imported) {
        this.weights = weights;
        this.imported = imported;
        Stream.of(new Vgg16(), new VitB16(), ZooNetworks.resnet50(), ZooNetworks.mobilenetV2(), new FmnistCnn())
                .forEach(d -> definitions.put(d.name(), d));
    }

    /** The process-wide catalog (weights located from system properties / environment). Never closed. */
    public static ModelCatalog shared() {
        return SHARED;
    }

    public List<String> names() {
        return List.copyOf(definitions.keySet());
    }

    public NetworkDefinition definition(String name) {
        NetworkDefinition d = definitions.get(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; known: " + names());
        }
        return d;
    }

    /** The built model; the first call per name builds it (seconds for the big networks), later calls are free. */
    public SplitModel get(String name) {
        SplitModel m = models.get(name);
        if (m != null) {
            return m;
        }
        NetworkDefinition definition = definition(name);
        synchronized (BUILD_LOCK) {
            if (closed) {
                throw new IllegalStateException("model catalog is closed");
            }
            return models.computeIfAbsent(name, n -> build(definition));
        }
    }

    /**
     * The network a node serves under {@code name}: a built-in one, else one imported into the models directory
     * (looked up at every call, so an import reaches a running node).
     */
    public SplitNetwork network(String name) {
        if (definitions.containsKey(name)) {
            return get(name);
        }
        return imported.find(name).orElseThrow(() -> new IllegalArgumentException("unknown model '" + name
                + "': not built in " + names() + " and not imported in " + imported.store().root()));
    }

    /** Whether {@code name} is already built (for readiness checks). */
    public boolean isLoaded(String name) {
        return models.containsKey(name);
    }

    /** Split points and tensor shapes from the architecture alone: no weights are allocated. */
    public List<SplitPoint> splitPoints(String name) {
        NetworkDefinition d = definition(name);
        List<Unit> units = d.units();
        return shapes(units.stream().map(Unit::block).toList(), units.stream().map(Unit::name).toList(),
                inputShape(d));
    }

    private SplitModel build(NetworkDefinition definition) {
        List<Unit> units = definition.units();
        SequentialBlock net = new SequentialBlock();
        units.forEach(u -> net.add(u.block()));
        Model model = Model.newInstance(definition.name(), ai.djl.Device.cpu(), "PyTorch");
        try {
            model.setBlock(net);
            String source = loadWeights(definition, model, net);
            List<Block> blocks = units.stream().map(Unit::block).toList();
            List<SplitPoint> points = shapes(blocks, units.stream().map(Unit::name).toList(), inputShape(definition));
            int expected = definition.descriptor().lastLayer();
            if (blocks.size() != expected) {
                throw new IllegalStateException(definition.name() + " has " + blocks.size()
                        + " layers but its descriptor says L = " + expected);
            }
            return new SplitModel(definition, model, blocks, points, source);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private String loadWeights(NetworkDefinition definition, Model model, SequentialBlock net) {
        Optional<Path> file = weights.locate(definition.name());
        try {
            if (file.isPresent()) {
                loadParams(model, Files.newInputStream(file.get()));
                return "file:" + file.get().toAbsolutePath();
            }
            InputStream committed = ModelCatalog.class.getResourceAsStream(
                    WEIGHTS_RESOURCE_DIR + definition.name() + ".params");
            if (committed != null) {
                loadParams(model, committed);
                return "classpath:" + WEIGHTS_RESOURCE_DIR + definition.name() + ".params";
            }
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("cannot load weights of " + definition.name() + ": " + e.getMessage(), e);
        }
        net.setInitializer(new SeededInitializer(definition.seed()), Parameter.Type.WEIGHT);
        net.initialize(model.getNDManager(), DataType.FLOAT32, inputShape(definition));
        return "seeded:" + definition.seed();
    }

    /** DJL loads .params from a directory by prefix: stage the stream as {@code <name>-0000.params}. */
    private static void loadParams(Model model, InputStream in) throws IOException, MalformedModelException {
        Path dir = Files.createTempDirectory("dynasplit-weights");
        Path staged = dir.resolve(model.getName() + "-0000.params");
        try (in) {
            Files.copy(in, staged, StandardCopyOption.REPLACE_EXISTING);
            model.load(dir, model.getName());
        } finally {
            Files.deleteIfExists(staged);
            Files.deleteIfExists(dir);
        }
    }

    static Shape inputShape(NetworkDefinition d) {
        List<Integer> in = d.descriptor().inputShape();
        long[] dims = new long[in.size() + 1];
        dims[0] = 1;
        for (int i = 0; i < in.size(); i++) {
            dims[i + 1] = in.get(i);
        }
        return new Shape(dims);
    }

    private static List<SplitPoint> shapes(List<Block> blocks, List<String> names, Shape input) {
        List<SplitPoint> points = new ArrayList<>();
        Shape s = input;
        points.add(new SplitPoint(0, "input", toList(s)));
        for (int i = 0; i < blocks.size(); i++) {
            s = blocks.get(i).getOutputShapes(new Shape[] {s})[0];
            points.add(new SplitPoint(i + 1, names.get(i), toList(s)));
        }
        return points;
    }

    private static List<Integer> toList(Shape s) {
        List<Integer> out = new ArrayList<>();
        for (long d : s.getShape()) {
            out.add(Math.toIntExact(d));
        }
        return out;
    }

    @Override
    public void close() {
        synchronized (BUILD_LOCK) {
            closed = true;
            models.values().forEach(SplitModel::close);
            imported.close();
            models.clear();
        }
    }
}
