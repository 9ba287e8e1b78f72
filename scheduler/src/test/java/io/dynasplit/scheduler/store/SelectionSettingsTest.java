package io.dynasplit.scheduler.store;

import io.dynasplit.scheduler.SchedulerConfig;
import io.dynasplit.selection.Selector;
import io.dynasplit.selection.correction.FeedbackSettings;
import io.dynasplit.selection.simulate.SimulateCommand;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scheduler selects with the settings `dynasplit simulate` assumes, unless an operator says otherwise. */
class SelectionSettingsTest {

    @Test
    void defaultsAreTheSelectionLibrarysAndSimulatesOwn() throws Exception {
        double keepMargin = Double.parseDouble(schedulerDefault("keepMargin"));
        double marginZ = Double.parseDouble(schedulerDefault("marginZ"));

        assertEquals(Selector.DEFAULT_KEEP_MARGIN, keepMargin);
        assertEquals(FeedbackSettings.defaults().zScore(), marginZ);
        assertEquals(keepMargin, Double.parseDouble(simulateDefault("--keep-margin")));
        assertEquals(marginZ, Double.parseDouble(simulateDefault("--margin-z")));
    }

    @Test
    void theConfiguredMarginIsTheOneSelectedWith() {
        FeedbackSettings settings = ParetoStore.feedbackSettings(config(0.02, 0.5));

        assertEquals(0.5, settings.zScore());
        assertTrue(settings.enabled());
    }

    @Test
    void aNegativeMarginStopsTheStartNamingTheProperty() {
        IllegalArgumentException z = assertThrows(IllegalArgumentException.class,
                () -> ParetoStore.feedbackSettings(config(0.02, -1)));
        IllegalArgumentException keep = assertThrows(IllegalArgumentException.class,
                () -> ParetoStore.feedbackSettings(config(Double.NaN, 2)));

        assertTrue(z.getMessage().contains("dynasplit.scheduler.margin-z"), z.getMessage());
        assertTrue(keep.getMessage().contains("dynasplit.scheduler.keep-margin"), keep.getMessage());
    }

    private static String schedulerDefault(String method) throws NoSuchMethodException {
        return SchedulerConfig.class.getMethod(method).getAnnotation(WithDefault.class).value();
    }

    private static String simulateDefault(String option) {
        return Arrays.stream(SimulateCommand.class.getDeclaredFields())
                .map(f -> f.getAnnotation(Option.class))
                .filter(o -> o != null && Arrays.asList(o.names()).contains(option))
                .findFirst().orElseThrow().defaultValue();
    }

    private static SchedulerConfig config(double keepMargin, double marginZ) {
        return new SchedulerConfig() {
            public String devices() { return "pi-a=paper-pi4-coral"; }
            public Optional<String> devicesFile() { return Optional.empty(); }
            public String fallbackPolicy() { return "fastest"; }
            public long timeoutGraceMs() { return 30000; }
            public java.time.Duration deadlineSweepInterval() { return java.time.Duration.ofMillis(500); }
            public Optional<Integer> requestPartitions() { return Optional.empty(); }
            public Optional<String> frontDir() { return Optional.empty(); }
            public String testbed() { return "none"; }
            public double deviceClockSpeedup() { return 1; }
            public double keepMargin() { return keepMargin; }
            public double marginZ() { return marginZ; }
            public int maxInputBytes() { return 3000000; }
        };
    }
}
