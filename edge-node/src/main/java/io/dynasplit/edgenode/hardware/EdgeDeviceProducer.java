package io.dynasplit.edgenode.hardware;

import io.dynasplit.edgenode.EdgeNodeConfig;
import io.dynasplit.testbed.Testbeds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/**
 * Chooses the edge device driver at start-up and says which: an emulated board on the configured testbed (this
 * build drives real cpufreq/meter hardware only through the testbed module's drivers, see docs/hardware.md).
 */
public class EdgeDeviceProducer {
    private static final Logger LOG = Logger.getLogger(EdgeDeviceProducer.class);

    @Produces
    @ApplicationScoped
    EdgeDevice edgeDevice(EdgeNodeConfig config) {
        EdgeDevice device = new EmulatedEdgeDevice(Testbeds.create(config.testbed()), config.deviceId(),
                config.pacingSpeedup());
        LOG.infof("edge device %s (%s): %s", config.deviceId(), config.deviceClass(), device.describe());
        return device;
    }
}
