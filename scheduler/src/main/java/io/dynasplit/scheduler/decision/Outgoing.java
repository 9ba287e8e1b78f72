package io.dynasplit.scheduler.decision;

import io.dynasplit.contracts.DeadLetter;
import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.Topics;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.TopicNameExtractor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A record the decision topology emits: its topic is chosen per record (each device has its own commands topic), and
 * its headers are the CloudEvents headers every DynaSplit record carries.
 */
public record Outgoing(String topic, String key, byte[] payload, Headers headers) {
    static final String SOURCE = "urn:dynasplit:scheduler";
    static final TopicNameExtractor<String, Outgoing> TOPIC = (key, value, context) -> value.topic();
    static final Serializer<Outgoing> PAYLOAD = (topic, value) -> value.payload();

    static Outgoing command(EdgeCommand command) {
        String device = command.request().edgeDeviceId();
        return json(Topics.edgeCommands(device), device, EventTypes.EDGE_COMMAND, EdgeCommand.class, command);
    }

    static Outgoing result(InferenceResult result) {
        return json(Topics.RESULTS, result.requestId(), EventTypes.INFERENCE_RESULT, InferenceResult.class, result);
    }

    static Outgoing deadLetter(DeadLetter letter) {
        return json(Topics.DEAD_LETTERS, letter.key(), EventTypes.DEAD_LETTER, DeadLetter.class, letter);
    }

    private static Outgoing json(String topic, String key, String type, Class<?> eventClass, Object event) {
        RecordHeaders headers = new RecordHeaders();
        EventTypes.binaryHeaders(type, EventTypes.dataSchema(eventClass), SOURCE, Instant.now(), key, "application/json")
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new Outgoing(topic, key, Json.write(event), headers);
    }
}
