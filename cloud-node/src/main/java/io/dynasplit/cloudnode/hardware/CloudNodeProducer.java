package io.dynasplit.cloudnode.hardware;

import io.dynasplit.cloudnode.CloudNodeConfig;
import io.dynasplit.testbed.CloudEnergyAccounting;
import io.dynasplit.testbed.Testbeds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/** Chooses the cloud node's driver at start-up and says which. */
public class CloudNodeProducer {
    private static final Logger LOG = Logger.getLogger(CloudNodeProducer.class);

    @Produces
    @ApplicationScoped
    CloudNode cloudNode(CloudNodeConfig config) {
        CloudNode node = new EmulatedCloudNode(Testbeds.create(config.testbed(),
                CloudEnergyAccounting.parse(config.energyAccounting())), config.nodeId(), config.pacingSpeedup());
        LOG.infof("cloud node %s: %s", config.nodeId(), node.describe());
        return node;
    }
}
