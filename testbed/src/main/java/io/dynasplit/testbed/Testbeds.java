package io.dynasplit.testbed;

import io.dynasplit.testbed.emulated.PaperTestbed;

import java.util.List;

/** The testbeds known by id ({@code dynasplit.edge.testbed}, {@code dynasplit.cloud.testbed}, {@code --testbed}). */
public final class Testbeds {
    public static final List<String> IDS = List.of(PaperTestbed.ID);

    private Testbeds() {
    }

    /** The testbed with this id and cloud energy accounting. */
    public static TestbedModel create(String id, CloudEnergyAccounting accounting) {
        if (PaperTestbed.ID.equals(id)) {
            return new PaperTestbed(accounting);
        }
        throw new IllegalArgumentException("unknown testbed '" + id + "'; known: " + IDS);
    }

    public static TestbedModel create(String id) {
        return create(id, CloudEnergyAccounting.WHOLE_NODE);
    }
}
