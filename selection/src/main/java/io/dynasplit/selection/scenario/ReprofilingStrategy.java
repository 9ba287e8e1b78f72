package io.dynasplit.selection.scenario;

import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.Selector;
import io.dynasplit.selection.index.DeviceState;
import io.dynasplit.selection.staleness.StalenessMonitor;
import io.dynasplit.selection.strategy.Choice;
import io.dynasplit.selection.strategy.Request;
import io.dynasplit.selection.strategy.Strategy;

import java.util.ArrayList;
import java.util.List;

/**
 * The closed loop in simulation: a selector whose runs a {@link StalenessMonitor} watches; when it calls the front
 * stale, the front is profiled again ({@code reprofiler}, on the testbed as it is at that request) and replaces the
 * selector's {@code lagRequests} requests later, as the optimizer service's new version reaches the scheduler.
 */
public final class ReprofilingStrategy implements Strategy {

    /** Profiles the stale front's model again as the testbed is at request {@code requestIndex}. */
    @FunctionalInterface
    public interface Reprofiler {
        ParetoFront reprofile(int requestIndex, ParetoFront stale);
    }

    private final String name;
    private final Selector selector;
    private final StalenessMonitor monitor;
    private final Reprofiler reprofiler;
    private final int lagRequests;
    private final List<Integer> signalledAt = new ArrayList<>();
    private final List<Integer> replacedAt = new ArrayList<>();
    private int lastRequest;
    private ParetoFront pending;
    private int pendingDue;

    public ReprofilingStrategy(String name, Selector selector, StalenessMonitor monitor, Reprofiler reprofiler,
                               int lagRequests) {
        if (lagRequests < 0) {
            throw new IllegalArgumentException("re-profiling lag must be >= 0 requests, got " + lagRequests);
        }
        this.name = name;
        this.selector = selector;
        this.monitor = monitor;
        this.reprofiler = reprofiler;
        this.lagRequests = lagRequests;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Choice choose(Request request, DeviceState device) {
        lastRequest = request.index();
        if (pending != null && request.index() >= pendingDue) {
            selector.replaceFront(pending);
            replacedAt.add(request.index());
            pending = null;
        }
        return Choice.of(selector.select(request.thresholdMs(), device));
    }

    @Override
    public void observe(SplitConfig config, double latencyMs, double energyJ) {
        selector.observe(config, latencyMs, energyJ);
        ParetoFront held = selector.front();
        if (monitor.observe(held, config, latencyMs, energyJ).isPresent() && pending == null) {
            signalledAt.add(lastRequest);
            ParetoFront fresh = reprofiler.reprofile(lastRequest, held);
            // a newer version than the one held, as the optimizer's creation-time versions are
            pending = new ParetoFront(fresh.schemaVersion(), fresh.model(), fresh.deviceClass(),
                    Math.max(fresh.version(), held.version() + 1), fresh.createdAt(), fresh.provenance(),
                    fresh.entries());
            pendingDue = lastRequest + 1 + lagRequests;
        }
    }

    /** Requests after which the front was called stale. */
    public List<Integer> signalledAt() {
        return List.copyOf(signalledAt);
    }

    /** Requests from which a re-profiled front was used. */
    public List<Integer> replacedAt() {
        return List.copyOf(replacedAt);
    }
}
