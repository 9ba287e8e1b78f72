package io.dynasplit.servicekit.deadletter;

/** A record DynaSplit will not process, with the reason that goes into its dead letter. */
public class RejectedRecordException extends RuntimeException {
    private final DeadLetterReason reason;

    public RejectedRecordException(DeadLetterReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RejectedRecordException(DeadLetterReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }
}
