package io.dynasplit.localbroker;

import io.dynasplit.contracts.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates missing topics with their explicit settings and checks that existing ones can hold what DynaSplit sends
 * (their {@code max.message.bytes} is at least the spec's); fails fast with the reason otherwise.
 */
public final class TopicProvisioner implements AutoCloseable {
    private final Admin admin;

    public TopicProvisioner(String bootstrapServers) {
        this(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** @param clientConfig admin client settings, e.g. bootstrap servers plus SASL/TLS */
    public TopicProvisioner(Map<String, Object> clientConfig) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        this.admin = Admin.create(props);
    }

    public void ensure(Collection<TopicSpec> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec spec : topics) {
                if (!existing.contains(spec.name())) {
                    missing.add(new NewTopic(spec.name(), spec.partitions(), (short) -1).configs(spec.configs()));
                }
            }
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey() + ": " + e.getCause(), e);
                    }
                }
            }
            checkMessageSizes(topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning topics", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka to provision topics: " + e, e);
        }
    }

    /** Throws when a topic's {@code max.message.bytes} is below what the spec needs. */
    public void checkMessageSizes(Collection<TopicSpec> topics)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList();
        Map<ConfigResource, Config> configs = describeWhenKnown(resources);
        for (TopicSpec spec : topics) {
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            var entry = config == null ? null : config.get("max.message.bytes");
            long actual = entry == null ? -1 : Long.parseLong(entry.value());
            if (actual < spec.maxMessageBytes()) {
                throw new IllegalStateException("topic " + spec.name() + " has max.message.bytes=" + actual
                        + " but DynaSplit sends records up to " + spec.maxMessageBytes()
                        + " bytes there; raise it (kafka-configs --alter --add-config max.message.bytes="
                        + spec.maxMessageBytes() + ")");
            }
        }
    }

    /** A topic just created may take a moment to reach the broker's metadata cache: retry briefly. */
    private Map<ConfigResource, Config> describeWhenKnown(List<ConfigResource> resources)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        for (int attempt = 1; ; attempt++) {
            try {
                return admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) || attempt >= 50) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
