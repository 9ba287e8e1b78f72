package io.dynasplit.deploy.bench;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One hop of {@link PlainRelayChain}, in its own JVM: forwards every record of one topic to another with plain Kafka
 * clients on one thread, no framework and no work. The clients are set like the services' request path (acks=all,
 * {@code linger.ms=0}, {@code fetch.max.wait.ms=100}). Runs until killed.
 * <p>Usage: {@code java -cp dynasplit.jar io.dynasplit.deploy.bench.PlainRelay BOOTSTRAP FROM_TOPIC TO_TOPIC}
 */
public final class PlainRelay {
    private PlainRelay() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: PlainRelay BOOTSTRAP FROM_TOPIC TO_TOPIC");
            System.exit(2);
        }
        String bootstrap = args[0];
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap,
                "group.id", "bench-relay-" + args[1], "auto.offset.reset", "latest", "fetch.max.wait.ms", 100),
                new StringDeserializer(), new ByteArrayDeserializer());
             var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap,
                     "acks", "all", "linger.ms", 0), new StringSerializer(), new ByteArraySerializer())) {
            consumer.subscribe(List.of(args[1]));
            while (true) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    producer.send(new ProducerRecord<>(args[2], r.key(), r.value()));
                }
            }
        }
    }
}
