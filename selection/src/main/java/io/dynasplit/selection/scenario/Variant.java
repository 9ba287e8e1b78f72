package io.dynasplit.selection.scenario;

import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.selection.Selector;
import io.dynasplit.selection.correction.FeedbackSettings;
import io.dynasplit.selection.correction.ReconfigurationCost;
import io.dynasplit.selection.index.FallbackPolicy;
import io.dynasplit.testbed.TestbedModel;

import java.util.Arrays;
import java.util.Locale;

/**
 * The selection with each of DynaSplit's additions to the paper on or off: runtime feedback (the profile corrected by
 * observed runs, with a safety margin), load awareness (queued device time counts against the threshold), and switch
 * costs (a knob switch's predicted time and energy in each decision, with the keep margin).
 */
public enum Variant {
    PAPER(false, false, false),
    FEEDBACK(true, false, false),
    LOAD(false, true, false),
    SWITCHES(false, false, true),
    ALL(true, true, true);

    private final boolean feedback;
    private final boolean loadAware;
    private final boolean switchCosts;

    Variant(boolean feedback, boolean loadAware, boolean switchCosts) {
        this.feedback = feedback;
        this.loadAware = loadAware;
        this.switchCosts = switchCosts;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean loadAware() {
        return loadAware;
    }

    public static Variant parse(String value) {
        return Arrays.stream(values()).filter(v -> v.wireName().equals(value)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("--selection must be one of " + Arrays.stream(values())
                        .map(Variant::wireName).toList() + ", got '" + value + "'"));
    }

    /** The scheduler's selector for {@code front} with this variant's features. */
    public Selector selector(ParetoFront front, TestbedModel testbed, FallbackPolicy fallback) {
        Selector.Builder b = Selector.builder(front).fallback(fallback)
                .feedback(feedback ? FeedbackSettings.defaults() : FeedbackSettings.disabled())
                .keepMargin(switchCosts ? Selector.DEFAULT_KEEP_MARGIN : 0);
        if (switchCosts) {
            b.reconfiguration(ReconfigurationCost.of(testbed), testbed.edgeIdleWatts());
        }
        return b.build();
    }
}
