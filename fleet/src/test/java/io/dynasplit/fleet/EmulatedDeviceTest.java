package io.dynasplit.fleet;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.Placement;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.contracts.WireDtype;
import io.dynasplit.testbed.Prediction;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.Testbeds;
import io.dynasplit.testbed.emulated.EmulationOptions;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmulatedDeviceTest {
    static final TestbedModel TESTBED = Testbeds.create("paper");
    static final int MHZ = TESTBED.cpuFrequenciesMhz().get(TESTBED.cpuFrequenciesMhz().size() - 1);
    static final SplitConfig SPLIT = new SplitConfig("vgg16", 10, MHZ, AcceleratorMode.OFF, true);
    static final SplitConfig EDGE_ONLY = new SplitConfig("vgg16", Models.VGG16.lastLayer(), MHZ, AcceleratorMode.OFF, false);

    static EdgeCommand command(String id, String device, SplitConfig config, double thresholdMs) {
        InferenceRequest request = InferenceRequest.of(id, device, "vgg16", thresholdMs, null, new byte[0], 1L,
                Instant.now());
        return new EdgeCommand(EdgeCommand.SCHEMA_VERSION, request, config, WireDtype.INT8,
                Instant.now().plusSeconds(10), null, Instant.now());
    }

    @Test
    void aSplitYieldsTheOkResultTheCloudWouldPublishWithTheTestbedsFigures() {
        EmulatedDevice device = new EmulatedDevice(TESTBED, "d1", EmulationOptions.defaults());
        Prediction p = TESTBED.predict(SPLIT);

        InferenceResult r = device.run(command("r1", "d1", SPLIT, 10_000), 1_000).result();

        assertEquals("r1", r.requestId());
        assertEquals(ResultStatus.OK, r.status());
        assertEquals(Placement.SPLIT, r.placement());
        assertEquals(p.edgeLatencyMs(), r.latency().edgeMs(), 1e-9);
        assertEquals(p.cloudLatencyMs(), r.latency().cloudMs(), 1e-9);
        assertTrue(r.latency().transferMs() > 0 && r.latency().reconfigurationMs() > 0, r.latency().toString());
        assertEquals(0, r.latency().queueMs());
        assertTrue(r.energy().edgeJ() > 0 && r.energy().cloudJ() > 0, r.energy().toString());
        assertTrue(r.thresholdMet());
        assertTrue(r.sources().edgeLatency().startsWith("emulated:"), r.sources().toString());
        assertEquals(SPLIT, device.currentKnobs());
    }

    @Test
    void edgeOnlyRunsNoTailAndATightThresholdIsReportedMissed() {
        EmulatedDevice device = new EmulatedDevice(TESTBED, "d1", EmulationOptions.defaults());

        InferenceResult r = device.run(command("r1", "d1", EDGE_ONLY, 1), 1_000).result();

        assertEquals(Placement.EDGE, r.placement());
        assertEquals(0, r.latency().transferMs());
        assertEquals(0, r.latency().cloudMs());
        assertEquals(0, r.energy().cloudJ());
        assertFalse(r.thresholdMet());
    }

    @Test
    void commandsQueueBehindEachOtherInDeviceTimeAtTheClocksSpeedup() {
        for (double speedup : new double[] {1, 10}) {
            EmulatedDevice device = new EmulatedDevice(TESTBED, "d1", EmulationOptions.defaults().withSpeedup(speedup));
            EmulatedDevice.Completion first = device.run(command("a", "d1", SPLIT, 10_000), 1_000);
            EmulatedDevice.Completion second = device.run(command("b", "d1", SPLIT, 10_000), 1_000);

            double firstDeviceMs = first.result().latency().reconfigurationMs() + first.result().latency().edgeMs();
            assertEquals(firstDeviceMs, second.result().latency().queueMs(), 1e-6, "speedup " + speedup);
            assertEquals(0, second.result().latency().reconfigurationMs(), "same knobs: no switch");
            // wall time runs speedup times slower than device time: the tail ends later than the second head
            assertTrue(second.finishWallMillis() > 1_000 + (firstDeviceMs + TESTBED.predict(SPLIT).edgeLatencyMs()) / speedup);
        }
    }

    @Test
    void devicesQueueApart() {
        EmulatedDevice a = new EmulatedDevice(TESTBED, "a", EmulationOptions.defaults());
        EmulatedDevice b = new EmulatedDevice(TESTBED, "b", EmulationOptions.defaults());
        a.run(command("1", "a", SPLIT, 10_000), 1_000);

        assertEquals(0, b.run(command("2", "b", SPLIT, 10_000), 1_000).result().latency().queueMs());
    }

    @Test
    void refusesAnotherDevicesCommandAnUnknownModelAndAnInvalidConfigurationWithoutChangingState() {
        EmulatedDevice device = new EmulatedDevice(TESTBED, "d1", EmulationOptions.defaults());

        RejectedCommandException other = assertThrows(RejectedCommandException.class,
                () -> device.run(command("1", "d2", SPLIT, 100), 1_000));
        assertEquals("invalid", other.reason());
        assertTrue(other.getMessage().contains("d2"), other.getMessage());

        InferenceRequest unknown = InferenceRequest.of("2", "d1", "no-such-net", 100, null, new byte[0], 1L, Instant.now());
        RejectedCommandException model = assertThrows(RejectedCommandException.class, () -> device.run(
                new EdgeCommand(1, unknown, SPLIT, WireDtype.INT8, Instant.now(), null, Instant.now()), 1_000));
        assertEquals("unknown-model", model.reason());

        SplitConfig badMhz = new SplitConfig("vgg16", 10, 123, AcceleratorMode.OFF, true);
        assertEquals("invalid", assertThrows(RejectedCommandException.class,
                () -> device.run(command("3", "d1", badMhz, 100), 1_000)).reason());

        assertEquals(null, device.currentKnobs());
        assertEquals(0, device.run(command("4", "d1", SPLIT, 10_000), 1_000).result().latency().queueMs());
    }
}
