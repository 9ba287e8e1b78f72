package io.dynasplit.onnx.split;

/**
 * A place where the graph can be cut: after the first {@code nodesBefore} non-constant nodes of the topological
 * order exactly one non-constant tensor, {@code tensor}, is live. Layer 0 is the graph input (cloud-only), the last
 * layer the graph output (edge-only).
 */
public record Cut(int layer, String tensor, int nodesBefore) {
}
