package io.dynasplit.optimizer.evaluation;

/** A configuration could not be measured (no result in time, a failed inference, a missing topic). */
public class EvaluationException extends RuntimeException {
    public EvaluationException(String message) {
        super(message);
    }

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
