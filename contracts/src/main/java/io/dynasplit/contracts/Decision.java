package io.dynasplit.contracts;

/**
 * Why the scheduler chose a configuration, and what it expected.
 *
 * @param policy              selection policy: {@code energy-within-threshold}, with the fallback used when no entry
 *                            meets the threshold ({@code fastest}, {@code cheapest}, {@code reject})
 * @param fallback            true when no entry met the threshold and the fallback chose
 * @param predictedLatencyMs  total predicted latency: queue + reconfiguration + the entry's corrected latency
 * @param timeBase            which clock the prediction and the deadline use: {@code device} (emulated device time)
 *                            or {@code wall}
 */
public record Decision(String policy, boolean fallback, double predictedLatencyMs, double predictedEnergyJ,
                       double predictedQueueMs, double predictedReconfigurationMs, double feedbackFactor,
                       long frontVersion, String timeBase) {
}
