package io.dynasplit.scheduler.decision;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * On a graceful stop the replica leaves the consumer group at once, so its devices move to the others now rather
 * than after the session timeout (Kafka Streams does not leave on close by default, and the extension closes plainly).
 * In Kafka Streams 4.1 leaving works through the member's {@code group.instance.id}, which application.properties
 * sets.
 */
@ApplicationScoped
public class GracefulLeave {
    private static final Logger LOG = Logger.getLogger(GracefulLeave.class);

    @Inject
    KafkaStreams streams;

    void onStop(@Observes ShutdownEvent event) {
        long t0 = System.nanoTime();
        boolean closed = streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(10)));
        LOG.infof("decision topology %s and left the group in %d ms", closed ? "closed" : "did not close in time",
                (System.nanoTime() - t0) / 1_000_000);
    }
}
