package io.dynasplit.testbed.hardware;

/**
 * What the detector chose for one knob or meter and why.
 *
 * @param role   e.g. {@code edge cpu-frequency}, {@code cloud energy-meter}
 * @param chosen the chosen driver's source label
 * @param why    for an emulated choice, why the real driver is unavailable; for a real one, what was found
 */
public record DriverChoice(String role, String chosen, boolean real, String why) {

    /** One line for the start-up log. */
    public String line() {
        return role + ": " + chosen + (real ? " (" + why + ")" : " (real driver unavailable: " + why + ")");
    }
}
