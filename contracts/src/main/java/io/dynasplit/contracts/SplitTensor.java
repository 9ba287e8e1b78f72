package io.dynasplit.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The intermediate tensor the edge sends to the cloud, with everything the cloud needs to finish the request.
 * Topic {@link Topics#CLOUD_TENSORS}, key: request id, binary frame ({@link SplitTensorCodec}): the JSON header
 * below plus little-endian {@code data}. For {@code int8}: {@code real = (q - zeroPoint) * scale}.
 */
public record SplitTensor(int schemaVersion, @JsonProperty(required = true) String requestId, String edgeDeviceId, String model,
                          double latencyThresholdMs, Instant submittedAt, Instant deadline, @JsonProperty(required = true) SplitConfig config,
                          int splitLayer, @JsonProperty(required = true) WireDtype dtype, float scale, int zeroPoint, @JsonProperty(required = true) List<Integer> shape,
                          EdgeReport edge, @JsonIgnore byte[] data) {
    public static final int SCHEMA_VERSION = 1;

    public SplitTensor {
        Objects.requireNonNull(requestId, "requestId is required");
        Objects.requireNonNull(config, "config is required");
        Objects.requireNonNull(dtype, "dtype is required");
        shape = List.copyOf(shape);
    }

    public long elementCount() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    public SplitTensor withData(byte[] bytes) {
        return new SplitTensor(schemaVersion, requestId, edgeDeviceId, model, latencyThresholdMs, submittedAt, deadline,
                config, splitLayer, dtype, scale, zeroPoint, shape, edge, bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SplitTensor t && schemaVersion == t.schemaVersion && splitLayer == t.splitLayer
                && Float.compare(scale, t.scale) == 0 && zeroPoint == t.zeroPoint
                && Objects.equals(requestId, t.requestId) && Objects.equals(edgeDeviceId, t.edgeDeviceId)
                && Objects.equals(model, t.model) && Double.compare(latencyThresholdMs, t.latencyThresholdMs) == 0
                && Objects.equals(submittedAt, t.submittedAt) && Objects.equals(deadline, t.deadline)
                && Objects.equals(config, t.config) && dtype == t.dtype && shape.equals(t.shape)
                && Objects.equals(edge, t.edge) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, config, splitLayer, dtype, shape) * 31 + Arrays.hashCode(data);
    }
}
