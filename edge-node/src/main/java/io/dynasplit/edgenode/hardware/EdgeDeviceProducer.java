package io.dynasplit.edgenode.hardware;

import io.dynasplit.edgenode.EdgeNodeConfig;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.Testbeds;
import io.dynasplit.testbed.emulated.EmulatedEdgeDevice;
import io.dynasplit.testbed.emulated.EmulationOptions;
import io.dynasplit.testbed.hardware.HardwareDetector;
import io.dynasplit.testbed.hardware.HardwareMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/**
 * Chooses the edge device at start-up and says which knobs and meters are real and which emulated, and why. The
 * head's device time and energy are reported from the emulated board; where a real meter or knob exists the detector
 * says so (real drivers act on the hardware; see docs/hardware.md for what each mode does where).
 */
public class EdgeDeviceProducer {
    private static final Logger LOG = Logger.getLogger(EdgeDeviceProducer.class);

    @Produces
    @ApplicationScoped
    EdgeDevice edgeDevice(EdgeNodeConfig config) {
        TestbedModel testbed = Testbeds.create(config.testbed());
        LOG.infof("edge device %s (%s) hardware:%n%s", config.deviceId(), config.deviceClass(),
                new HardwareDetector(HardwareDetector.Options.defaults(HardwareMode.parse(config.hardware())))
                        .detectEdge(testbed).report().stream().map(l -> "  " + l).collect(java.util.stream.Collectors.joining("\n")));
        EmulationOptions options = EmulationOptions.defaults().withNoise(config.deviceId().hashCode())
                .withSpeedup(config.pacingSpeedup() > 0 ? config.pacingSpeedup() : 1.0);
        EdgeDevice device = new EmulatedBoard(new EmulatedEdgeDevice(testbed, config.deviceId(), options),
                config.pacingSpeedup() > 0);
        LOG.infof("edge device %s: %s", config.deviceId(), device.describe());
        return device;
    }
}
