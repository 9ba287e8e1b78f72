package io.dynasplit.servicekit.deadletter;

/** Why a record went to the dead-letter topic; the bounded label of the dead-letter counter. */
public enum DeadLetterReason {
    MALFORMED("malformed"),
    INVALID("invalid"),
    UNKNOWN_MODEL("unknown-model"),
    UNKNOWN_DEVICE("unknown-device"),
    OVERSIZE("oversize"),
    WRONG_TENSOR("wrong-tensor"),
    PROCESSING_ERROR("processing-error");

    private final String label;

    DeadLetterReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
