package io.dynasplit.scheduler.decision;

import io.dynasplit.contracts.Topics;
import io.dynasplit.scheduler.SchedulerConfig;
import io.dynasplit.scheduler.routing.RequestRouter;
import io.dynasplit.servicekit.deadletter.DeadLetterReason;
import io.dynasplit.servicekit.metrics.PipelineMetrics;
import io.dynasplit.servicekit.time.DeviceClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.Topology;

/** The decision topology for Quarkus' Kafka Streams extension, which runs it (and reports its state to health). */
@ApplicationScoped
public class DecisionTopologyProducer {
    @Inject
    SchedulerConfig config;

    @Inject
    RequestRouter router;

    @Inject
    PipelineMetrics metrics;

    @Produces
    @Singleton // not a client proxy: Kafka Streams reads the topology's fields, which a proxy leaves empty
    Topology topology() {
        return DecisionTopology.build(router, settings(config), new MeteredEvents(metrics));
    }

    static DecisionSettings settings(SchedulerConfig config) {
        return new DecisionSettings(config.requestPartitions().orElse(Topics.spec(Topics.REQUESTS).partitions()),
                config.timeoutGraceMs(), config.deadlineSweepInterval(), new DeviceClock(config.deviceClockSpeedup()),
                "scheduler");
    }

    private record MeteredEvents(PipelineMetrics metrics) implements DecisionEvents {
        @Override
        public void decided(double waitMs, double workMs) {
            metrics.stage("scheduler", waitMs, workMs);
        }

        @Override
        public void deadLetter(DeadLetterReason reason) {
            metrics.deadLetter("scheduler", reason);
        }

        @Override
        public void repeated() {
            metrics.schedulerEvent("repeated");
        }

        @Override
        public void timedOut() {
            metrics.schedulerEvent("timeout");
        }
    }
}
