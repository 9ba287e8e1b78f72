package io.dynasplit.testbed.hardware;

/** Whether a real driver can be used here, and if not, why (one line). */
public record Availability(boolean available, String reason) {

    public static Availability ok(String what) {
        return new Availability(true, what);
    }

    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
