package io.dynasplit.testbed.hardware;

/**
 * What the detector chose for one knob or meter and why.
 *
 * @param role   e.g. {@code edge cpu-frequency}, {@code cloud energy-meter}
 * @param chosen the chosen driver's source label
 * @param real   a real driver; an estimated one (the host energy model) is not real, and neither is an emulated one
 * @param why    for an emulated choice, why the real driver is unavailable; for a real or estimated one, what was found
 */
public record DriverChoice(String role, String chosen, boolean real, String why) {

    /** One line for the start-up log. */
    public String line() {
        boolean emulated = !real && !chosen.startsWith("estimated:");
        return role + ": " + chosen + (emulated ? " (real driver unavailable: " + why + ")" : " (" + why + ")");
    }
}
