package io.dynasplit.testbed.hardware;

/** A knob or meter could not do what was asked (a write refused, a frequency that did not take, a meter that failed). */
public class HardwareException extends RuntimeException {
    public HardwareException(String message) {
        super(message);
    }

    public HardwareException(String message, Throwable cause) {
        super(message, cause);
    }
}
