package io.dynasplit.testbed.emulated;

/**
 * The shape of one split layer: what it computes and what it outputs.
 *
 * @param name        the layer (or block) at this split point
 * @param macsM       multiply-accumulates, millions
 * @param outElements elements of its output tensor (what a split after it ships)
 * @param weightsM    parameters, millions (int8 bytes on the Edge TPU: what must stream over USB past its cache)
 * @param cpuFactor   how much slower than a dense int8 GEMM this layer runs per MAC on the edge CPU (depthwise
 *                    convolutions: more than 1)
 */
public record LayerShape(String name, double macsM, long outElements, double weightsM, double cpuFactor) {
}
