package io.dynasplit.runtime.nets;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.runtime.input.Preprocessing;

import java.util.List;

/** A network architecture, cut into the units between its split points. */
public interface NetworkDefinition {

    String name();

    /** Fresh, uninitialised blocks, one per layer 1..L. */
    List<Unit> units();

    Preprocessing preprocessing();

    /** Seed of the deterministic weights used when no weights file is provided. */
    default long seed() {
        return name().hashCode();
    }

    default ModelDescriptor descriptor() {
        return Models.require(name());
    }

    /** Class names by index; empty when unknown (then "class-i"). */
    default List<String> labels() {
        return List.of();
    }
}
