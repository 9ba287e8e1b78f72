package io.dynasplit.cloudnode.hardware;

import io.dynasplit.cloudnode.CloudNodeConfig;
import io.dynasplit.testbed.CloudEnergyAccounting;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.Testbeds;
import io.dynasplit.testbed.emulated.EmulatedCloudNode;
import io.dynasplit.testbed.emulated.EmulationOptions;
import io.dynasplit.testbed.energy.HostModelEnergyMeter;
import io.dynasplit.testbed.hardware.CloudHardware;
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
 * Chooses the cloud node's drivers at start-up and says which knobs and meters are real and which emulated. Tail
 * time comes from the emulated node; energy from this machine's meters where the detector found them (or its host
 * model), else from the emulated node.
 */
public class CloudNodeProducer {
    private static final Logger LOG = Logger.getLogger(CloudNodeProducer.class);

    @Produces
    @Singleton // a record cannot be proxied
    CloudHardware cloudHardware(CloudNodeConfig config) {
        CloudEnergyAccounting accounting = CloudEnergyAccounting.parse(config.energyAccounting());
        CloudHardware hardware = new HardwareDetector(HardwareDetector.Options.defaults(HardwareMode.parse(config.hardware()))
                .withHostModel(HostModelEnergyMeter.processCpuTime(), config.hostWattsPerCore()))
                .detectCloud(Testbeds.create(config.testbed(), accounting), accounting);
        LOG.infof("cloud node %s hardware:%n%s", config.nodeId(),
                hardware.report().stream().map(l -> "  " + l).collect(Collectors.joining("\n")));
        return hardware;
    }

    void close(@Disposes CloudHardware hardware) {
        hardware.meter().close();
    }

    @Produces
    @ApplicationScoped
    CloudNode cloudNode(CloudNodeConfig config, CloudHardware hardware) {
        CloudEnergyAccounting accounting = CloudEnergyAccounting.parse(config.energyAccounting());
        TestbedModel testbed = Testbeds.create(config.testbed(), accounting);
        EmulationOptions options = EmulationOptions.defaults().withNoise(config.nodeId().hashCode())
                .withSpeedup(config.pacingSpeedup() > 0 ? config.pacingSpeedup() : 1.0);
        CloudNode emulated = new EmulatedCloud(new EmulatedCloudNode(testbed, config.slots(), options),
                config.pacingSpeedup() > 0);
        EnergyMeter meter = hardware.meter();
        CloudNode node = meter.source().startsWith("emulated:") ? emulated : new MeteredCloud(emulated, meter);
        LOG.infof("cloud node %s: %s", config.nodeId(), node.describe());
        return node;
    }
}
