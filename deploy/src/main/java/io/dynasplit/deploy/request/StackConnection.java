package io.dynasplit.deploy.request;

import io.dynasplit.contracts.Topics;
import io.dynasplit.deploy.stack.StackAddress;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds the running stack (the address given, else the one {@code ./dynasplit stack} wrote) and checks that its
 * broker answers and knows the edge device, so that a request is never sent where nothing will serve it.
 */
final class StackConnection {
    private StackConnection() {
    }

    /** {@code given} when set, else the stack's address file; a {@link NoStackException} says how to get one. */
    static String bootstrapServers(String given, StackAddress address) {
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        return address.read().orElseThrow(() -> new NoStackException("no running stack found: " + address.file()
                + " does not exist. Start one with ./dynasplit stack (it writes its Kafka address there), or give"
                + " --bootstrap-servers HOST:PORT"));
    }

    /** The edge devices of the stack at {@code kafka}: those with a commands topic. */
    static List<String> edgeDevices(KafkaClientSettings kafka, Duration timeout, boolean fromAddressFile) {
        Map<String, Object> props = kafka.clientProperties(Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()));
        Admin admin = Admin.create(props);
        try {
            Set<String> topics = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return topics.stream().map(Topics::edgeDeviceOf).flatMap(Optional::stream).sorted().toList();
        } catch (TimeoutException | ExecutionException e) {
            throw new NoStackException("no Kafka broker answers at " + kafka.bootstrapServers() + " within "
                    + timeout.toSeconds() + " s" + (fromAddressFile
                    ? ": the stack that wrote this address has stopped; start one with ./dynasplit stack"
                    : ": is the address right, and the broker running?"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoStackException("interrupted while reaching " + kafka.bootstrapServers());
        } finally {
            admin.close(Duration.ofSeconds(1)); // a call still pending on an absent broker would hold close otherwise
        }
    }

    /** No stack to send to: the message says why and what to do. */
    static final class NoStackException extends RuntimeException {
        NoStackException(String message) {
            super(message);
        }
    }
}
