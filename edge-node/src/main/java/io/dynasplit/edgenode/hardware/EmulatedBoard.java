package io.dynasplit.edgenode.hardware;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.testbed.emulated.EdgeRun;
import io.dynasplit.testbed.emulated.EmulatedEdgeDevice;

import java.util.function.Supplier;

/**
 * The edge board emulated on a testbed profile (see {@link EmulatedEdgeDevice}): the head runs for real on this host,
 * device time and energy are the profile's, with its run-to-run spread, and queueing follows device time.
 */
public final class EmulatedBoard implements EdgeDevice {
    private final EmulatedEdgeDevice device;
    private final boolean pacing;

    public EmulatedBoard(EmulatedEdgeDevice device, boolean pacing) {
        this.device = device;
        this.pacing = pacing;
    }

    @Override
    public <T> Run<T> run(SplitConfig config, long arrivalMillis, Supplier<T> head) {
        EmulatedEdgeDevice.Ran<T> ran = device.run(config, arrivalMillis, head);
        EdgeRun run = ran.run();
        if (pacing) {
            device.pace(run);
        }
        // the switch is the board's energy too: charged to the request that needed it
        return new Run<>(ran.output(), new EdgeWork(run.queueMs(), run.reconfigurationMs(), run.edgeMs(),
                run.edgeActiveJ() + run.reconfigurationJ(), run.waitWatts(), run.reconfigured(), run.source(),
                run.source()));
    }

    @Override
    public String describe() {
        return "edge knobs and meter: emulated (" + device.source() + (pacing ? ", paced" : ", not paced") + ")";
    }
}
