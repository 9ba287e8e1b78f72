package io.dynasplit.runtime.nets;

import ai.djl.nn.Block;

/** One layer of a network as the split runtime sees it: split point l ships the output of unit l (1-based). */
public record Unit(String name, Block block) {
}
