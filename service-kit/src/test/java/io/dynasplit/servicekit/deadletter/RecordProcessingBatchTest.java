package io.dynasplit.servicekit.deadletter;

import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.servicekit.messaging.MockProducerSender;
import io.dynasplit.servicekit.messaging.OutgoingEvents;
import io.dynasplit.servicekit.metrics.PipelineMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordProcessingBatchTest {
    private final MockProducerSender sender = new MockProducerSender(false);
    private final List<String> deadLettered = Collections.synchronizedList(new ArrayList<>());
    private final List<String> reasons = Collections.synchronizedList(new ArrayList<>());
    private final RecordProcessing processing = new RecordProcessing();

    RecordProcessingBatchTest() {
        processing.sender = sender;
        processing.metrics = new PipelineMetrics() {
            @Override
            public void stage(String stage, double waitMs, double workMs) {
            }
        };
        processing.deadLetters = new DeadLetterPublisher() {
            @Override
            public void publish(ConsumerRecord<String, byte[]> source, RejectedRecordException rejection) {
                deadLettered.add(source.key());
                reasons.add(rejection.reason().label());
            }
        };
    }

    @Test
    void aBatchSendsEverythingBeforeWaitingAndDeadLettersTheRecordWhoseSendFailed() throws Exception {
        ConsumerRecords<String, byte[]> batch = batch("a", "b", "bad", "c");
        Thread consumer = new Thread(() -> processing.processBatch("edge", batch, r -> {
            if (r.key().equals("bad")) {
                throw new RejectedRecordException(DeadLetterReason.MALFORMED, "not a command");
            }
            sender.sendAndAwait("results", null, OutgoingEvents.record(new byte[0], "dynasplit.results", r.key(),
                    EventTypes.INFERENCE_RESULT, InferenceResult.class, "edge-node", OutgoingEvents.JSON));
        }));
        consumer.start();
        // all three results go out while none is acknowledged
        sender.awaitSent(3);
        assertTrue(consumer.isAlive(), "the batch is not done before its sends are acknowledged");
        assertEquals(List.of("bad"), deadLettered, "the malformed record was dead-lettered at once");
        sender.producer.completeNext();
        sender.producer.errorNext(new IllegalStateException("record too large"));
        sender.producer.completeNext();
        consumer.join(10_000);
        assertEquals(List.of("bad", "b"), deadLettered, "b's result was never acknowledged: b is a dead letter");
        assertEquals(List.of("malformed", "processing-error"), reasons);
    }

    private static ConsumerRecords<String, byte[]> batch(String... keys) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            records.add(new ConsumerRecord<>("dynasplit.edge.pi-a.commands", 0, i, keys[i], new byte[0]));
        }
        return new ConsumerRecords<>(Map.of(new TopicPartition("dynasplit.edge.pi-a.commands", 0), records), Map.of());
    }
}
