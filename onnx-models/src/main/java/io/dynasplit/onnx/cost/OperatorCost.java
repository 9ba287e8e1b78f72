package io.dynasplit.onnx.cost;

import io.dynasplit.onnx.graph.TensorShape;
import io.dynasplit.onnx.proto.Onnx.NodeProto;

import java.util.List;
import java.util.Map;

/**
 * Multiply-accumulates of the operators that carry a network's arithmetic (1 MAC = a*b + c; FLOPs = 2 MACs), as
 * onnx-tool counts them: Conv = vol(Y) x vol(W[1:]) (W[1] is Cin/group), + vol(Y) with a bias; ConvTranspose =
 * vol(X) x vol(W[1:]); Gemm = vol(Y) x K (K = W[-1] when transB, else W[-2]), + vol(Y) with C; MatMul = vol(Y) x A[-1].
 * Every other operator (activations, pooling, normalisation, reshapes) counts 0: they move memory rather than
 * compute, and the testbed's per-byte rate accounts for memory.
 */
public final class OperatorCost {
    private OperatorCost() {
    }

    public static long macs(NodeProto node, Map<String, TensorShape> shapes) {
        List<String> in = node.getInputList();
        String out = node.getOutputCount() == 0 ? "" : node.getOutput(0);
        TensorShape y = shapes.get(out);
        if (y == null) {
            return 0;
        }
        return switch (node.getOpType()) {
            case "Conv" -> withBias(in, 2, y.elements() * tail(shapes.get(in.get(1))), y);
            case "ConvTranspose" -> shapes.get(in.get(0)).elements() * tail(shapes.get(in.get(1)));
            case "Gemm" -> withBias(in, 2, y.elements() * gemmK(node, shapes.get(in.get(1))), y);
            case "MatMul" -> y.elements() * shapes.get(in.get(0)).dim(-1);
            default -> 0;
        };
    }

    private static long withBias(List<String> inputs, int biasIndex, long macs, TensorShape y) {
        boolean bias = inputs.size() > biasIndex && !inputs.get(biasIndex).isEmpty();
        return bias ? macs + y.elements() : macs;
    }

    private static long tail(TensorShape weight) {
        long n = 1;
        for (int axis = 1; axis < weight.rank(); axis++) {
            n *= weight.dim(axis);
        }
        return n;
    }

    private static long gemmK(NodeProto node, TensorShape weight) {
        boolean transB = node.getAttributeList().stream()
                .anyMatch(a -> a.getName().equals("transB") && a.getI() != 0);
        return transB ? weight.dim(-1) : weight.dim(-2);
    }
}
