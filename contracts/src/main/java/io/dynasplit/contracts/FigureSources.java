package io.dynasplit.contracts;

/**
 * How each figure of a result was obtained: {@code measured:<how>} (e.g. {@code measured:wall-clock},
 * {@code measured:rapl}, {@code measured:nvml}, {@code measured:nvml-power}, {@code measured:http-meter}),
 * {@code estimated:<model>} (e.g. {@code estimated:host-model}, CPU time times a power figure where no meter exists)
 * or {@code emulated:<profile>} (e.g. {@code emulated:paper-pi4-coral}); {@code none} when the figure does not apply.
 */
public record FigureSources(String queue, String reconfiguration, String edgeLatency, String transfer,
                            String cloudLatency, String edgeEnergy, String cloudEnergy) {
    public static final String NONE = "none";

    /** These sources, with each figure that does not apply here taken from {@code other} (e.g. an edge-only result's
     * cloud figures from a split one). */
    public FigureSources orElse(FigureSources other) {
        return new FigureSources(pick(queue, other.queue), pick(reconfiguration, other.reconfiguration),
                pick(edgeLatency, other.edgeLatency), pick(transfer, other.transfer),
                pick(cloudLatency, other.cloudLatency), pick(edgeEnergy, other.edgeEnergy),
                pick(cloudEnergy, other.cloudEnergy));
    }

    private static String pick(String mine, String theirs) {
        return mine == null || NONE.equals(mine) ? theirs : mine;
    }
}
