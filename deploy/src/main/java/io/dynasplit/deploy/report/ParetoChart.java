package io.dynasplit.deploy.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.Placement;
import io.dynasplit.contracts.SplitConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's Pareto front, latency against energy on log axes, one series per placement, every configuration's knobs
 * and figures on hover; the configurations the live requests used are ringed, the ring growing with their use.
 */
public final class ParetoChart {
    static final String USED = "used by the live run";

    private ParetoChart() {
    }

    public static Chart of(ModelDescriptor model, ParetoFront front, List<InferenceResult> live) {
        Map<SplitConfig, Use> uses = uses(live);
        List<Double> latencies = new ArrayList<>();
        List<Double> energies = new ArrayList<>();
        ObjectNode option = Chart.baseOption();
        Chart.legend(option);
        Chart.roomForVerticalAxisName(option);
        Chart.zoomable(option);
        ArrayNode series = option.putArray("series");
        for (Placement placement : Placement.values()) {
            ArrayNode data = ChartJson.array();
            for (ParetoEntry e : front.entries()) {
                if (model.placement(e.config()) == placement) {
                    data.add(entryTip(model, e, uses.get(e.config())).on(ChartJson.point(e.latencyMs(), e.energyJ())));
                    latencies.add(e.latencyMs());
                    energies.add(e.energyJ());
                }
            }
            if (!data.isEmpty()) {
                ObjectNode s = series.addObject().put("name", Palette.name(placement)).put("type", "scatter")
                        .put("symbolSize", 9);
                s.putObject("itemStyle").put("color", Palette.of(placement));
                s.set("data", data);
            }
        }
        ArrayNode used = ChartJson.array();
        uses.forEach((config, use) -> {
            ParetoEntry entry = front.entries().stream().filter(e -> e.config().equals(config)).findFirst().orElse(null);
            double latency = entry != null ? entry.latencyMs() : use.meanLatencyMs();
            double energy = entry != null ? entry.energyJ() : use.meanEnergyJ();
            Tip tip = entry != null ? entryTip(model, entry, use)
                    : ConfigText.knobs(Tip.titled(config.label() + " (not on the front; the live run's mean)"), model, config)
                            .row("latency", Tip.ms(latency)).row("energy", Tip.joules(energy)).row("used by", use.text());
            ObjectNode item = tip.on(ChartJson.point(latency, energy));
            item.put("symbolSize", 12 + 2 * Math.sqrt(use.requests));
            used.add(item);
            latencies.add(latency);
            energies.add(energy);
        });
        if (!used.isEmpty()) {
            ObjectNode s = series.addObject().put("name", USED).put("type", "scatter").put("symbol", "circle").put("z", 3);
            s.putObject("itemStyle").put("color", "rgba(0,0,0,0)").put("borderColor", Palette.HIGHLIGHT).put("borderWidth", 2);
            s.set("data", used);
        }
        option.set("xAxis", Axes.log("latency (ms)", unbox(latencies)));
        option.set("yAxis", Axes.log("energy (J)", unbox(energies)).put("nameGap", 52));
        return new Chart(model.name() + ": Pareto front, " + front.entries().size()
                + " configurations (log axes; hover a point for its configuration; ringed: used by the live requests)",
                380, option);
    }

    private static Tip entryTip(ModelDescriptor model, ParetoEntry e, Use use) {
        Tip tip = ConfigText.knobs(Tip.titled(e.config().label()), model, e.config())
                .row("latency", Tip.ms(e.latencyMs()))
                .row("energy", Tip.joules(e.energyJ()));
        if (Double.isFinite(e.accuracy()) && e.accuracy() > 0) {
            tip.row("accuracy", Tip.percent(100 * e.accuracy()));
        }
        return tip.row("used by", use == null ? "no live request" : use.text());
    }

    private static Map<SplitConfig, Use> uses(List<InferenceResult> live) {
        Map<SplitConfig, Use> uses = new LinkedHashMap<>();
        for (InferenceResult r : live) {
            if (r.config() != null && r.latency() != null && r.energy() != null) {
                uses.computeIfAbsent(r.config(), c -> new Use()).add(r);
            }
        }
        return uses;
    }

    private static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** How often the live run used one configuration. */
    private static final class Use {
        int requests;
        int met;
        double latencySumMs;
        double energySumJ;

        void add(InferenceResult r) {
            requests++;
            met += r.thresholdMet() ? 1 : 0;
            latencySumMs += r.latency().totalMs();
            energySumJ += r.energy().totalJ();
        }

        double meanLatencyMs() {
            return latencySumMs / requests;
        }

        double meanEnergyJ() {
            return energySumJ / requests;
        }

        String text() {
            return requests + (requests == 1 ? " request" : " requests") + " (" + met + " met), live mean "
                    + Tip.ms(meanLatencyMs()) + ", " + Tip.joules(meanEnergyJ());
        }
    }
}
