package io.dynasplit.scheduler.decision;

import io.dynasplit.contracts.Topics;
import io.dynasplit.scheduler.routing.DeviceRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.processor.internals.DefaultKafkaClientSupplier;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kafka Streams' clients, with each new producer told every device's commands topic before it sends. A producer
 * fetches a topic's metadata on its first send there and blocks the stream thread meanwhile: about 10 ms a topic on
 * this machine, so with one topic per device the first command to each of 1,000 devices cost 10.9 s of decisions at
 * start, and a replica that takes over devices it never wrote to pays the same in the middle of a fail-over. Asking
 * for them all at once, from many threads, lets the producer fetch them in a few metadata requests. Bounded: a
 * topic that does not exist yet (an edge node creates its own) is left to the first send.
 */
@Singleton
public class CommandTopicsWarmup implements KafkaClientSupplier {
    private static final Logger LOG = Logger.getLogger(CommandTopicsWarmup.class);
    static final Duration BOUND = Duration.ofSeconds(15);
    private static final int THREADS = 64;

    private final KafkaClientSupplier clients;
    private final Collection<String> devices;
    private final Duration bound;

    @Inject
    public CommandTopicsWarmup(DeviceRegistry devices) {
        this(new DefaultKafkaClientSupplier(), devices.all().keySet(), BOUND);
    }

    CommandTopicsWarmup(KafkaClientSupplier clients, Collection<String> devices, Duration bound) {
        this.clients = clients;
        this.devices = List.copyOf(devices);
        this.bound = bound;
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        Producer<byte[], byte[]> producer = clients.getProducer(config);
        warm(producer);
        return producer;
    }

    /** Returns how many commands topics the producer knows when it returns (the rest are still being asked for). */
    int warm(Producer<byte[], byte[]> producer) {
        long t0 = System.nanoTime();
        AtomicInteger known = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(THREADS, devices.size())), r -> {
            Thread t = new Thread(r, "commands-topics-warmup");
            t.setDaemon(true); // a topic that does not exist yet blocks its thread for max.block.ms
            return t;
        });
        try {
            CompletableFuture<?>[] asks = devices.stream().map(device -> CompletableFuture.runAsync(() -> {
                producer.partitionsFor(Topics.edgeCommands(device));
                known.incrementAndGet();
            }, pool).exceptionally(e -> null)).toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(asks).get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("commands topics: %d of %d known after %d ms; the rest are fetched on their first command",
                    known.get(), devices.size(), bound.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warnf("commands topics: %s", e.getCause());
        } finally {
            pool.shutdown();
        }
        LOG.infof("commands topics: metadata of %d of %d devices' topics in %d ms", known.get(), devices.size(),
                (System.nanoTime() - t0) / 1_000_000);
        return known.get();
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        return clients.getConsumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return clients.getRestoreConsumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return clients.getGlobalConsumer(config);
    }

    @Override
    public Admin getAdmin(Map<String, Object> config) {
        return clients.getAdmin(config);
    }
}
