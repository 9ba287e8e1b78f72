package io.dynasplit.optimizer.kafka;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class KafkaClientSettingsTest {
    @Test
    void takesTheServicesSecuritySettingsFromTheirEnvironmentVariables() {
        KafkaClientSettings s = KafkaClientSettings.fromEnvironment("broker:9093", Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", "x", "KAFKA_SSL_TRUSTSTORE_LOCATION", "/t.p12", "KAFKA_SSL_TRUSTSTORE_PASSWORD", "pw",
                "KAFKA_SASL_MECHANISM_TYPO", "ignored", "KAFKA_SSL_TRUSTSTORE_TYPE", ""));
        Map<String, Object> props = s.clientProperties(Map.of("acks", "all"));
        assertEquals("broker:9093", props.get("bootstrap.servers"));
        assertEquals("SASL_SSL", props.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", props.get("sasl.mechanism"));
        assertEquals("x", props.get("sasl.jaas.config"));
        assertEquals("/t.p12", props.get("ssl.truststore.location"));
        assertEquals("pw", props.get("ssl.truststore.password"));
        assertEquals("all", props.get("acks"));
        assertEquals(7, props.size());
        assertFalse(KafkaClientSettings.fromEnvironment("b:1", Map.of()).clientProperties(Map.of()).containsKey("security.protocol"));
    }
}
