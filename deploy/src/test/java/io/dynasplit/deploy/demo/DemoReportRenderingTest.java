package io.dynasplit.deploy.demo;

import io.dynasplit.deploy.report.EChartsLibrary;
import io.dynasplit.deploy.report.HeadlessChromium;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The demo's report on vgg16's front, thresholds and strategies (the emulated testbed standing in for the live run),
 * opened from its file in headless Chromium with no network: every chart drew an SVG with its axes' names and
 * numbers, the first data item of each shows its details on hover, and the page logged no error or warning.
 */
class DemoReportRenderingTest {
    private static final int CHARTS_PER_MODEL = 6;
    private static final Pattern TEXT = Pattern.compile("<text[^>]*>([^<]*)</text>");
    private static final Pattern NUMBER = Pattern.compile("\\d[\\d,]*(\\.\\d+)?");

    /** Kept after the run, with Chromium's DOM and log, to look at when the test fails. */
    static final Path DIR = Path.of("target", "report-rendering");
    static Path report;

    @BeforeAll
    static void writeReport() throws Exception {
        report = new DemoReport(List.of(ReplayedRun.of("vgg16", 50))).write(DIR.resolve("report.html"));
    }

    @Test
    void theReportIsOneFileThatFetchesNothing() throws Exception {
        String html = Files.readString(report);
        String page = html.replace(EChartsLibrary.source(), "");
        assertTrue(html.length() > page.length(), "ECharts is inlined");
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:)?//").matcher(page).find(),
                "the page links nothing outside the file");
        assertEquals(CHARTS_PER_MODEL, count(page, "<div class=\"chart\" data-chart=\"chart-"));
        assertFalse(page.contains("<svg"), "no hand-drawn SVG: the charts are drawn by ECharts in the browser");
    }

    @Test
    void everyChartDrawsWithReadableAxesAndHoverDetailsInHeadlessChromium() throws Exception {
        Optional<HeadlessChromium> chromium = HeadlessChromium.find();
        if (chromium.isEmpty() && HeadlessChromium.required()) {
            fail(HeadlessChromium.missingMessage() + " (" + HeadlessChromium.REQUIRED + "=1: required here)");
        }
        assumeTrue(chromium.isPresent(), HeadlessChromium.missingMessage() + "; the report rendering test is skipped");

        String dom = chromium.get().dumpDom(report.toAbsolutePath().toUri() + "#selfcheck", DIR.resolve("chromium"),
                Duration.ofSeconds(60));
        Files.writeString(DIR.resolve("report-dom.html"), dom);

        assertTrue(dom.contains("data-selfcheck=\"done\""), "the page's script ran to the end");
        Matcher problems = Pattern.compile("data-report-problems=\"([^\"]*)\"").matcher(dom);
        assertFalse(problems.find(), () -> "the page logged: " + problems.group(1));
        List<String> charts = charts(dom);
        assertEquals(CHARTS_PER_MODEL, charts.size(), "one container per chart");
        for (String chart : charts) {
            String caption = chart.substring(0, chart.indexOf("</figcaption>"));
            assertTrue(chart.contains("data-drawn=\"true\""), caption + ": drawn");
            assertTrue(chart.contains("<svg"), caption + ": an SVG");
            assertTrue(count(chart, "<path") >= 5, caption + ": shapes drawn");
            List<String> texts = texts(chart);
            assertTrue(texts.stream().filter(t -> NUMBER.matcher(t).matches()).count() >= 3,
                    caption + ": numbered ticks, got " + texts);
            assertFalse(tip(chart).isBlank(), caption + ": details on hover");
        }
        String front = charts.get(0);
        assertTrue(texts(front).containsAll(List.of("latency (ms)", "energy (J)", "used by the live run")), texts(front).toString());
        assertTrue(texts(front).stream().filter(t -> NUMBER.matcher(t).matches()).count() >= 6,
                "both log axes numbered beyond their ends: " + texts(front));
        for (String detail : List.of("split layer", "edge CPU", "MHz", "edge accelerator", "cloud GPU", " ms", " J")) {
            assertTrue(tip(front).contains(detail), "front tooltip has " + detail + ": " + tip(front));
        }
        assertTrue(texts(charts.get(1)).contains("mean energy per request (J)"));
        assertTrue(texts(charts.get(2)).contains("mean latency per request (ms)"));
        assertTrue(texts(charts.get(3)).containsAll(List.of("requests", "deadline met", "deadline missed")));
        assertTrue(texts(charts.get(4)).containsAll(List.of("edge only", "split", "cloud only")));
        assertTrue(texts(charts.get(5)).containsAll(List.of("request", "latency (ms)", "threshold", "met", "missed")));
        assertTrue(tip(charts.get(5)).contains("threshold"), tip(charts.get(5)));
    }

    /** Each chart's figure, from its caption to the next figure. */
    private static List<String> charts(String dom) {
        List<String> charts = new ArrayList<>();
        int at = dom.indexOf("<figcaption>");
        while (at >= 0) {
            int next = dom.indexOf("<figcaption>", at + 1);
            charts.add(dom.substring(at + "<figcaption>".length(), next < 0 ? dom.length() : next));
            at = next;
        }
        return charts;
    }

    private static List<String> texts(String svg) {
        List<String> texts = new ArrayList<>();
        Matcher m = TEXT.matcher(svg);
        while (m.find()) {
            texts.add(m.group(1).replace("&amp;", "&").trim());
        }
        return texts;
    }

    private static String tip(String chart) {
        Matcher m = Pattern.compile("data-tip=\"([^\"]*)\"").matcher(chart);
        return m.find() ? m.group(1) : "";
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
