package io.dynasplit.contracts;

/** One of the top-k predicted classes. */
public record ClassScore(int classIndex, String label, double score) {
}
