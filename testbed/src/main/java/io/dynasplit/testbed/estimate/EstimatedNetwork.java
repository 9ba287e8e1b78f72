package io.dynasplit.testbed.estimate;

import java.util.List;
import java.util.Objects;

/**
 * A network the paper never measured, described only by its split points (0..L, in order), so that the emulated
 * paper testbed can estimate its costs. Checked on construction: a table that contradicts itself would give
 * estimates that mean nothing, and they would be hard to trace back to the table.
 *
 * @param model  the model's name, as in its {@code ModelDescriptor}
 * @param points split points 0..L, each at its own index
 * @param top1   top-1 accuracy per split point 0..L with the model's wire dtype, measured on a sample set (against
 *               labels where it has them, else agreement with the unsplit model); empty when none was measured
 */
public record EstimatedNetwork(String model, List<SplitPointCost> points, List<Double> top1) {

    public EstimatedNetwork(String model, List<SplitPointCost> points) {
        this(model, points, List.of());
    }

    public EstimatedNetwork {
        Objects.requireNonNull(model, "model");
        if (model.isBlank()) {
            throw new IllegalArgumentException("model name must not be blank");
        }
        points = List.copyOf(points);
        if (points.size() < 2) {
            throw new IllegalArgumentException(model + ": needs split points 0 (cloud-only) and L (edge-only), got "
                    + points.size());
        }
        for (int l = 0; l < points.size(); l++) {
            check(model, points, l);
        }
        top1 = List.copyOf(top1);
        if (!top1.isEmpty() && top1.size() != points.size()) {
            throw new IllegalArgumentException(model + ": " + top1.size() + " accuracy figures for " + points.size()
                    + " split points");
        }
    }

    private static void check(String model, List<SplitPointCost> points, int l) {
        SplitPointCost p = points.get(l);
        if (p.layer() != l) {
            throw new IllegalArgumentException(model + ": split point at index " + l + " says layer " + p.layer());
        }
        SplitPointCost first = points.get(0);
        if (p.headMacs() + p.tailMacs() != first.headMacs() + first.tailMacs()) {
            throw new IllegalArgumentException(model + ": head + tail MACs at layer " + l + " (" + p.headMacs() + " + "
                    + p.tailMacs() + ") differ from layer 0's total " + (first.headMacs() + first.tailMacs()));
        }
        if (l > 0 && (p.headMacs() < points.get(l - 1).headMacs()
                || p.headParamBytes() < points.get(l - 1).headParamBytes())) {
            throw new IllegalArgumentException(model + ": head MACs and parameter bytes must not shrink from layer "
                    + (l - 1) + " to " + l);
        }
        if (l == 0 && p.headMacs() != 0) {
            throw new IllegalArgumentException(model + ": layer 0 runs nothing on the edge, but has " + p.headMacs()
                    + " head MACs");
        }
        if (p.elements() == 0 && l < points.size() - 1) {
            throw new IllegalArgumentException(model + ": split point " + l + " ships an empty tensor");
        }
    }

    /** L: the edge-only split point. */
    public int lastLayer() {
        return points.size() - 1;
    }

    public SplitPointCost point(int layer) {
        return points.get(layer);
    }
}
