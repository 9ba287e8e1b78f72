package io.dynasplit.scheduler.decision;

import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.Topics;
import io.dynasplit.contracts.WireFormatException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.util.List;

/**
 * The scheduler's request path as a Kafka Streams topology:
 * <pre>
 * dynasplit.requests (keyed by device) -> decide [devices, pending, deadlines] -> each device's commands topic,
 *                                                                               dynasplit.results, dynasplit.dlq
 * dynasplit.results (keyed by request) -> re-keyed by device -> settle [pending]
 * </pre>
 * The two branches share the {@code pending} store, so they form one sub-topology whose task {@code i} owns partition
 * {@code i} of the requests topic and of the re-keyed results: a device's decisions and its results meet in one task.
 */
public final class DecisionTopology {
    static final String DEVICES_STORE = "devices";
    static final String PENDING_STORE = "pending";
    static final String DEADLINES_STORE = "deadlines";
    /** Kafka Streams names the internal topic {@code <application id>-results-by-device-repartition}. */
    static final String RESULTS_BY_DEVICE = "results-by-device";

    private DecisionTopology() {
    }

    public static Topology build(RequestDecider decider, DecisionSettings settings, DecisionEvents events) {
        StreamsBuilder builder = new StreamsBuilder();
        // in memory, changelogged: a task that moves is rebuilt from its changelog (no RocksDB files to keep)
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DEVICES_STORE),
                Serdes.String(), JsonSerde.of(DeviceKnobs.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PENDING_STORE),
                Serdes.String(), JsonSerde.of(PendingRequest.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DEADLINES_STORE),
                Serdes.String(), Serdes.String()));

        builder.stream(Topics.REQUESTS, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("requests"))
                .process(() -> new RequestDecisionProcessor(decider, settings, events), Named.as("decide"),
                        DEVICES_STORE, PENDING_STORE, DEADLINES_STORE)
                .to(Outgoing.TOPIC, Produced.with(Serdes.String(), outgoingSerde()).withName("emit"));

        builder.stream(Topics.RESULTS, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("results"))
                .flatMap(DecisionTopology::deviceAndRequestId, Named.as("key-by-device"))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.String()).withName(RESULTS_BY_DEVICE)
                        .withNumberOfPartitions(settings.requestPartitions()))
                .process(ResultArrivalProcessor::new, Named.as("settle"), PENDING_STORE);
        return builder.build();
    }

    /** (device, request id) of a result; none for a record that is not a readable result of a device's request. */
    static List<KeyValue<String, String>> deviceAndRequestId(String key, byte[] value) {
        if (value == null) {
            return List.of();
        }
        try {
            InferenceResult result = Json.read(value, InferenceResult.class);
            return Topics.isValidDeviceId(result.edgeDeviceId())
                    ? List.of(KeyValue.pair(result.edgeDeviceId(), result.requestId())) : List.of();
        } catch (WireFormatException e) {
            return List.of(); // not ours to judge: the results topic's readers dead-letter what they cannot read
        }
    }

    private static Serde<Outgoing> outgoingSerde() {
        return Serdes.serdeFrom(Outgoing.PAYLOAD, (topic, bytes) -> {
            throw new UnsupportedOperationException("outgoing records are never read back");
        });
    }
}
