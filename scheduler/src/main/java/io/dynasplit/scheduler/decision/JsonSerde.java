package io.dynasplit.scheduler.decision;

import io.dynasplit.contracts.Json;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** A store value as JSON, with the contracts' mapper (the changelog topics are readable with any tool). */
final class JsonSerde {
    private JsonSerde() {
    }

    static <T> Serde<T> of(Class<T> type) {
        return Serdes.serdeFrom((topic, value) -> value == null ? null : Json.write(value),
                (topic, bytes) -> bytes == null ? null : Json.read(bytes, type));
    }
}
