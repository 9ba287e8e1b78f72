package io.dynasplit.localbroker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one client needs to reach the secured local broker: its SCRAM-SHA-512 user name and password, and the CA
 * certificate (PEM) that signed the broker's. The password never leaves this JVM except in what a caller passes on.
 */
public record KafkaCredentials(String username, String password, String trustedCertificatesPem) {
    public static final String SECURITY_PROTOCOL = "SASL_SSL";
    public static final String SASL_MECHANISM = "SCRAM-SHA-512";

    public String jaasConfig() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + username
                + "\" password=\"" + password + "\";";
    }

    /** Kafka client properties (no {@code kafka.} prefix): protocol, mechanism, JAAS line and the PEM trust store. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("security.protocol", SECURITY_PROTOCOL);
        props.put("sasl.mechanism", SASL_MECHANISM);
        props.put("sasl.jaas.config", jaasConfig());
        props.put("ssl.truststore.type", "PEM");
        props.put("ssl.truststore.certificates", trustedCertificatesPem);
        return props;
    }

    /** The same credentials with another password: for tests of a refused login. */
    public KafkaCredentials withPassword(String other) {
        return new KafkaCredentials(username, other, trustedCertificatesPem);
    }

    @Override
    public String toString() {
        return "KafkaCredentials[" + username + "]";
    }
}
