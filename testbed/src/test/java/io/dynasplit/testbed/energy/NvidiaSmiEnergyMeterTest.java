package io.dynasplit.testbed.energy;

import io.dynasplit.testbed.hardware.Availability;
import io.dynasplit.testbed.hardware.CommandRunner;
import io.dynasplit.testbed.hardware.EnergyMeter;
import io.dynasplit.testbed.hardware.HardwareException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NvidiaSmiEnergyMeterTest {

    static CommandRunner answers(String... stdouts) {
        Deque<String> queue = new ArrayDeque<>(List.of(stdouts));
        return (command, timeout) -> {
            assertEquals(NvidiaSmiEnergyMeter.QUERY, command);
            String out = queue.size() > 1 ? queue.removeFirst() : queue.peekFirst();
            return new CommandRunner.Result(0, out, "");
        };
    }

    @Test
    void sumsEveryGpusCounterOverTheWindow() {
        NvidiaSmiEnergyMeter meter = new NvidiaSmiEnergyMeter(answers(
                "0, 1000000\n1, 2000000\n",   // probe
                "0, 1000000\n1, 2000000\n",   // window start
                "0, 1004000\n1, 2002500\n")); // window end: +4 J and +2.5 J
        EnergyMeter.Window w = meter.start();
        assertEquals(6.5, w.stopJoules(), 1e-9);
        assertEquals("measured:nvidia-smi", meter.source());
    }

    @Test
    void saysWhyTheCounterCannotBeRead() {
        Availability notSupported = NvidiaSmiEnergyMeter.probe(answers("0, [N/A]\n"));
        assertFalse(notSupported.available());
        assertTrue(notSupported.reason().contains("Volta"), notSupported.reason());

        Availability missing = NvidiaSmiEnergyMeter.probe((c, t) -> {
            throw new IOException("Cannot run program \"nvidia-smi\": error=2, No such file or directory");
        });
        assertTrue(missing.reason().contains("nvidia-smi cannot run"), missing.reason());

        Availability failed = NvidiaSmiEnergyMeter.probe((c, t) -> new CommandRunner.Result(9, "",
                "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n"));
        assertTrue(failed.reason().contains("exit 9") && failed.reason().contains("couldn't communicate"), failed.reason());

        assertThrows(HardwareException.class, () -> new NvidiaSmiEnergyMeter(answers("")));
    }
}
