package io.dynasplit.optimizer.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Connection settings for the optimizer's Kafka clients: bootstrap servers plus the security settings every
 * DynaSplit service takes (kafka.security.protocol, kafka.sasl.*, kafka.ssl.truststore.*), which can come from the
 * same environment variables the services read (KAFKA_SECURITY_PROTOCOL, ...).
 */
public record KafkaClientSettings(String bootstrapServers, Map<String, String> properties) {
    private static final Map<String, String> ENVIRONMENT_TO_PROPERTY = Map.of(
            "KAFKA_SECURITY_PROTOCOL", "security.protocol",
            "KAFKA_SASL_MECHANISM", "sasl.mechanism",
            "KAFKA_SASL_JAAS_CONFIG", "sasl.jaas.config",
            "KAFKA_SSL_TRUSTSTORE_LOCATION", "ssl.truststore.location",
            "KAFKA_SSL_TRUSTSTORE_PASSWORD", "ssl.truststore.password");

    public KafkaClientSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        properties = Map.copyOf(properties);
    }

    public static KafkaClientSettings of(String bootstrapServers) {
        return new KafkaClientSettings(bootstrapServers, Map.of());
    }

    /** The bootstrap servers given, with the security settings found in {@code environment}. */
    public static KafkaClientSettings fromEnvironment(String bootstrapServers, Map<String, String> environment) {
        Map<String, String> props = new HashMap<>();
        ENVIRONMENT_TO_PROPERTY.forEach((env, prop) -> {
            String v = environment.get(env);
            if (v != null && !v.isBlank()) {
                props.put(prop, v);
            }
        });
        return new KafkaClientSettings(bootstrapServers, props);
    }

    /** Client properties: these settings, then {@code extra} (client-specific: serializers, group, ...). */
    public Map<String, Object> clientProperties(Map<String, Object> extra) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("bootstrap.servers", bootstrapServers);
        all.putAll(extra);
        return all;
    }
}
