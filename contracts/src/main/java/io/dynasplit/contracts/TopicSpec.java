package io.dynasplit.contracts;

import java.util.Map;

/**
 * A topic as DynaSplit provisions it. {@code maxMessageBytes} is the topic's {@code max.message.bytes}; producers'
 * {@code max.request.size} and consumers' {@code max.partition.fetch.bytes} must be at least as large.
 */
public record TopicSpec(String name, int partitions, String cleanupPolicy, long retentionMs, int maxMessageBytes,
                        String key, String valueFormat, String eventType) {

    /** Topic-level configuration for the admin client or a Strimzi KafkaTopic. */
    public Map<String, String> configs() {
        return Map.of("cleanup.policy", cleanupPolicy,
                "retention.ms", Long.toString(retentionMs),
                "max.message.bytes", Integer.toString(maxMessageBytes));
    }
}
