package io.dynasplit.contracts;

import java.time.Instant;

/**
 * What the edge node did for one request: its share of latency (ms) and energy (J), and how each was obtained.
 *
 * @param edgeMs          head compute time in the time base of {@code latencySource} (device time when emulated)
 * @param edgeHostMs      head compute time measured on the host that ran it
 * @param edgeActiveJ     energy of the head's compute window; the edge's energy while it waits for the cloud is
 *                        added by the cloud node when the full window is known
 * @param edgeWaitWatts   the edge board's power while it waits for the cloud (whole-board accounting)
 * @param finishedAt      when the edge published the tensor (wall clock), for measured transfer time
 */
public record EdgeReport(String nodeId, String deviceClass, double queueMs, double reconfigurationMs, double edgeMs,
                         double edgeHostMs, double edgeActiveJ, double edgeWaitWatts, String latencySource,
                         String energySource, Instant finishedAt) {
}
