package io.dynasplit.scheduler.decision;

import io.dynasplit.contracts.Topics;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.processor.internals.DefaultKafkaClientSupplier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandTopicsWarmupTest {

    /** A producer that records the topics asked for; one topic blocks, as a missing one does (max.block.ms). */
    static final class AskedTopics extends MockProducer<byte[], byte[]> {
        final Set<String> asked = ConcurrentHashMap.newKeySet();
        final String blocking;

        AskedTopics(String blocking) {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
            this.blocking = blocking;
        }

        @Override
        public List<PartitionInfo> partitionsFor(String topic) {
            asked.add(topic);
            if (topic.equals(blocking)) {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return List.of();
        }
    }

    private static KafkaClientSupplier supplying(Producer<byte[], byte[]> producer) {
        return new DefaultKafkaClientSupplier() {
            @Override
            public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
                return producer;
            }
        };
    }

    @Test
    void aNewProducerIsToldEveryDevicesCommandsTopicBeforeItIsHandedToKafkaStreams() {
        List<String> devices = IntStream.range(0, 300).mapToObj(i -> "board-" + i).toList();
        AskedTopics producer = new AskedTopics("none");
        CommandTopicsWarmup warmup = new CommandTopicsWarmup(supplying(producer), devices, Duration.ofSeconds(10));

        assertSame(producer, warmup.getProducer(Map.of()));
        assertEquals(devices.stream().map(Topics::edgeCommands).collect(Collectors.toSet()), producer.asked);
    }

    @Test
    void aTopicThatDoesNotAnswerHoldsTheStartOnlyUntilTheBound() {
        List<String> devices = List.of("pi-a", "pi-b", "pi-missing");
        AskedTopics producer = new AskedTopics(Topics.edgeCommands("pi-missing"));
        CommandTopicsWarmup warmup = new CommandTopicsWarmup(supplying(producer), devices, Duration.ofMillis(300));

        long t0 = System.nanoTime();
        int known = warmup.warm(producer);
        long tookMs = (System.nanoTime() - t0) / 1_000_000;

        assertEquals(2, known, "the two that answered");
        assertTrue(tookMs < 5_000, "returned at the bound, not after the blocked ask: " + tookMs + " ms");
        assertEquals(3, producer.asked.size());
    }

    @Test
    void withNoDevicesNothingIsAsked() {
        AskedTopics producer = new AskedTopics("none");
        assertEquals(0, new CommandTopicsWarmup(supplying(producer), List.of(), Duration.ofSeconds(1)).warm(producer));
        assertTrue(producer.asked.isEmpty());
    }
}
