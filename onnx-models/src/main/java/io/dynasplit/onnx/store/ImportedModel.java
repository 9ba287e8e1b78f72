package io.dynasplit.onnx.store;

import io.dynasplit.contracts.ModelDescriptor;

import java.time.Instant;
import java.util.List;

/**
 * The descriptor file ({@code model.json}) of an imported model: the {@link ModelDescriptor} the control plane
 * reads, as it reads a built-in model's, and where it came from (file name and SHA-256 of the ONNX bytes, the
 * graph's input and output names, IR version and default opset), with the warnings of its import.
 */
public record ImportedModel(ModelDescriptor descriptor, String source, String sha256, Instant importedAt,
                            String inputName, String outputName, boolean dynamicBatch, long irVersion, long opset,
                            List<String> warnings) {
    public ImportedModel {
        warnings = List.copyOf(warnings);
    }

    public String name() {
        return descriptor.name();
    }
}
