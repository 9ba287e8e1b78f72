package io.dynasplit.optimizer.kafka;

import io.dynasplit.localbroker.LocalKafka;

/** One real in-JVM broker for every Kafka test of this module (start-up costs seconds; topics are per test). */
public final class SharedKafka {
    private static LocalKafka kafka;

    private SharedKafka() {
    }

    public static synchronized LocalKafka get() {
        if (kafka == null) {
            kafka = LocalKafka.start();
            LocalKafka started = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return kafka;
    }
}
