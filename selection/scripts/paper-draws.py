#!/usr/bin/env python3
"""Writes the paper's raw threshold draws, so that the Java side can replay the paper's exact workload.

The paper (DynaSplit, arXiv 2410.23881) draws each model's latency thresholds with one numpy generator,
default_rng(seed=123456789), Weibull shape 1, sequentially for vgg16, resnet50, mobilenetv2, vit; the testbed set has
50 draws per model, the simulation set 10,000 (a fresh generator with the same seed). Each set is then min-max scaled
onto the model's fastest and slowest configuration latency; that scaling is done in Java (Thresholds.paper), against
this testbed's bounds, so only the unscaled draws are stored here.

Usage: python3 selection/scripts/paper-draws.py   (needs numpy; writes into selection/src/main/resources)
"""
import os

import numpy as np

MODELS = ["vgg16", "resnet50", "mobilenetv2", "vit-b16"]  # the paper's draw order; "vit" there is vit-b16 here
SEED = 123456789
OUT = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "io", "dynasplit", "selection",
                   "workload")


def write(n):
    rng = np.random.default_rng(seed=SEED)
    columns = [rng.weibull(1, n) for _ in MODELS]
    path = os.path.join(OUT, f"paper-draws-{n}.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(MODELS) + "\n")
        for row in zip(*columns):
            f.write(",".join(repr(float(v)) for v in row) + "\n")
    print(path)


if __name__ == "__main__":
    write(50)
    write(10000)
