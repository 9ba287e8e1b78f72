package io.dynasplit.scheduler.decision;

import io.dynasplit.contracts.Topics;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code GET /ownership}: which partitions of {@code dynasplit.requests} (so which devices) this replica decides, and
 * which it keeps warm as a standby; for operators and fail-over tests.
 */
@Path("/ownership")
public class OwnershipResource {

    /** This replica's engine state and its request partitions, active and standby. */
    public record Ownership(String state, List<Integer> active, List<Integer> standby) {
    }

    @Inject
    KafkaStreams streams;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Ownership ownership() {
        Set<ThreadMetadata> threads = streams.metadataForLocalThreads();
        return new Ownership(streams.state().name(), requestPartitions(threads, ThreadMetadata::activeTasks),
                requestPartitions(threads, ThreadMetadata::standbyTasks));
    }

    private static List<Integer> requestPartitions(Set<ThreadMetadata> threads,
                                                   Function<ThreadMetadata, Set<TaskMetadata>> tasks) {
        return threads.stream().flatMap(t -> tasks.apply(t).stream()).flatMap(task -> task.topicPartitions().stream())
                .filter(p -> p.topic().equals(Topics.REQUESTS)).map(TopicPartition::partition).sorted().toList();
    }
}
