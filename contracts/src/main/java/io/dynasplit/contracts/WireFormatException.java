package io.dynasplit.contracts;

/** A record that cannot be decoded: wrong magic, truncated frame, shape and data that disagree, bad JSON. */
public class WireFormatException extends RuntimeException {
    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
