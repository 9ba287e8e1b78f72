package io.dynasplit.deploy.bench;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.contracts.WireDtype;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecisionClockTest {

    private static EdgeCommand command(String id) {
        return new EdgeCommand(1, InferenceRequest.of(id, "d", "vgg16", 100, null, new byte[0], 1L, Instant.now()),
                new SplitConfig("vgg16", 1, 1500, AcceleratorMode.OFF, false), WireDtype.INT8, Instant.now(), null,
                Instant.now());
    }

    @Test
    void latencyIsCommandAppendMinusRequestAppendAndTheSpanRunsFromFirstRequestToLastCommand() {
        DecisionClock clock = new DecisionClock();
        clock.requested("a", 1_000);
        clock.requested("b", 1_004);
        clock.accepted(command("b"), 1_010, true); // commands may come in any order
        clock.accepted(command("a"), 1_003, true);

        clock.awaitAll(List.of("a", "b"), Duration.ofSeconds(1));

        assertArrayEquals(new double[] {3, 6}, clock.latenciesMs(List.of("a", "b")));
        assertEquals(10, clock.spanMs(List.of("a", "b")));
    }

    @Test
    void aCommandStampedByItsProducerIsRefusedAndAMissingOneTimesOut() {
        DecisionClock clock = new DecisionClock();
        clock.requested("a", 1_000);
        clock.accepted(command("a"), 1_003, false);
        IllegalStateException wrongClock = assertThrows(IllegalStateException.class,
                () -> clock.awaitAll(List.of("a"), Duration.ofSeconds(1)));
        assertTrue(wrongClock.getMessage().contains("LogAppendTime"), wrongClock.getMessage());

        DecisionClock other = new DecisionClock();
        other.requested("x", 1_000);
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> other.awaitAll(List.of("x"), Duration.ofMillis(100)));
        assertTrue(missing.getMessage().startsWith("1 of 1 requests have no command"), missing.getMessage());
    }
}
