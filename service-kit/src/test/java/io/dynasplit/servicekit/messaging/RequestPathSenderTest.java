package io.dynasplit.servicekit.messaging;

import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.InferenceResult;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestPathSenderTest {

    @Test
    void sendsTheEventWithItsCloudEventsHeadersOnTheChannelsProducer() {
        MockProducerSender sender = new MockProducerSender(true);
        sender.sendAndAwait("results", null, record("r-1"));
        ProducerRecord<String, byte[]> sent = sender.producer.history().get(0);
        assertEquals("dynasplit.results", sent.topic());
        assertEquals("r-1", sent.key());
        assertEquals("1.0", header(sent, "ce_specversion"));
        assertEquals(EventTypes.INFERENCE_RESULT, header(sent, "ce_type"));
        assertEquals("urn:dynasplit:edge-node", header(sent, "ce_source"));
        assertEquals(EventTypes.dataSchema(InferenceResult.class), header(sent, "ce_dataschema"));
        assertEquals("r-1", header(sent, "ce_subject"));
        assertEquals(OutgoingEvents.JSON, header(sent, "content-type"));
        assertTrue(Instant.parse(header(sent, "ce_time")).isBefore(Instant.now().plusSeconds(1)));
        assertEquals(36, header(sent, "ce_id").length());
    }

    @Test
    void aSendThatTheBrokerRejectsFailsTheCaller() {
        MockProducerSender sender = new MockProducerSender(false);
        Thread broker = new Thread(() -> {
            sender.awaitSent(1);
            sender.producer.errorNext(new IllegalStateException("not enough replicas"));
        });
        broker.start();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> sender.sendAndAwait("results", null, record("r-2")));
        assertTrue(e.getMessage().contains("not enough replicas"), e.getMessage());
    }

    @Test
    void deferredSendsGoOutAtOnceAndAreAwaitedByTheCaller() {
        MockProducerSender sender = new MockProducerSender(false);
        List<RequestPathSender.PendingAck> acks = sender.deferringAcks(() -> {
            sender.sendAndAwait("results", null, record("a"));
            sender.sendAndAwait("results", null, record("b"));
        });
        assertEquals(2, acks.size(), "both sent without waiting for the first acknowledgement");
        assertEquals(List.of("a", "b"), sender.producer.history().stream().map(ProducerRecord::key).toList());
        sender.producer.completeNext();
        sender.producer.errorNext(new IllegalStateException("broker gone"));
        acks.get(0).await();
        assertThrows(IllegalStateException.class, acks.get(1)::await);
        // outside the deferring block, sends wait again
        Thread broker = new Thread(() -> {
            sender.awaitSent(3);
            sender.producer.completeNext();
        });
        broker.start();
        sender.sendAndAwait("results", null, record("c"));
        assertEquals(3, sender.producer.history().size());
    }

    private static ProducerRecord<String, byte[]> record(String key) {
        return OutgoingEvents.record("{}".getBytes(StandardCharsets.UTF_8), "dynasplit.results", key,
                EventTypes.INFERENCE_RESULT, InferenceResult.class, "edge-node", OutgoingEvents.JSON);
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
