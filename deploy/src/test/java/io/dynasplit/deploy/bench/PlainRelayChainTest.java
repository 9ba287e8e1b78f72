package io.dynasplit.deploy.bench;

import io.dynasplit.localbroker.LocalKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench's floor: records really pass through both relay JVMs and come back, one round trip at a time. */
class PlainRelayChainTest {

    @Test
    void everyRoundTripComesBackThroughBothRelays(@TempDir Path logs) {
        try (LocalKafka kafka = LocalKafka.start();
             PlainRelayChain chain = PlainRelayChain.start(kafka.bootstrapServers(), logs)) {
            double[] ms = chain.roundTrips(5, 20);

            assertEquals(20, ms.length);
            assertTrue(Arrays.stream(ms).allMatch(t -> t > 0), Arrays.toString(ms));
            assertTrue(Files.exists(logs.resolve("bench-relay-1.log")) && Files.exists(logs.resolve("bench-relay-2.log")));
        }
    }
}
