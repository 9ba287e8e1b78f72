package io.dynasplit.onnx.split;

import java.util.List;

/**
 * One split point of an imported model: the tensor that crosses the wire (name, shape at batch 1, ONNX element
 * type), its payload bytes in fp32 and in int8 (one byte per element; scale and zero point travel in the frame
 * header), and the multiply-accumulates and parameter bytes on each side. Layer 0 ships the input and runs
 * nothing on the edge; the last layer ships nothing (only the label) and runs nothing in the cloud.
 */
public record SplitPointRow(int layer, String tensor, List<Long> shape, int elemType, long fp32Bytes, long int8Bytes,
                            long headMacs, long tailMacs, long headParamBytes, long tailParamBytes) {
    public SplitPointRow {
        shape = List.copyOf(shape);
    }
}
