package io.dynasplit.localbroker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A real Kafka broker for a service's {@code @QuarkusTest}s: started once per test JVM (declare it with
 * {@code @WithTestResource(value = LocalKafkaTestResource.class, scope = GLOBAL)}), with DynaSplit's topics and the
 * commands topics of the edge devices named by the init argument {@code devices} (comma list). Injects a
 * {@link KafkaCompanion} into test fields of that type.
 */
public class LocalKafkaTestResource implements QuarkusTestResourceLifecycleManager {
    private LocalKafka kafka;
    private KafkaCompanion companion;
    private List<String> devices = List.of("pi-a", "pi-b");

    @Override
    public void init(Map<String, String> initArgs) {
        String list = initArgs.get("devices");
        if (list != null) {
            devices = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
    }

    @Override
    public Map<String, String> start() {
        kafka = LocalKafka.start();
        kafka.provisionDevices(devices);
        companion = new KafkaCompanion(kafka.bootstrapServers());
        System.out.printf("Kafka broker ready in %d ms at %s%n", kafka.startupMillis(), kafka.bootstrapServers());
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                "mp.messaging.connector.smallrye-kafka.graceful-shutdown", "false");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(companion, new TestInjector.MatchesType(KafkaCompanion.class));
    }

    @Override
    public void stop() {
        if (companion != null) {
            companion.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}
