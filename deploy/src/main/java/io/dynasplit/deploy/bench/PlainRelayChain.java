package io.dynasplit.deploy.bench;

import io.dynasplit.deploy.stack.ServiceProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The floor under the pipeline's request path: the same three hops (client to scheduler, scheduler to edge node,
 * edge node to client) made by plain Kafka clients, with two {@link PlainRelay} JVMs in place of the services, on the
 * same broker, next to the same running stack and with the stack's JVM options. Whatever a round trip costs here is
 * Kafka and the machine, not DynaSplit.
 */
final class PlainRelayChain implements AutoCloseable {
    private static final List<String> TOPICS = List.of("dynasplit.bench.relay-1", "dynasplit.bench.relay-2",
            "dynasplit.bench.relay-3");
    private static final byte[] PAYLOAD = new byte[512];

    private final String bootstrap;
    private final List<Process> relays = new ArrayList<>();

    private PlainRelayChain(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Creates the chain's topics and starts the two relays. */
    static PlainRelayChain start(String bootstrap, Path logDir) {
        PlainRelayChain chain = new PlainRelayChain(bootstrap);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(TOPICS.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get();
            Files.createDirectories(logDir);
            for (int hop = 0; hop < 2; hop++) {
                List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx256m"));
                cmd.addAll(ServiceProcess.jvmOptions());
                cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), PlainRelay.class.getName(),
                        bootstrap, TOPICS.get(hop), TOPICS.get(hop + 1)));
                chain.relays.add(new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(logDir.resolve("bench-relay-" + (hop + 1) + ".log").toFile()).start());
            }
            return chain;
        } catch (IOException | ExecutionException e) {
            chain.close();
            throw new IllegalStateException("cannot start the plain relay chain: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            chain.close();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Round trips in milliseconds, one at a time as the sequential requests are: publish and wait for the broker's
     * acknowledgement (as the pipeline client does), then wait for the record to come back through both relays.
     */
    double[] roundTrips(int warmup, int n) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap, "acks", "all",
                "linger.ms", 0), new StringSerializer(), new ByteArraySerializer());
             var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap,
                     "group.id", "bench-relay-client", "auto.offset.reset", "latest"),
                     new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPICS.get(2)));
            awaitFlowing(producer, consumer);
            double[] ms = new double[n];
            for (int i = 0; i < warmup + n; i++) {
                String key = "round-" + i;
                long t0 = System.nanoTime();
                producer.send(new ProducerRecord<>(TOPICS.get(0), key, PAYLOAD)).get();
                awaitKey(consumer, key, Duration.ofSeconds(30));
                if (i >= warmup) {
                    ms[i - warmup] = (System.nanoTime() - t0) / 1e6;
                }
            }
            return ms;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The relays need a moment to join their groups: ping until one comes back. */
    private void awaitFlowing(KafkaProducer<String, byte[]> producer, KafkaConsumer<String, byte[]> consumer)
            throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        for (int ping = 0; System.nanoTime() < deadline; ping++) {
            relays.forEach(this::requireAlive);
            producer.send(new ProducerRecord<>(TOPICS.get(0), "ping-" + ping, PAYLOAD)).get();
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.key().startsWith("ping-")) {
                    consumer.poll(Duration.ofMillis(1000)); // drain the other pings in flight
                    return;
                }
            }
        }
        throw new IllegalStateException("the plain relay chain passed nothing on within 90 s");
    }

    private static void awaitKey(KafkaConsumer<String, byte[]> consumer, String key, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (key.equals(r.key())) {
                    return;
                }
            }
        }
        throw new IllegalStateException("round trip " + key + " did not come back within " + timeout);
    }

    private void requireAlive(Process relay) {
        if (!relay.isAlive()) {
            throw new IllegalStateException("a plain relay exited with " + relay.exitValue());
        }
    }

    @Override
    public void close() {
        relays.forEach(Process::destroyForcibly);
    }
}
