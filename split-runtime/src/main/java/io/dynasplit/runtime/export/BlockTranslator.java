package io.dynasplit.runtime.export;

import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.dynasplit.runtime.export.GraphWriter.integer;
import static io.dynasplit.runtime.export.GraphWriter.ints;
import static io.dynasplit.runtime.export.GraphWriter.real;

/**
 * Translates DJL blocks into ONNX operators, one leaf block at a time. Only what translates exactly is accepted:
 * sequential containers, {@code Conv2d}, {@code BatchNorm}, {@code Linear} on a rank-2 input, and DJL's named
 * parameter-free blocks {@code ReLU}, {@code batchFlatten} and {@code maxPool2d}. Anything else (an anonymous
 * lambda, a residual {@code ParallelBlock}) is refused with its place in the network, so that an exported graph
 * never silently computes something other than the network.
 */
final class BlockTranslator {
    /**
     * DJL's {@code BatchNorm.builder()} default; the catalog's layers use the defaults and DJL keeps the field
     * private. The export test compares ONNX Runtime's output with DJL's, which catches a different epsilon.
     */
    static final float BATCH_NORM_EPSILON = 1e-5f;
    /**
     * DJL hides a pooling lambda's window; the catalog's only max-pool is {@code Layers.maxPool2()}: 2x2, stride 2,
     * no padding. Checked: a pool must be a unit of its own that halves height and width.
     */
    private static final long POOL = 2;

    /** What a leaf block becomes; its lower-case name also names the ONNX node ({@code block1_conv1/bn}). */
    private enum Kind { CONV, BN, GEMM, RELU, POOL, FLATTEN }

    private final GraphWriter writer;

    BlockTranslator(GraphWriter writer) {
        this.writer = writer;
    }

    /**
     * Appends the operators of one unit reading tensor {@code input} of shape {@code in} (batch first); the unit's
     * last operator writes {@code output}, of shape {@code out}: the tensor that crosses the wire at this unit's
     * split point.
     */
    void unit(String unit, Block block, String input, List<Integer> in, String output, List<Integer> out) {
        List<Block> leaves = leaves(unit, block);
        checkPooling(unit, leaves, in, out);
        String x = input;
        int rank = in.size();
        for (int i = 0; i < leaves.size(); i++) {
            Block leaf = leaves.get(i);
            Kind kind = kind(unit, leaf, rank);
            String name = writer.fresh(unit + "/" + kind.name().toLowerCase(Locale.ROOT));
            String target = i == leaves.size() - 1 ? output : name;
            emit(leaf, kind, name, x, target);
            rank = kind == Kind.FLATTEN ? 2 : rank;
            x = target;
        }
    }

    private static void checkPooling(String unit, List<Block> leaves, List<Integer> in, List<Integer> out) {
        boolean pools = leaves.stream().anyMatch(b -> b instanceof LambdaBlock l && l.getName().equals("maxPool2d"));
        boolean halves = in.size() == 4 && out.size() == 4 && out.get(1).equals(in.get(1))
                && out.get(2) == in.get(2) / POOL && out.get(3) == in.get(3) / POOL;
        if (pools && (leaves.size() != 1 || !halves)) {
            throw refuse(unit, leaves.get(0), "a max-pool translates only as a unit of its own with a 2x2 window,"
                    + " stride 2: " + in + " -> " + out);
        }
    }

    private static List<Block> leaves(String unit, Block block) {
        if (block instanceof SequentialBlock) {
            List<Block> out = new ArrayList<>();
            block.getChildren().values().forEach(child -> out.addAll(leaves(unit, child)));
            return out;
        }
        if (!block.getChildren().isEmpty()) {
            throw refuse(unit, block, "only sequential containers translate");
        }
        return List.of(block);
    }

    private static Kind kind(String unit, Block leaf, int rank) {
        if (leaf instanceof Conv2d) {
            return Kind.CONV;
        }
        if (leaf instanceof BatchNorm) {
            return Kind.BN;
        }
        if (leaf instanceof Linear) {
            if (rank != 2) {
                throw refuse(unit, leaf, "a Linear on a rank-" + rank + " input has no single ONNX Gemm");
            }
            return Kind.GEMM;
        }
        if (leaf instanceof LambdaBlock lambda) {
            switch (lambda.getName()) {
                case "ReLU":
                    return Kind.RELU;
                case "maxPool2d":
                    return Kind.POOL;
                case "batchFlatten":
                    return Kind.FLATTEN;
                default:
                    throw refuse(unit, leaf, "DJL lambda '" + lambda.getName() + "' has no known ONNX operator");
            }
        }
        throw refuse(unit, leaf, "no ONNX translation for this block type");
    }

    private void emit(Block leaf, Kind kind, String name, String in, String out) {
        switch (kind) {
            case CONV -> conv((Conv2d) leaf, name, in, out);
            case BN -> writer.node(name, "BatchNormalization", List.of(in, weight(leaf, name, "gamma", "scale"),
                    weight(leaf, name, "beta", "bias"), weight(leaf, name, "runningMean", "mean"),
                    weight(leaf, name, "runningVar", "var")), out, real("epsilon", BATCH_NORM_EPSILON));
            case GEMM -> writer.node(name, "Gemm", List.of(in, weight(leaf, name, "weight", "weight"),
                    weight(leaf, name, "bias", "bias")), out, integer("transB", 1));
            case RELU -> writer.node(name, "Relu", List.of(in), out);
            case POOL -> writer.node(name, "MaxPool", List.of(in), out, ints("kernel_shape", POOL, POOL),
                    ints("strides", POOL, POOL));
            case FLATTEN -> writer.node(name, "Flatten", List.of(in), out, integer("axis", 1));
            default -> throw new IllegalStateException("unhandled " + kind);
        }
    }

    /** DJL's weight layout (filters, in / groups, kh, kw) is ONNX's; padding is symmetric in DJL. */
    private void conv(Conv2d conv, String name, String in, String out) {
        List<String> inputs = new ArrayList<>(List.of(in, weight(conv, name, "weight", "weight")));
        if (conv.isIncludeBias()) {
            inputs.add(weight(conv, name, "bias", "bias"));
        }
        long[] pad = conv.getPadding().getShape();
        writer.node(name, "Conv", inputs, out, ints("kernel_shape", conv.getKernelShape().getShape()),
                ints("strides", conv.getStride().getShape()), ints("dilations", conv.getDilation().getShape()),
                ints("pads", pad[0], pad[1], pad[0], pad[1]), integer("group", conv.getGroups()));
    }

    private String weight(Block block, String name, String djlName, String onnxName) {
        Parameter p = block.getParameters().get(djlName);
        if (p == null || !p.isInitialized()) {
            throw new IllegalStateException(name + ": DJL parameter '" + djlName + "' is missing or not loaded");
        }
        return writer.weight(name + "." + onnxName, p.getArray());
    }

    private static IllegalArgumentException refuse(String unit, Block block, String why) {
        return new IllegalArgumentException("cannot export unit '" + unit + "': " + block.getClass().getSimpleName()
                + " " + block + " (" + why + ")");
    }
}
