package io.dynasplit.servicekit.startup;

import org.eclipse.microprofile.config.Config;

import java.util.HashMap;
import java.util.Map;

/** Settings for plain Kafka clients (admin, history reader): bootstrap servers plus security, SASL and TLS. */
public final class KafkaClientConfig {
    private KafkaClientConfig() {
    }

    public static Map<String, Object> from(Config config) {
        Map<String, Object> client = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.equals("kafka.bootstrap.servers") || name.startsWith("kafka.security.")
                    || name.startsWith("kafka.sasl.") || name.startsWith("kafka.ssl.")) {
                config.getOptionalValue(name, String.class).ifPresent(v -> client.put(name.substring("kafka.".length()), v));
            }
        }
        return client;
    }
}
