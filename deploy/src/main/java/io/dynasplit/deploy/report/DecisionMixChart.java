package io.dynasplit.deploy.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.SplitConfig;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which configurations the live run chose and how often: one bar per configuration (ordered by split layer, then CPU
 * frequency, accelerator and GPU), its requests split into met and missed deadlines; on hover the configuration and
 * what its requests cost.
 */
public final class DecisionMixChart {
    private static final Comparator<SplitConfig> ORDER = Comparator.comparingInt(SplitConfig::layer)
            .thenComparingInt(SplitConfig::cpuMhz).thenComparing(SplitConfig::edgeAccelerator)
            .thenComparing(SplitConfig::cloudGpu);

    private DecisionMixChart() {
    }

    public static Chart of(ModelDescriptor model, List<InferenceResult> live) {
        Map<SplitConfig, int[]> counts = new TreeMap<>(ORDER);
        Map<SplitConfig, double[]> sums = new TreeMap<>(ORDER);
        for (InferenceResult r : live) {
            if (r.config() == null || r.latency() == null || r.energy() == null) {
                continue;
            }
            counts.computeIfAbsent(r.config(), c -> new int[2])[r.thresholdMet() ? 0 : 1]++;
            double[] sum = sums.computeIfAbsent(r.config(), c -> new double[2]);
            sum[0] += r.latency().totalMs();
            sum[1] += r.energy().totalJ();
        }
        ObjectNode option = Chart.baseOption();
        Chart.legend(option);
        option.set("yAxis", Axes.category(counts.keySet().stream().map(ConfigText::label).toList(), true));
        option.set("xAxis", Axes.value("requests").put("minInterval", 1));
        ArrayNode series = option.putArray("series");
        String[] names = {"deadline met", "deadline missed"};
        String[] colours = {Palette.MET, Palette.MISSED};
        for (int k = 0; k < 2; k++) {
            ArrayNode data = ChartJson.array();
            for (Map.Entry<SplitConfig, int[]> e : counts.entrySet()) {
                int[] c = e.getValue();
                double[] sum = sums.get(e.getKey());
                int n = c[0] + c[1];
                Tip tip = ConfigText.knobs(Tip.titled(e.getKey().label()), model, e.getKey())
                        .row("chosen for", n + " of " + live.size() + " requests")
                        .row("deadlines", c[0] + " met, " + c[1] + " missed")
                        .row("live mean", Tip.ms(sum[0] / n) + ", " + Tip.joules(sum[1] / n));
                data.add(tip.on(c[k]));
            }
            ObjectNode s = series.addObject().put("name", names[k]).put("type", "bar").put("stack", "requests")
                    .put("barMaxWidth", 22);
            s.putObject("itemStyle").put("color", colours[k]);
            s.set("data", data);
        }
        return new Chart(model.name() + ": the live run's decisions, " + counts.size()
                + " configurations (bar: requests that used it)", 90 + 30 * Math.max(1, counts.size()), option);
    }
}
