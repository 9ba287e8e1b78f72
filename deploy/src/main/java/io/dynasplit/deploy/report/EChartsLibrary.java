package io.dynasplit.deploy.report;

/**
 * Apache ECharts (Apache License 2.0), read from its WebJar on the classpath ({@code org.webjars.npm:echarts} in
 * deploy's pom) to be inlined into the report.
 */
public final class EChartsLibrary {
    /** The WebJar's version. */
    public static final String VERSION = "5.3.1";
    static final String RESOURCE = "META-INF/resources/webjars/echarts/" + VERSION + "/dist/echarts.min.js";

    private static volatile String source;

    private EChartsLibrary() {
    }

    /** The minified library, its licence header included. */
    public static String source() {
        String s = source;
        if (s == null) {
            s = Resources.text(RESOURCE);
            if (s.contains("</script")) {
                throw new IllegalStateException(RESOURCE + " holds '</script' and cannot be inlined");
            }
            source = s;
        }
        return s;
    }
}
