package io.dynasplit.cloudnode.hardware;

import io.dynasplit.cloudnode.CloudNodeConfig;
import io.dynasplit.testbed.CloudEnergyAccounting;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.Testbeds;
import io.dynasplit.testbed.emulated.EmulatedCloudNode;
import io.dynasplit.testbed.emulated.EmulationOptions;
import io.dynasplit.testbed.hardware.HardwareDetector;
import io.dynasplit.testbed.hardware.HardwareMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

import java.util.stream.Collectors;

/** Chooses the cloud node's driver at start-up and says which knobs and meters are real and which emulated. */
public class CloudNodeProducer {
    private static final Logger LOG = Logger.getLogger(CloudNodeProducer.class);

    @Produces
    @ApplicationScoped
    CloudNode cloudNode(CloudNodeConfig config) {
        CloudEnergyAccounting accounting = CloudEnergyAccounting.parse(config.energyAccounting());
        TestbedModel testbed = Testbeds.create(config.testbed(), accounting);
        LOG.infof("cloud node %s hardware:%n%s", config.nodeId(),
                new HardwareDetector(HardwareDetector.Options.defaults(HardwareMode.parse(config.hardware())))
                        .detectCloud(testbed, accounting).report().stream().map(l -> "  " + l)
                        .collect(Collectors.joining("\n")));
        EmulationOptions options = EmulationOptions.defaults().withNoise(config.nodeId().hashCode())
                .withSpeedup(config.pacingSpeedup() > 0 ? config.pacingSpeedup() : 1.0);
        CloudNode node = new EmulatedCloud(new EmulatedCloudNode(testbed, config.slots(), options),
                config.pacingSpeedup() > 0);
        LOG.infof("cloud node %s: %s", config.nodeId(), node.describe());
        return node;
    }
}
