package io.dynasplit.access;

import io.dynasplit.contracts.Topics;

import java.util.List;
import java.util.Locale;

/**
 * The user names DynaSplit's clients authenticate as: one per service and one per edge device. They are also the
 * names of the Strimzi {@code KafkaUser}s (and their Secrets), so they are lower-case DNS labels: a device id
 * {@code Pi_B} becomes {@code dynasplit-edge-pi-b}, as the chart already names that device's KafkaTopic.
 */
public final class Principals {
    public static final String SCHEDULER = "dynasplit-scheduler";
    public static final String CLOUD_NODE = "dynasplit-cloud-node";
    public static final String OPTIMIZER = "dynasplit-optimizer";
    public static final String UPSTREAM = "dynasplit-upstream";
    /** A person's tools ({@code ./dynasplit request}): an upstream client that also watches commands and dead letters. */
    public static final String OPERATOR = "dynasplit-operator";
    private static final String EDGE_PREFIX = "dynasplit-edge-";

    private Principals() {
    }

    /** The services' principals, edge devices aside. */
    public static List<String> services() {
        return List.of(SCHEDULER, CLOUD_NODE, OPTIMIZER, UPSTREAM, OPERATOR);
    }

    /** The principal of one edge device: {@code dynasplit-edge-<device id, lower case, '_' as '-'>}. */
    public static String edgeDevice(String deviceId) {
        Topics.edgeCommands(deviceId); // refuses an id that cannot name a topic
        return EDGE_PREFIX + deviceId.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The Kafka principal string ACLs name: {@code User:<name>}. */
    public static String kafkaPrincipal(String userName) {
        return "User:" + userName;
    }
}
