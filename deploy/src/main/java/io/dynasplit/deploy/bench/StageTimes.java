package io.dynasplit.deploy.bench;

import io.dynasplit.deploy.stack.ServiceProcess;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The services' own stage and publish timers ({@code dynasplit_stage_seconds}, {@code dynasplit_publish_seconds}),
 * read from their Prometheus endpoints: a snapshot of each timer's total and count, so that the mean over one phase of
 * the bench is the difference of two snapshots. It says where a request's time goes between the hops.
 */
record StageTimes(Map<String, double[]> sumAndCount) {
    private static final Pattern TIMER = Pattern.compile(
            "^dynasplit_(stage|publish)_seconds_(sum|count)\\{([^}]*)} ([0-9.eE+-]+)$", Pattern.MULTILINE);

    static StageTimes snapshot(List<ServiceProcess> services) {
        Map<String, double[]> totals = new LinkedHashMap<>();
        for (ServiceProcess service : services) {
            String body = service.get("/q/metrics");
            if (body == null) {
                continue;
            }
            Matcher m = TIMER.matcher(body);
            while (m.find()) {
                String name = service.name() + " " + m.group(1) + " " + labels(m.group(3));
                double[] sc = totals.computeIfAbsent(name, k -> new double[2]);
                sc[m.group(2).equals("sum") ? 0 : 1] += Double.parseDouble(m.group(4));
            }
        }
        return new StageTimes(totals);
    }

    /** Mean milliseconds per record of every timer that counted records since {@code before}. */
    Map<String, Double> meanMsSince(StageTimes before) {
        Map<String, Double> means = new LinkedHashMap<>();
        sumAndCount.forEach((name, now) -> {
            double[] then = before.sumAndCount.getOrDefault(name, new double[2]);
            double count = now[1] - then[1];
            if (count > 0) {
                means.put(name, (now[0] - then[0]) / count * 1000);
            }
        });
        return means;
    }

    /** {@code channel="results"} as {@code channel=results}; Micrometer's common tags (application) are left out. */
    private static String labels(String raw) {
        StringBuilder out = new StringBuilder();
        for (String kv : raw.split(",")) {
            String pair = kv.trim().replace("\"", "");
            if (pair.startsWith("stage=") || pair.startsWith("phase=") || pair.startsWith("channel=")) {
                out.append(out.length() > 0 ? " " : "").append(pair);
            }
        }
        return out.toString();
    }
}
