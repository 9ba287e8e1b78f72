package io.dynasplit.optimizer.search;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.WireDtype;
import io.dynasplit.optimizer.evaluation.EvaluationException;
import io.dynasplit.optimizer.evaluation.Measurement;

import java.util.List;

/**
 * The objectives, all minimised: latency, energy and, when it is one, accuracy (negated). Accuracy is an objective
 * only when it varies across configurations: models whose edge heads are int8-quantised (vgg16: the split point
 * decides how much of the network runs quantised, 0.603..0.611 in the paper) but not float models (vit-b16: the
 * same accuracy everywhere, a third objective would only add ties).
 */
public record Objectives(boolean accuracy) {

    public static Objectives forModel(ModelDescriptor model) {
        return new Objectives(accuracyVaries(model));
    }

    /** The paper's heads are int8 whenever the model ships int8 tensors; those are the models whose accuracy varies. */
    public static boolean accuracyVaries(ModelDescriptor model) {
        return model.wireDtype() == WireDtype.INT8;
    }

    public int count() {
        return accuracy ? 3 : 2;
    }

    public List<String> names() {
        return accuracy ? List.of("latency ms (min)", "energy J (min)", "accuracy (max)") : List.of("latency ms (min)", "energy J (min)");
    }

    /** The point of a measurement in objective space, every coordinate minimised. */
    public double[] vector(Measurement m) {
        if (!accuracy) {
            return new double[] {m.latencyMs(), m.energyJ()};
        }
        if (!m.hasAccuracy()) {
            throw new EvaluationException("accuracy is an objective for " + m.config().model() + " but the evaluator gave no "
                    + "accuracy for " + m.config().label() + "; give it an accuracy source or turn the accuracy objective off");
        }
        return new double[] {m.latencyMs(), m.energyJ(), -m.accuracy()};
    }

    /** Pareto dominance on minimised vectors: no worse everywhere and better somewhere. */
    public static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
            if (a[i] < b[i]) {
                better = true;
            }
        }
        return better;
    }
}
