package io.dynasplit.onnx.importer;

import io.dynasplit.onnx.ModelImportException;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.dynasplit.contracts.WireDtype;
import io.dynasplit.onnx.accuracy.AgreementRow;
import io.dynasplit.onnx.accuracy.SampleSet;
import io.dynasplit.onnx.accuracy.SplitAgreement;
import io.dynasplit.onnx.runtime.OnnxSplitRunner;
import io.dynasplit.onnx.runtime.RunnerSettings;

import java.util.List;

/**
 * The accuracy check of an import with a sample set: top-1 of split execution against the unsplit fp32 model at
 * every split point, in fp32 and in int8 on the wire (the wire's own codec). It decides the wire dtype: int8 only
 * when at every split point int8 keeps at least {@code minInt8Agreement} of the samples' top-1 class (default 0.99:
 * at most one sample in a hundred changes class anywhere), else fp32. Its rows become the optimizer's accuracy
 * objective (against labels when the set has them, else agreement).
 */
public record AccuracyCheck(SampleSet samples, double minInt8Agreement) {
    public static final double DEFAULT_MIN_INT8_AGREEMENT = 0.99;

    public AccuracyCheck {
        if (!(minInt8Agreement > 0 && minInt8Agreement <= 1)) {
            throw new IllegalArgumentException("the int8 agreement bar must be in (0, 1], got " + minInt8Agreement);
        }
    }

    /** The rows of every split point, fp32 then int8. */
    List<AgreementRow> measure(ModelAnalysis analysis) {
        try (OnnxSplitRunner runner = new OnnxSplitRunner(analysis.graph(), analysis.splitPoints(),
                new RunnerSettings(1, OptLevel.ALL_OPT))) {
            return SplitAgreement.measure(runner, samples, java.util.stream.IntStream.rangeClosed(0,
                    analysis.lastLayer()).boxed().toList(), List.of(WireDtype.FP32, WireDtype.INT8),
                    Runtime.getRuntime().availableProcessors());
        } catch (IllegalArgumentException e) {
            throw new ModelImportException("the sample set does not fit the model: " + e.getMessage(), e);
        }
    }

    /** INT8 when every split point's int8 agreement reaches the bar, else FP32. */
    WireDtype wireDtype(List<AgreementRow> rows) {
        boolean int8Holds = rows.stream().filter(r -> r.dtype() == WireDtype.INT8)
                .allMatch(r -> r.agreement() >= minInt8Agreement);
        return int8Holds ? WireDtype.INT8 : WireDtype.FP32;
    }

    /** Top-1 per split point with {@code dtype} on the wire: against labels when there are some, else agreement. */
    public static List<Double> top1(List<AgreementRow> rows, WireDtype dtype) {
        return rows.stream().filter(r -> r.dtype() == dtype).sorted(java.util.Comparator.comparingInt(AgreementRow::layer))
                .map(r -> r.top1().orElse(r.agreement())).toList();
    }
}
