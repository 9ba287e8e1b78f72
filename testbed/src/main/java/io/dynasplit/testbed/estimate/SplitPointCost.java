package io.dynasplit.testbed.estimate;

/**
 * What an imported network costs at one split point, as its split point table gives it: the tensor a split at
 * {@code layer} ships (payload bytes in fp32 and in int8), and the multiply-accumulates (MACs) and parameter bytes
 * of the head (layers before the cut, run on the edge) and of the tail (the rest, run in the cloud). Layer 0 ships
 * the network's input and has an empty head; the last layer has an empty tail.
 *
 * <p>These are the only facts the estimate uses: the emulated testbed turns them into device time and energy with
 * per-operation rates fitted on the paper's measurements (docs/estimate.md says how far to trust that).
 */
public record SplitPointCost(int layer, long fp32Bytes, long int8Bytes, long headMacs, long tailMacs,
                             long headParamBytes, long tailParamBytes) {

    public SplitPointCost {
        if (layer < 0) {
            throw new IllegalArgumentException("layer must be >= 0, got " + layer);
        }
        if (fp32Bytes < 0 || int8Bytes < 0 || headMacs < 0 || tailMacs < 0 || headParamBytes < 0 || tailParamBytes < 0) {
            throw new IllegalArgumentException("split point " + layer + ": bytes and MACs must be >= 0");
        }
        if (int8Bytes > fp32Bytes) {
            throw new IllegalArgumentException("split point " + layer + ": int8 bytes " + int8Bytes
                    + " exceed fp32 bytes " + fp32Bytes);
        }
    }

    /** Elements of the shipped tensor (fp32: four bytes each). */
    public long elements() {
        return fp32Bytes / 4;
    }
}
