package io.dynasplit.deploy.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One self-contained HTML page: text, tables and charts, with Apache ECharts and the page's own script inlined, so
 * the file opens offline from disk. Each chart is a {@code <div class="chart" data-chart="ID">} followed by its option
 * in {@code <script type="application/json" id="ID">}; {@code report.js} draws them all with the SVG renderer and
 * marks each drawn container {@code data-drawn="true"}. A script ahead of everything else records uncaught errors and
 * console errors and warnings in the {@code data-report-problems} attribute of {@code <html>}, and opening the page
 * with {@code #selfcheck} shows each chart's first tooltip and copies its text into the container's
 * {@code data-tip}: what the rendering test reads from headless Chromium's DOM.
 */
public final class ReportPage {
    private static final String RESOURCES = "io/dynasplit/deploy/report/";

    private final String title;
    private final StringBuilder body = new StringBuilder();
    private int charts;

    public ReportPage(String title) {
        this.title = title;
    }

    /** Appends HTML as it is: the caller escapes what it did not write itself ({@link #escape}). */
    public ReportPage html(String html) {
        body.append(html);
        return this;
    }

    /** Appends the chart under its caption. */
    public ReportPage chart(Chart chart) {
        String id = "chart-" + ++charts;
        body.append("<figure id=\"figure-").append(charts).append("\"><figcaption>").append(escape(chart.title())).append("</figcaption>")
                .append("<div class=\"chart\" data-chart=\"").append(id).append("\" style=\"height:")
                .append(chart.heightPx()).append("px\"></div>")
                .append("<script type=\"application/json\" id=\"").append(id).append("\">")
                .append(ChartJson.forScript(chart.option())).append("</script></figure>\n");
        return this;
    }

    public String render() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title>\n"
                + "<style>" + Resources.text(RESOURCES + "report.css") + "</style>\n"
                + "<script>" + Resources.text(RESOURCES + "problems.js") + "</script>\n"
                + "<!-- Apache ECharts " + EChartsLibrary.VERSION + " (Apache License 2.0), inlined so the page needs no network -->\n"
                + "<script>" + EChartsLibrary.source() + "</script>\n"
                + "</head><body>\n" + body
                + "<script>" + Resources.text(RESOURCES + "report.js") + "</script>\n"
                + "</body></html>\n";
    }

    public Path write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render());
        return file;
    }

    /** Text as HTML: {@code & < > "} escaped. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
