package io.dynasplit.testbed.emulated;

/**
 * Which shape features (tail MACs, tensor KB, tail weights, ...) get a rate of their own when the shape priors are
 * fitted on a reference network's split points. A feature the reference cannot tell apart from the others gets an
 * arbitrary rate that only shows when a network whose feature varies on its own is priced (docs/estimate.md).
 */
public enum FeatureSelection {
    /** A feature gets a rate when it varies over the reference's split points (the first form). */
    VARYING,
    /** A feature gets a rate when it varies independently of the features before it (the form in use). */
    INDEPENDENT
}
