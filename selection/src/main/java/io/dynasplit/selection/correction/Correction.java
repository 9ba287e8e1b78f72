package io.dynasplit.selection.correction;

/**
 * The runtime correction of one configuration's profile.
 *
 * @param latencyFactor observed/predicted latency (EWMA), 1 when never observed
 * @param energyFactor  observed/predicted energy (EWMA), 1 when never observed
 * @param latencyCv     the latency spread the safety margin uses: the configuration's own once it has enough runs,
 *                      else the spread pooled over all configurations
 * @param observations  runs of this configuration seen
 */
public record Correction(double latencyFactor, double energyFactor, double latencyCv, int observations) {
    public static final Correction NONE = new Correction(1.0, 1.0, 0.0, 0);
}
