/**
 * The demo's HTML report as one self-contained file: {@link io.dynasplit.deploy.report.ReportPage} assembles the
 * text, tables and charts and inlines Apache ECharts ({@link io.dynasplit.deploy.report.EChartsLibrary}) so the
 * file opens offline; each chart class turns the demo's data into one ECharts option, built as Jackson trees
 * ({@link io.dynasplit.deploy.report.ChartJson}).
 */
package io.dynasplit.deploy.report;
