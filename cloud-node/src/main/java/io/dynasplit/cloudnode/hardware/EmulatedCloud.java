package io.dynasplit.cloudnode.hardware;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.testbed.emulated.CloudRun;
import io.dynasplit.testbed.emulated.EmulatedCloudNode;

import java.util.function.Supplier;

/**
 * The cloud node emulated on a testbed profile (see {@link EmulatedCloudNode}): the tail runs for real on this host;
 * transfer, tail time and node energy are the profile's, with its run-to-run spread. Transfer follows the size of the
 * frame that actually crossed the network. Waiting for a busy node counts as cloud time.
 */
public final class EmulatedCloud implements CloudNode {
    private final EmulatedCloudNode node;
    private final boolean pacing;

    public EmulatedCloud(EmulatedCloudNode node, boolean pacing) {
        this.node = node;
        this.pacing = pacing;
    }

    @Override
    public <T> Run<T> run(SplitConfig config, long tensorBytes, double measuredTransferMs, Supplier<T> tail) {
        EmulatedCloudNode.Ran<T> ran = node.run(config, tensorBytes, System.currentTimeMillis(), tail);
        CloudRun run = ran.run();
        if (pacing) {
            node.pace(run);
        }
        return new Run<>(ran.output(), new CloudWork(run.transferMs(), run.queueMs() + run.cloudMs(), run.cloudJ(),
                run.source(), run.source(), run.source(), run.accounting()));
    }

    @Override
    public String describe() {
        return "cloud GPU switch and meter: emulated (" + node.source() + ", accounting " + node.accounting()
                + (pacing ? ", paced" : ", not paced") + ")";
    }
}
