package io.dynasplit.contracts;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * OK: the network ran. TIMEOUT: no result arrived within the deadline plus the grace period (published by the
 * scheduler's watchdog so that nothing is lost silently). REJECTED: policy {@code reject} and no entry meets the
 * threshold. FAILED: the pipeline could not run it (see the dead-letter topic).
 */
public enum ResultStatus {
    OK, TIMEOUT, REJECTED, FAILED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
