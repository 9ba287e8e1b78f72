package io.dynasplit.selection.index;

/** Why a selection came out as it did. */
public enum SelectionReason {
    MET_THRESHOLD(false, "lowest predicted energy within the threshold"),
    KEPT_CURRENT_KNOBS(false, "meets the threshold with the device's current knobs, within the energy margin of the best"),
    FALLBACK_FASTEST(true, "no entry meets the threshold: fastest"),
    FALLBACK_CHEAPEST(true, "no entry meets the threshold: cheapest"),
    REJECTED(true, "no entry meets the threshold: rejected");

    private final boolean fallback;
    private final String description;

    SelectionReason(boolean fallback, String description) {
        this.fallback = fallback;
        this.description = description;
    }

    public boolean fallback() {
        return fallback;
    }

    public String description() {
        return description;
    }
}
