package io.dynasplit.testbed.energy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Timestamped power samples and their integral over a window with the trapezoidal rule (as the paper integrated
 * its edge meter's 0.2 s samples), interpolating linearly at the window's ends. Thread-safe; keeps the last
 * {@code capacity} samples.
 */
public final class PowerSamples {
    private final int capacity;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public record Sample(double timeMillis, double watts) {
    }

    public PowerSamples(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(double timeMillis, double watts) {
        if (!samples.isEmpty() && timeMillis <= samples.peekLast().timeMillis()) {
            return; // out of order or duplicate: keep the series strictly increasing
        }
        samples.addLast(new Sample(timeMillis, watts));
        while (samples.size() > capacity) {
            samples.removeFirst();
        }
    }

    public synchronized List<Sample> snapshot() {
        return new ArrayList<>(samples);
    }

    /** Time of the newest sample, or NaN. */
    public synchronized double lastTimeMillis() {
        return samples.isEmpty() ? Double.NaN : samples.peekLast().timeMillis();
    }

    /**
     * Joules between {@code fromMillis} and {@code toMillis}. Before the first and after the last sample the power
     * is held at the nearest sample's; NaN without samples.
     */
    public double joules(double fromMillis, double toMillis) {
        return trapezoidJoules(snapshot(), fromMillis, toMillis);
    }

    static double trapezoidJoules(List<Sample> s, double from, double to) {
        if (s.isEmpty()) {
            return Double.NaN;
        }
        if (to <= from) {
            return 0;
        }
        List<Sample> points = new ArrayList<>();
        points.add(new Sample(from, wattsAt(s, from)));
        for (Sample x : s) {
            if (x.timeMillis() > from && x.timeMillis() < to) {
                points.add(x);
            }
        }
        points.add(new Sample(to, wattsAt(s, to)));
        double joules = 0;
        for (int i = 1; i < points.size(); i++) {
            Sample a = points.get(i - 1);
            Sample b = points.get(i);
            joules += (a.watts() + b.watts()) / 2 * (b.timeMillis() - a.timeMillis()) / 1000;
        }
        return joules;
    }

    private static double wattsAt(List<Sample> s, double t) {
        if (t <= s.get(0).timeMillis()) {
            return s.get(0).watts();
        }
        for (int i = 1; i < s.size(); i++) {
            Sample b = s.get(i);
            if (t <= b.timeMillis()) {
                Sample a = s.get(i - 1);
                return a.watts() + (b.watts() - a.watts()) * (t - a.timeMillis()) / (b.timeMillis() - a.timeMillis());
            }
        }
        return s.get(s.size() - 1).watts();
    }
}
