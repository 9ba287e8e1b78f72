package io.dynasplit.scheduler.store;

import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.scheduler.SchedulerConfig;
import io.dynasplit.selection.Selector;
import io.dynasplit.selection.correction.FeedbackSettings;
import io.dynasplit.selection.index.FallbackPolicy;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.Testbeds;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The Pareto store as the scheduler holds it: one {@link Selector} per (model, edge device class), built from the
 * newest front version seen in the store folder or on the Pareto topic. A new version replaces the front in place;
 * the feedback learnt so far is kept.
 */
@ApplicationScoped
public class ParetoStore {
    private static final Logger LOG = Logger.getLogger(ParetoStore.class);

    @Inject
    SchedulerConfig config;

    private final Map<String, Selector> selectors = new ConcurrentHashMap<>();
    private volatile Optional<TestbedModel> testbed = Optional.empty();

    void onStart(@Observes StartupEvent event) {
        feedbackSettings(config); // a bad margin fails the start, not the first front
        testbed = "none".equals(config.testbed()) ? Optional.empty() : Optional.of(Testbeds.create(config.testbed()));
        config.frontDir().map(Path::of).ifPresent(this::loadFolder);
    }

    /** The feedback settings the configuration asks for; a bad value stops the start with its name. */
    static FeedbackSettings feedbackSettings(SchedulerConfig config) {
        requireNonNegative("dynasplit.scheduler.keep-margin", config.keepMargin());
        requireNonNegative("dynasplit.scheduler.margin-z", config.marginZ());
        return FeedbackSettings.defaults().withZScore(config.marginZ());
    }

    private static void requireNonNegative(String property, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(property + " must be >= 0, got " + value);
        }
    }

    public Optional<TestbedModel> testbed() {
        return testbed;
    }

    private void loadFolder(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(f -> {
                try {
                    offer(Json.read(Files.readAllBytes(f), ParetoFront.class));
                } catch (IOException | RuntimeException e) {
                    LOG.errorf("Pareto store file %s ignored: %s", f, e.getMessage());
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot read Pareto store folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Takes a front if it is newer than the one held for its key. Returns true when it replaced (or added) one. */
    public boolean offer(ParetoFront front) {
        if (front.entries().isEmpty()) {
            throw new IllegalArgumentException("front " + front.key() + " v" + front.version() + " has no entries");
        }
        boolean[] changed = {false};
        selectors.compute(front.key(), (key, current) -> {
            if (current == null) {
                changed[0] = true;
                return newSelector(front);
            }
            if (front.version() > current.front().version()) {
                current.replaceFront(front);
                changed[0] = true;
            }
            return current;
        });
        if (changed[0]) {
            LOG.infof("Pareto front %s v%d: %d entries", front.key(), front.version(), front.entries().size());
        }
        return changed[0];
    }

    public Optional<Selector> selector(String model, String deviceClass) {
        return Optional.ofNullable(selectors.get(ParetoFront.key(model, deviceClass)));
    }

    public java.util.List<FrontsResource.HeldFront> held() {
        return selectors.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new FrontsResource.HeldFront(e.getKey(), e.getValue().front().version(),
                        e.getValue().front().entries().size(), e.getValue().rebuilds()))
                .toList();
    }

    private Selector newSelector(ParetoFront front) {
        Selector.Builder builder = Selector.builder(front)
                .fallback(FallbackPolicy.parse(config.fallbackPolicy()))
                .keepMargin(config.keepMargin())
                .feedback(feedbackSettings(config)); // from the config, even for a front that came before start-up
        testbed.ifPresent(builder::reconfiguration);
        return builder.build();
    }
}
