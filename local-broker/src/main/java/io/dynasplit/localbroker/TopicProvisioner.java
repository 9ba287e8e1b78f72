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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates missing topics with their explicit settings and checks that existing ones can hold what DynaSplit sends
 * (their {@code max.message.bytes} is at least the spec's); fails fast with the reason otherwise.
 *
 * <p>Topics are created in bounded batches: a KRaft controller refuses a CreateTopics request that would write more
 * than 10,000 metadata records ("Unable to perform excessively large batch operation"), and each topic writes one
 * record for itself, one per partition and one per config, so a single request tops out near 2,000 device topics.
 */
public final class TopicProvisioner implements AutoCloseable {
    /** The controller's limit is 10,000 records per request (QuorumController.MAX_RECORDS_PER_USER_OP): half of it. */
    public static final int DEFAULT_MAX_RECORDS_PER_REQUEST = 5_000;
    /** Config descriptions are about 40 entries per topic: a few thousand topics per request would be megabytes. */
    private static final int DESCRIBE_BATCH = 1_000;

    private final Admin admin;
    private final int maxRecordsPerRequest;

    public TopicProvisioner(String bootstrapServers) {
        this(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** @param clientConfig admin client settings, e.g. bootstrap servers plus SASL/TLS */
    public TopicProvisioner(Map<String, Object> clientConfig) {
        this(clientConfig, DEFAULT_MAX_RECORDS_PER_REQUEST);
    }

    /** @param maxRecordsPerRequest metadata records one CreateTopics request may write at most (see the class comment) */
    public TopicProvisioner(Map<String, Object> clientConfig, int maxRecordsPerRequest) {
        if (maxRecordsPerRequest < 1) {
            throw new IllegalArgumentException("maxRecordsPerRequest must be >= 1, got " + maxRecordsPerRequest);
        }
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        this.admin = Admin.create(props);
        this.maxRecordsPerRequest = maxRecordsPerRequest;
    }

    public void ensure(Collection<TopicSpec> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<TopicSpec> missing = topics.stream().filter(spec -> !existing.contains(spec.name())).toList();
            for (List<TopicSpec> batch : batches(missing, maxRecordsPerRequest)) {
                create(batch);
            }
            checkMessageSizes(topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning topics", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka to provision topics: " + e, e);
        }
    }

    private void create(List<TopicSpec> batch) throws InterruptedException, java.util.concurrent.TimeoutException {
        List<NewTopic> topics = batch.stream()
                .map(spec -> new NewTopic(spec.name(), spec.partitions(), (short) -1).configs(spec.configs())).toList();
        for (var entry : admin.createTopics(topics).values().entrySet()) {
            try {
                entry.getValue().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + entry.getKey() + ": " + e.getCause(), e);
                }
            }
        }
    }

    /**
     * Splits {@code topics} into consecutive batches whose metadata records (one per topic, partition and config) stay
     * within {@code maxRecords}; a topic that alone exceeds it goes in a batch of its own, for the broker to judge.
     */
    static List<List<TopicSpec>> batches(List<TopicSpec> topics, int maxRecords) {
        List<List<TopicSpec>> batches = new ArrayList<>();
        List<TopicSpec> current = new ArrayList<>();
        int records = 0;
        for (TopicSpec spec : topics) {
            int cost = metadataRecords(spec);
            if (!current.isEmpty() && records + cost > maxRecords) {
                batches.add(current);
                current = new ArrayList<>();
                records = 0;
            }
            current.add(spec);
            records += cost;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /** What creating the topic writes to the metadata log: the topic, each partition, each config. */
    static int metadataRecords(TopicSpec spec) {
        return 1 + spec.partitions() + spec.configs().size();
    }

    /** Throws when a topic's {@code max.message.bytes} is below what the spec needs. */
    public void checkMessageSizes(Collection<TopicSpec> topics)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList();
        Map<ConfigResource, Config> configs = new HashMap<>();
        for (int from = 0; from < resources.size(); from += DESCRIBE_BATCH) {
            configs.putAll(describeWhenKnown(resources.subList(from, Math.min(resources.size(), from + DESCRIBE_BATCH))));
        }
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

    /**
     * A topic just created reaches the brokers' metadata after the controller has committed it, and a broker creates
     * each partition's log as it applies that: thousands of new topics can take it many seconds. Retry until then.
     */
    private Map<ConfigResource, Config> describeWhenKnown(List<ConfigResource> resources)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                return admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
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
