package io.dynasplit.servicekit.messaging;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Optional;

/** A {@link RequestPathSender} whose every channel is one Kafka {@link MockProducer}: acknowledged when the test says. */
public final class MockProducerSender extends RequestPathSender {
    public final MockProducer<String, byte[]> producer;

    public MockProducerSender(boolean autoComplete) {
        producer = new MockProducer<>(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
    }

    /** Waits up to 10 s until {@code count} records have been sent, else fails. */
    public void awaitSent(int count) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (producer.history().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(producer.history().size() + " of " + count + " records sent after 10 s");
            }
            Thread.onSpinWait();
        }
    }

    @Override
    Optional<Producer<String, byte[]>> channelProducer(String channel) {
        return Optional.of(producer);
    }
}
