package io.dynasplit.selection.simulate;

import io.dynasplit.testbed.TestbedModel;

/** The testbed models {@code simulate} can run on, by id. */
public final class Testbeds {
    private Testbeds() {
    }

    public static TestbedModel named(String id) {
        throw new IllegalArgumentException("unknown testbed '" + id + "'; known: (none yet)");
    }
}
