package io.dynasplit.deploy.report;

import io.dynasplit.contracts.Placement;

/** The report's colours: one per placement, met/missed, and the live run against the baselines. */
final class Palette {
    static final String EDGE = "#2ca02c";
    static final String SPLIT = "#1f77b4";
    static final String CLOUD = "#9467bd";
    static final String MET = "#2a9d3a";
    static final String MISSED = "#d62728";
    static final String HIGHLIGHT = "#d62728";
    static final String BASELINE = "#5b8db8";
    static final String THRESHOLD = "#888888";
    static final String NOT_SERVED = "#555555";

    private Palette() {
    }

    static String of(Placement placement) {
        return switch (placement) {
            case EDGE -> EDGE;
            case SPLIT -> SPLIT;
            case CLOUD -> CLOUD;
        };
    }

    /** How the report names a placement. */
    static String name(Placement placement) {
        return switch (placement) {
            case EDGE -> "edge only";
            case SPLIT -> "split";
            case CLOUD -> "cloud only";
        };
    }
}
