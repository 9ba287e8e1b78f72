package io.dynasplit.contracts;

/**
 * How each figure of a result was obtained: {@code measured:<how>} (e.g. {@code measured:wall-clock},
 * {@code measured:rapl}, {@code measured:nvml}, {@code measured:http-meter}) or {@code emulated:<profile>}
 * (e.g. {@code emulated:paper-pi4-coral}); {@code none} when the figure does not apply.
 */
public record FigureSources(String queue, String reconfiguration, String edgeLatency, String transfer,
                            String cloudLatency, String edgeEnergy, String cloudEnergy) {
}
