package io.dynasplit.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;

/**
 * The one ONNX Runtime environment of the JVM (ONNX Runtime's rule), logging errors only: its warnings about the
 * graphs it is given (unused initializers in the zoo graphs, initializers listed as inputs) are facts of the model,
 * reported once by the importer where they matter, not on every session a node builds.
 */
public final class OnnxRuntimeEnvironment {
    private OnnxRuntimeEnvironment() {
    }

    public static OrtEnvironment get() {
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "dynasplit");
    }
}
