package io.dynasplit.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Grafana dashboard queries only the agreed metric names and labels, and covers every one of them. */
class DashboardTest {

    /** The agreed Prometheus metrics and their labels (Micrometer names, docs/deploy.md). */
    private static final Map<String, Set<String>> METRICS = Map.of(
            "dynasplit_decisions_total", Set.of("model", "placement", "fallback"),
            "dynasplit_deadlines_missed_total", Set.of("model"),
            "dynasplit_request_energy_joules", Set.of("model", "part"),
            "dynasplit_reconfigurations_total", Set.of("device"),
            "dynasplit_dead_letters_total", Set.of("service", "reason"),
            "dynasplit_results_total", Set.of("model", "status"),
            "dynasplit_stage_seconds", Set.of("stage", "phase"),
            "dynasplit_publish_seconds", Set.of("channel"),
            "kafka_consumer_fetch_manager_records_lag_max", Set.of("client_id", "topic", "partition"));
    private static final Pattern METRIC = Pattern.compile(
            "\\b(dynasplit_[a-z_]+|kafka_consumer_fetch_manager_records_lag_max)\\b");
    private static final Pattern BY = Pattern.compile("\\bby \\(([^)]*)\\)");
    private static final Pattern MATCHER = Pattern.compile("\\{([^}]*)}");
    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{(\\w+)}}");

    private static JsonNode dashboard;

    @BeforeAll
    static void load() throws IOException {
        dashboard = new ObjectMapper().readTree(Chart.moduleDir().resolve("dashboards/dynasplit.json").toFile());
    }

    @Test
    void everyAgreedMetricHasAPanel() {
        Set<String> used = new TreeSet<>();
        for (String expr : exprs()) {
            Matcher metric = METRIC.matcher(expr);
            while (metric.find()) {
                used.add(baseName(metric.group(1)));
            }
        }

        assertEquals(new TreeSet<>(METRICS.keySet()), used);
    }

    @Test
    void queriesUseOnlyLabelsTheirMetricsCarry() {
        for (JsonNode target : targets()) {
            String expr = target.path("expr").asText();
            Set<String> allowed = new HashSet<>(Set.of("le"));
            Matcher metric = METRIC.matcher(expr);
            while (metric.find()) {
                allowed.addAll(METRICS.getOrDefault(baseName(metric.group(1)), Set.of()));
            }
            for (String label : labelsIn(expr, target.path("legendFormat").asText())) {
                assertTrue(allowed.contains(label), "'" + label + "' is not a label of the metrics in " + expr);
            }
        }
    }

    @Test
    void everyPanelReadsTheSelectedPrometheusAndHasAUniqueIdAndPlace() {
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertTrue(ids.add(panel.path("id").asInt()), "duplicate panel id " + panel.path("id"));
            assertTrue(panel.path("gridPos").has("w") && panel.path("gridPos").has("h"));
            if (!panel.path("type").asText().equals("row")) {
                assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), panel.path("title").asText());
                assertFalse(panel.path("targets").isEmpty(), panel.path("title").asText());
                assertFalse(panel.path("description").asText().isBlank(), panel.path("title").asText());
            }
        }
        List<String> variables = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
        assertEquals(List.of("datasource", "model"), variables);
        assertEquals("dynasplit-overview", dashboard.path("uid").asText());
    }

    private static String baseName(String series) {
        return series.replaceAll("_(bucket|sum|count)$", "");
    }

    private static Set<String> labelsIn(String expr, String legend) {
        Set<String> labels = new TreeSet<>();
        Matcher by = BY.matcher(expr);
        while (by.find()) {
            for (String label : by.group(1).split(",")) {
                labels.add(label.trim());
            }
        }
        Matcher matcher = MATCHER.matcher(expr);
        while (matcher.find()) {
            for (String term : matcher.group(1).split(",")) {
                labels.add(term.split("[=!~]")[0].trim());
            }
        }
        Matcher legendLabel = LEGEND_LABEL.matcher(legend);
        while (legendLabel.find()) {
            labels.add(legendLabel.group(1));
        }
        return labels;
    }

    private static List<JsonNode> targets() {
        List<JsonNode> targets = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(targets::add));
        return targets;
    }

    private static List<String> exprs() {
        return targets().stream().map(t -> t.path("expr").asText()).toList();
    }
}
