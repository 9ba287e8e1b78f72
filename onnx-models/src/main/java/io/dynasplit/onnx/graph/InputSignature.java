package io.dynasplit.onnx.graph;

import io.dynasplit.onnx.ModelImportException;
import io.dynasplit.onnx.proto.Onnx.TensorShapeProto;
import io.dynasplit.onnx.proto.Onnx.ValueInfoProto;

import java.util.ArrayList;
import java.util.List;

/**
 * The graph input as DynaSplit feeds it: fp32, a batch dimension first (fixed or symbolic), every other dimension
 * fixed. A symbolic dimension elsewhere (a variable image size, a variable sequence length) has no single split
 * point table and no single tensor size on the wire, so it is refused.
 */
public record InputSignature(String name, List<Long> sampleShape, boolean dynamicBatch) {

    public static InputSignature of(ValueInfoProto input) {
        String name = input.getName();
        if (!input.hasType() || !input.getType().hasTensorType()) {
            throw new ModelImportException("the graph input '" + name + "' is not a tensor");
        }
        var tensor = input.getType().getTensorType();
        if (tensor.getElemType() != TensorShape.FLOAT) {
            throw new ModelImportException("the graph input '" + name + "' has element type " + tensor.getElemType()
                    + "; DynaSplit feeds fp32 inputs (ONNX type 1)");
        }
        if (!tensor.hasShape() || tensor.getShape().getDimCount() < 2) {
            throw new ModelImportException("the graph input '" + name + "' has no shape of rank >= 2"
                    + " (batch first, then the sample's dimensions)");
        }
        List<TensorShapeProto.Dimension> dims = tensor.getShape().getDimList();
        List<Long> sample = new ArrayList<>();
        for (int axis = 1; axis < dims.size(); axis++) {
            TensorShapeProto.Dimension dim = dims.get(axis);
            if (!dim.hasDimValue() || dim.getDimValue() <= 0) {
                throw new ModelImportException("the graph input '" + name + "' has a dynamic dimension at axis " + axis
                        + " ('" + dim.getDimParam() + "'); only the batch dimension (axis 0) may be dynamic:"
                        + " export with a fixed input size");
            }
            sample.add(dim.getDimValue());
        }
        TensorShapeProto.Dimension batch = dims.get(0);
        boolean dynamic = !batch.hasDimValue() || batch.getDimValue() <= 0;
        if (!dynamic && batch.getDimValue() != 1) {
            throw new ModelImportException("the graph input '" + name + "' has a fixed batch of "
                    + batch.getDimValue() + "; export with batch 1 or a dynamic batch");
        }
        return new InputSignature(name, sample, dynamic);
    }

    /** The input's shape at batch size 1. */
    public long[] shapeAtBatchOne() {
        long[] shape = new long[sampleShape.size() + 1];
        shape[0] = 1;
        for (int i = 0; i < sampleShape.size(); i++) {
            shape[i + 1] = sampleShape.get(i);
        }
        return shape;
    }
}
