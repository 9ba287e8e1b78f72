package io.dynasplit.optimizer.search;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.optimizer.evaluation.Measurement;
import org.moeaframework.core.Solution;
import org.moeaframework.core.variable.EncodingUtils;
import org.moeaframework.problem.AbstractProblem;

import java.util.Optional;

/**
 * The configuration search as a MOEA Framework problem. Variables: split layer, CPU frequency step, accelerator
 * mode (integers, as rounded reals so that every value is equally likely) and cloud GPU (one bit). Each solution is
 * decoded to the valid, canonical configuration it stands for and written back (repair), then measured through the
 * {@link EvaluationCache}.
 */
public final class SplitConfigurationProblem extends AbstractProblem {
    static final int LAYER = 0;
    static final int FREQUENCY = 1;
    static final int MODE = 2;
    static final int GPU = 3;
    /** Solutions proposed after the budget was spent carry this attribute and are never part of a front. */
    public static final String UNMEASURED = "unmeasured";

    private final SearchSpace space;
    private final Objectives objectives;
    private final EvaluationCache cache;
    private double[] worstSeen;

    public SplitConfigurationProblem(SearchSpace space, Objectives objectives, EvaluationCache cache) {
        super(4, objectives.count());
        this.space = space;
        this.objectives = objectives;
        this.cache = cache;
    }

    @Override
    public String getName() {
        return "split-configuration/" + space.model().name();
    }

    @Override
    public Solution newSolution() {
        Solution s = new Solution(getNumberOfVariables(), getNumberOfObjectives());
        s.setVariable(LAYER, EncodingUtils.newInt(0, space.lastLayer()));
        s.setVariable(FREQUENCY, EncodingUtils.newInt(0, space.frequenciesMhz().size() - 1));
        s.setVariable(MODE, EncodingUtils.newInt(0, space.acceleratorModes().size() - 1));
        s.setVariable(GPU, EncodingUtils.newBoolean());
        return s;
    }

    @Override
    public void evaluate(Solution solution) {
        SplitConfig config = decode(solution);
        encode(config, solution);
        Optional<Measurement> m = cache.measure(config);
        if (m.isPresent()) {
            double[] v = objectives.vector(m.get());
            solution.setObjectives(v);
            solution.removeAttribute(UNMEASURED);
            worstSeen = worstSeen == null ? v.clone() : max(worstSeen, v);
        } else {
            // over budget: the search stops after this generation and fronts come from the cache, so any finite
            // point that attracts nothing will do
            solution.setObjectives(worstSeen.clone());
            solution.setAttribute(UNMEASURED, Boolean.TRUE);
        }
    }

    public SplitConfig decode(Solution s) {
        return space.decode(EncodingUtils.getInt(s.getVariable(LAYER)), EncodingUtils.getInt(s.getVariable(FREQUENCY)),
                EncodingUtils.getInt(s.getVariable(MODE)), EncodingUtils.getBoolean(s.getVariable(GPU)));
    }

    /** A solution that decodes to {@code config}: used to seed the first population with the corners. */
    public Solution toSolution(SplitConfig config) {
        Solution s = newSolution();
        encode(config, s);
        return s;
    }

    private void encode(SplitConfig config, Solution s) {
        EncodingUtils.setInt(s.getVariable(LAYER), config.layer());
        EncodingUtils.setInt(s.getVariable(FREQUENCY), space.frequencyIndex(config));
        EncodingUtils.setInt(s.getVariable(MODE), space.modeIndex(config));
        EncodingUtils.setBoolean(s.getVariable(GPU), config.cloudGpu());
    }

    private static double[] max(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = Math.max(a[i], b[i]);
        }
        return r;
    }
}
