package io.dynasplit.fleet;

/** A command the fleet refuses, with the dead-letter reason label (as {@code DeadLetterReason} names them). */
public final class RejectedCommandException extends RuntimeException {
    private final String reason;

    public RejectedCommandException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
