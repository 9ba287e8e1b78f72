package io.dynasplit.optimizer.quality;

import org.moeaframework.core.NondominatedPopulation;
import org.moeaframework.core.Solution;
import org.moeaframework.core.indicator.Hypervolume;
import org.moeaframework.core.indicator.Normalizer;
import org.moeaframework.problem.AbstractProblem;

import java.util.List;

/**
 * Hypervolume of a front relative to a reference (exhaustive) front, with an explicit reference point.
 *
 * <p>Normalisation: each minimised objective is scaled so that the reference front's ideal point maps to 0 and its
 * nadir point to 1; the hypervolume reference point is 1.1 on every axis (the nadir plus 10% of each objective's
 * range). The MOEA Framework's default normaliser would instead use the reference set's own bounds with no margin,
 * where the extreme points add nothing (see shared/reference/djl-moea.md 4.3). The ratio is invariant to the
 * scaling; it depends only on the reference point, which is why the 10% margin is stated with every figure.
 */
public final class HypervolumeRatio {
    public static final double REFERENCE_MARGIN = 0.1;
    public static final String NORMALISATION = "objectives min-max normalised to the exhaustive front's ideal (0) and "
            + "nadir (1), reference point 1.1 on every axis";

    private final int objectives;
    private final double[] ideal;
    private final double[] referencePoint;
    private final Hypervolume indicator;
    private final double referenceVolume;

    private HypervolumeRatio(List<double[]> referenceFront) {
        if (referenceFront.isEmpty()) {
            throw new IllegalArgumentException("the reference front is empty");
        }
        this.objectives = referenceFront.get(0).length;
        this.ideal = new double[objectives];
        double[] nadir = new double[objectives];
        this.referencePoint = new double[objectives];
        for (int i = 0; i < objectives; i++) {
            final int axis = i;
            ideal[i] = referenceFront.stream().mapToDouble(v -> v[axis]).min().orElseThrow();
            nadir[i] = referenceFront.stream().mapToDouble(v -> v[axis]).max().orElseThrow();
            // a front that is one point on an axis has no range there: use one unit so the volume is not zero
            double range = nadir[i] > ideal[i] ? nadir[i] - ideal[i] : 1.0;
            referencePoint[i] = nadir[i] + REFERENCE_MARGIN * range;
        }
        this.indicator = new Hypervolume(new ObjectiveSpace(objectives), Normalizer.of(ideal, referencePoint));
        this.referenceVolume = volume(referenceFront);
    }

    /** An indicator scored against this reference front (objective vectors, every coordinate minimised). */
    public static HypervolumeRatio against(List<double[]> referenceFront) {
        return new HypervolumeRatio(referenceFront);
    }

    /** The normalised hypervolume of a front: the fraction of the box [ideal, reference point] that it dominates. */
    public double volume(List<double[]> front) {
        NondominatedPopulation population = new NondominatedPopulation();
        for (double[] v : front) {
            if (v.length != objectives) {
                throw new IllegalArgumentException("expected " + objectives + " objectives, got " + v.length);
            }
            Solution s = new Solution(0, objectives);
            s.setObjectives(v);
            population.add(s);
        }
        return population.isEmpty() ? 0.0 : indicator.evaluate(population);
    }

    /** {@code volume(front) / volume(reference front)}; 1.0 for the reference front itself. */
    public double ratio(List<double[]> front) {
        return volume(front) / referenceVolume;
    }

    public double referenceVolume() {
        return referenceVolume;
    }

    public double[] referencePoint() {
        return referencePoint.clone();
    }

    public double[] ideal() {
        return ideal.clone();
    }

    /** The indicator needs a problem only to know the number of objectives. */
    private static final class ObjectiveSpace extends AbstractProblem {
        ObjectiveSpace(int objectives) {
            super(0, objectives);
        }

        @Override
        public void evaluate(Solution solution) {
            throw new UnsupportedOperationException("objective space only");
        }

        @Override
        public Solution newSolution() {
            return new Solution(0, getNumberOfObjectives());
        }
    }
}
