package io.dynasplit.edgenode.hardware;

import io.dynasplit.edgenode.EdgeNodeConfig;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.Testbeds;
import io.dynasplit.testbed.emulated.BoardDrift;
import io.dynasplit.testbed.emulated.EmulatedEdgeDevice;
import io.dynasplit.testbed.emulated.EmulationOptions;
import io.dynasplit.testbed.energy.HostModelEnergyMeter;
import io.dynasplit.testbed.hardware.EdgeHardware;
import io.dynasplit.testbed.hardware.EnergyMeter;
import io.dynasplit.testbed.hardware.HardwareDetector;
import io.dynasplit.testbed.hardware.HardwareMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.stream.Collectors;

/**
 * Chooses the edge device at start-up and says which knobs and meters are real and which emulated, and why. Device
 * time comes from the emulated board; energy from this machine's meter where the detector found one (or its host
 * model), else from the emulated board (see docs/hardware.md for what each mode does where).
 */
public class EdgeDeviceProducer {
    private static final Logger LOG = Logger.getLogger(EdgeDeviceProducer.class);

    @Produces
    @Singleton // a record cannot be proxied
    EdgeHardware edgeHardware(EdgeNodeConfig config) {
        EdgeHardware hardware = new HardwareDetector(HardwareDetector.Options.defaults(HardwareMode.parse(config.hardware()))
                .withHostModel(HostModelEnergyMeter.processCpuTime(), config.hostWattsPerCore()))
                .detectEdge(Testbeds.create(config.testbed()));
        LOG.infof("edge device %s (%s) hardware:%n%s", config.deviceId(), config.deviceClass(),
                hardware.report().stream().map(l -> "  " + l).collect(Collectors.joining("\n")));
        return hardware;
    }

    void close(@Disposes EdgeHardware hardware) {
        hardware.meter().close();
    }

    @Produces
    @ApplicationScoped
    EdgeDevice edgeDevice(EdgeNodeConfig config, EdgeHardware hardware) {
        TestbedModel testbed = Testbeds.create(config.testbed());
        EmulationOptions options = EmulationOptions.defaults().withNoise(config.deviceId().hashCode())
                .withSpeedup(config.pacingSpeedup() > 0 ? config.pacingSpeedup() : 1.0)
                .withDrift(new BoardDrift(config.drift().factor(), config.drift().fromCommand()));
        if (options.drift().drifts()) {
            LOG.warnf("edge device %s: drift injected: heads %.2f times their profile from command %d on",
                    config.deviceId(), options.drift().factor(), options.drift().fromCommand());
        }
        EdgeDevice board = new EmulatedBoard(new EmulatedEdgeDevice(testbed, config.deviceId(), options),
                config.pacingSpeedup() > 0);
        EnergyMeter meter = hardware.meter();
        EdgeDevice device = meter.source().startsWith("emulated:") ? board : new MeteredBoard(board, meter);
        LOG.infof("edge device %s: %s", config.deviceId(), device.describe());
        return device;
    }
}
