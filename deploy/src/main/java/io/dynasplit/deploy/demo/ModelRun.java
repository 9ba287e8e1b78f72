package io.dynasplit.deploy.demo;

import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.selection.evaluation.RequestRecord;
import io.dynasplit.selection.evaluation.StrategySummary;

import java.util.List;
import java.util.Map;

/**
 * One model's part of the demo: its front, the thresholds, DynaSplit's live results through the pipeline, every
 * strategy's per-request records (live DynaSplit under {@link #LIVE}, the others on the emulated testbed) and their
 * summaries.
 */
record ModelRun(ModelDescriptor model, ParetoFront front, double[] thresholds, String thresholdSource,
                List<InferenceResult> live,
                Map<String, List<RequestRecord>> records, List<StrategySummary> summaries) {
    static final String LIVE = "dynasplit-live";
}
