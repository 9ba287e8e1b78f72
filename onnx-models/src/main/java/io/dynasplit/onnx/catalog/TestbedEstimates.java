package io.dynasplit.onnx.catalog;

import io.dynasplit.onnx.importer.AccuracyCheck;
import io.dynasplit.onnx.split.SplitPointRow;
import io.dynasplit.onnx.store.ModelPackage;
import io.dynasplit.testbed.estimate.EstimatedNetworks;
import io.dynasplit.testbed.estimate.SplitPointCost;

import java.util.List;

/**
 * Hands an imported model's split point table to the emulated paper testbed, which estimates device time and
 * energy from each point's MACs and bytes (figures labelled {@code estimated:}; docs/estimate.md says how far to
 * trust them). Without it the scheduler, which asks the testbed for the edge time of every decision, and the
 * emulated nodes could not serve the model.
 */
public final class TestbedEstimates {
    private TestbedEstimates() {
    }

    /** The costs, and the accuracy per split point with the model's wire dtype when an accuracy check ran. */
    public static void register(ModelPackage modelPackage) {
        List<Double> top1 = AccuracyCheck.top1(modelPackage.accuracy(), modelPackage.model().descriptor().wireDtype());
        EstimatedNetworks.register(modelPackage.name(), costs(modelPackage.splitPoints()), top1);
    }

    public static List<SplitPointCost> costs(List<SplitPointRow> rows) {
        return rows.stream().map(r -> new SplitPointCost(r.layer(), r.fp32Bytes(), r.int8Bytes(), r.headMacs(),
                r.tailMacs(), r.headParamBytes(), r.tailParamBytes())).toList();
    }
}
