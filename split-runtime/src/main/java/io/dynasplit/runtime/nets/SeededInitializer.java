package io.dynasplit.runtime.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * He-uniform weights, U(-sqrt(6/fan_in), +sqrt(6/fan_in)), from the engine's generator re-seeded for every
 * parameter (model seed + parameter index). Two processes that build the same network with the same seed get the
 * same weights, so an edge head and a cloud tail agree without shipping weights. Not thread-safe: the engine's
 * generator is global, callers serialise builds.
 */
public final class SeededInitializer implements Initializer {
    private final long seed;
    private int index;

    public SeededInitializer(long seed) {
        this.seed = seed;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        long fanIn = shape.dimension() > 1 ? shape.size() / shape.get(0) : shape.size();
        float bound = (float) Math.sqrt(6.0 / Math.max(1, fanIn));
        manager.getEngine().setRandomSeed(mix(seed, index++));
        return manager.randomUniform(-bound, bound, shape, dataType);
    }

    private static int mix(long seed, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) ((z ^ (z >>> 31)) & 0x7fffffff);
    }
}
