package io.dynasplit.deploy.report;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Placement;
import io.dynasplit.contracts.SplitConfig;

/** How a configuration reads in the charts: a short label for an axis, and its knobs as tooltip rows. */
final class ConfigText {
    private ConfigText() {
    }

    /** {@code l=17 · 1600 MHz · max · GPU}: the model's name left out, as every chart is of one model. */
    static String label(SplitConfig c) {
        return "l=" + c.layer() + " · " + c.cpuMhz() + " MHz · " + c.edgeAccelerator().wireName() + " · "
                + (c.cloudGpu() ? "GPU" : "CPU");
    }

    /** Placement, split layer, CPU frequency, accelerator mode and cloud GPU, saying which knobs the split leaves idle. */
    static Tip knobs(Tip tip, ModelDescriptor model, SplitConfig c) {
        Placement placement = model.placement(c);
        boolean edgeRuns = placement != Placement.CLOUD;
        boolean cloudRuns = placement != Placement.EDGE;
        return tip.row("placement", Palette.name(placement))
                .row("split layer", c.layer() + " of " + model.lastLayer())
                .row("edge CPU", c.cpuMhz() + " MHz" + (edgeRuns ? "" : " (idle: nothing runs on the edge)"))
                .row("edge accelerator", c.edgeAccelerator().wireName() + (edgeRuns ? "" : " (idle)"))
                .row("cloud GPU", (c.cloudGpu() ? "on" : "off") + (cloudRuns ? "" : " (idle: nothing runs in the cloud)"));
    }
}
