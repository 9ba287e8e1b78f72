package io.dynasplit.deploy.request;

import io.dynasplit.contracts.ClassScore;
import io.dynasplit.contracts.DeadLetter;
import io.dynasplit.contracts.Decision;
import io.dynasplit.contracts.EnergyBreakdown;
import io.dynasplit.contracts.FigureSources;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.LatencyBreakdown;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.SplitConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request's outcome as a person reads it: the configuration chosen and why, latency and energy with their
 * breakdown and where each figure came from, threshold met or missed. No line is longer than {@value #MAX_LINE}.
 */
final class OutcomeText {
    static final int MAX_LINE = 200;
    private static final String INDENT = "  ";

    private OutcomeText() {
    }

    /** The lines for request {@code index} (0-based) of {@code count}. */
    static List<String> lines(RequestOutcome outcome, int index, int count, String model, String device,
                              double thresholdMs) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "request %d/%d: %s on %s, threshold %s ms, %s", index + 1, count, model,
                device, number(thresholdMs), outcome.image()));
        if (outcome.deadLetter() != null) {
            DeadLetter letter = outcome.deadLetter();
            field(lines, "dead letter", "the " + letter.service() + " refused it: " + letter.reason());
            return clipped(lines);
        }
        InferenceResult r = outcome.result();
        if (r.status() != ResultStatus.OK) {
            field(lines, "status", r.status().wireName() + (r.detail() == null ? "" : ": " + r.detail()));
        }
        if (r.config() != null) {
            field(lines, "configuration", r.config().label() + ": " + placement(r.config()));
        }
        if (outcome.decision() != null) {
            field(lines, "why", why(outcome.decision(), r.latencyThresholdMs()));
            field(lines, "predicted", predicted(outcome.decision()));
        }
        if (r.latency() != null) {
            LatencyBreakdown l = r.latency();
            field(lines, "latency", String.format(Locale.ROOT,
                    "%.1f ms = queue %.1f + reconfiguration %.1f + edge %.1f + transfer %.1f + cloud %.1f%s",
                    l.totalMs(), l.queueMs(), l.reconfigurationMs(), l.edgeMs(), l.transferMs(), l.cloudMs(),
                    outcome.decision() == null ? "" : " (" + outcome.decision().timeBase() + " time)"));
        }
        if (r.energy() != null) {
            EnergyBreakdown e = r.energy();
            field(lines, "energy", String.format(Locale.ROOT, "%.2f J = edge %.2f + cloud %.2f (cloud counted %s)",
                    e.totalJ(), e.edgeJ(), e.cloudJ(), e.accounting()));
        }
        if (r.sources() != null) {
            FigureSources s = r.sources();
            field(lines, "sources", "latency " + bySource(Map.of("queue", s.queue(), "reconfiguration",
                    s.reconfiguration(), "edge", s.edgeLatency(), "transfer", s.transfer(), "cloud", s.cloudLatency()),
                    List.of("queue", "reconfiguration", "edge", "transfer", "cloud"))
                    + "; energy " + bySource(Map.of("edge", s.edgeEnergy(), "cloud", s.cloudEnergy()),
                    List.of("edge", "cloud")));
        }
        if (!r.topK().isEmpty()) {
            ClassScore top = r.topK().get(0);
            field(lines, "output", String.format(Locale.ROOT, "top class \"%s\" (score %.3f)%s", top.label(),
                    top.score(), trained(r.model()) ? "" : "; " + r.model()
                            + "'s weights are seeded, not trained, so the class means nothing"));
        }
        if (r.status() == ResultStatus.OK && r.latency() != null) {
            field(lines, "threshold", String.format(Locale.ROOT, "%s: %.1f ms %s %s ms", r.thresholdMet() ? "met" : "MISSED",
                    r.latency().totalMs(), r.thresholdMet() ? "<=" : ">", number(r.latencyThresholdMs())));
        } else {
            field(lines, "threshold", "MISSED: no result within it");
        }
        return clipped(lines);
    }

    /** Why the scheduler chose this configuration, from its decision. */
    static String why(Decision d, double thresholdMs) {
        if (!d.fallback()) {
            return "the least energy among the Pareto front's configurations predicted to meet " + number(thresholdMs)
                    + " ms";
        }
        return "none of the Pareto front's configurations is predicted to meet " + number(thresholdMs)
                + " ms, so the fallback policy '" + d.policy() + "' chose";
    }

    /** What the scheduler expected of it: latency with the device's queue and the switch, and energy. */
    static String predicted(Decision d) {
        double runMs = d.predictedLatencyMs() - d.predictedQueueMs() - d.predictedReconfigurationMs();
        return String.format(Locale.ROOT, "%.1f ms = queue %.1f + reconfiguration %.1f + run %.1f (the front's figure"
                        + " x%.2f from runtime feedback); %.2f J; front v%d", d.predictedLatencyMs(),
                d.predictedQueueMs(), d.predictedReconfigurationMs(), runMs, d.feedbackFactor(), d.predictedEnergyJ(),
                d.frontVersion());
    }

    /** Where the layers run: on the edge at which knobs, in the cloud on which processor. */
    static String placement(SplitConfig c) {
        ModelDescriptor model = Models.find(c.model()).orElse(null);
        String edge = String.format(Locale.ROOT, "on the edge (CPU %d MHz, accelerator %s)", c.cpuMhz(),
                c.edgeAccelerator().wireName());
        String cloud = "in the cloud on its " + (c.cloudGpu() ? "GPU" : "CPU");
        if (c.layer() == 0) {
            return "every layer " + cloud + " (the edge sends the input)";
        }
        if (model == null) {
            return "layers 1-" + c.layer() + " " + edge + ", the rest " + cloud;
        }
        if (c.layer() >= model.lastLayer()) {
            return "all " + model.lastLayer() + " layers " + edge;
        }
        return "layers 1-" + c.layer() + " " + edge + ", " + (c.layer() + 1) + "-" + model.lastLayer() + " " + cloud;
    }

    /** {@code emulated:paper (edge, transfer, cloud), measured:wall-clock (queue)}: figures grouped by source. */
    private static String bySource(Map<String, String> sourceByFigure, List<String> order) {
        Map<String, List<String>> figuresBySource = new LinkedHashMap<>();
        for (String figure : order) {
            String source = sourceByFigure.get(figure);
            figuresBySource.computeIfAbsent(source == null ? FigureSources.NONE : source, k -> new ArrayList<>())
                    .add(figure);
        }
        List<String> parts = new ArrayList<>();
        figuresBySource.forEach((source, figures) -> parts.add(source + " (" + String.join(", ", figures) + ")"));
        return String.join(", ", parts);
    }

    /** Only fmnist-cnn of the built-in networks has trained weights; imported networks bring their own. */
    private static boolean trained(String model) {
        return !Models.isBuiltIn(model) || Models.FMNIST_CNN.name().equals(model);
    }

    private static void field(List<String> lines, String name, String value) {
        lines.add(String.format(Locale.ROOT, "%s%-14s %s", INDENT, name, value));
    }

    /** {@code 500} for a whole number, else {@code 500.5}. */
    static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** A line longer than {@value #MAX_LINE} continues on the next, indented. */
    private static List<String> clipped(List<String> lines) {
        List<String> out = new ArrayList<>();
        String continuation = INDENT + " ".repeat(15);
        for (String line : lines) {
            String rest = line;
            while (rest.length() > MAX_LINE) {
                int cut = rest.lastIndexOf(' ', MAX_LINE);
                if (cut <= continuation.length()) {
                    cut = MAX_LINE;
                }
                out.add(rest.substring(0, cut));
                rest = continuation + rest.substring(cut).stripLeading();
            }
            out.add(rest);
        }
        return out;
    }
}
