package io.dynasplit.localbroker;

import io.dynasplit.contracts.TopicSpec;
import io.dynasplit.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicProvisionerTest {
    /** 2,500 device topics write 12,500 metadata records: more than a KRaft controller takes in one request. */
    private static final int FLEET = 2_500;

    static LocalKafka kafka;

    @BeforeAll
    static void start() {
        kafka = LocalKafka.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static List<TopicSpec> devices(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> Topics.edgeCommandsSpec(prefix + i)).toList();
    }

    @Test
    void batchesStayWithinTheRecordBudgetInOrder() {
        List<TopicSpec> specs = devices("d", FLEET);
        assertEquals(5, TopicProvisioner.metadataRecords(specs.get(0)), "topic + 1 partition + 3 configs");

        List<List<TopicSpec>> batches = TopicProvisioner.batches(specs, 5_000);

        assertEquals(List.of(1000, 1000, 500), batches.stream().map(List::size).toList());
        assertEquals(specs, batches.stream().flatMap(List::stream).toList());
    }

    @Test
    void aTopicAboveTheBudgetGoesAloneAndNoBatchIsEmpty() {
        TopicSpec wide = new TopicSpec("wide", 20, "delete", 1000, 1000, "k", "v", "t");
        List<TopicSpec> specs = List.of(Topics.edgeCommandsSpec("a"), wide, Topics.edgeCommandsSpec("b"));

        assertEquals(List.of(List.of(specs.get(0)), List.of(wide), List.of(specs.get(2))),
                TopicProvisioner.batches(specs, 10));
        assertEquals(List.of(), TopicProvisioner.batches(List.of(), 10));
    }

    @Test
    void theControllerRefusesSoManyTopicsInOneRequest() throws Exception {
        List<NewTopic> all = devices("single-request-", FLEET).stream()
                .map(s -> new NewTopic(s.name(), s.partitions(), (short) -1).configs(s.configs())).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> admin.createTopics(all).all().get());
            assertTrue(String.valueOf(e.getCause().getMessage()).contains("excessively large batch"), e.toString());
        }
    }

    @Test
    void provisionsMoreDeviceTopicsThanOneRequestTakes() throws Exception {
        List<TopicSpec> specs = devices("fleet-", FLEET);
        try (TopicProvisioner provisioner = new TopicProvisioner(kafka.bootstrapServers())) {
            provisioner.ensure(specs);
            provisioner.ensure(specs); // all exist now: nothing to create, sizes still checked
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get();
            assertTrue(names.containsAll(specs.stream().map(TopicSpec::name).toList()));
        }
    }
}
