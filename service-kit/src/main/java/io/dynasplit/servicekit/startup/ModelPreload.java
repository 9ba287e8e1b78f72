package io.dynasplit.servicekit.startup;

import org.jboss.logging.Logger;

import java.util.List;
import java.util.function.Consumer;

/**
 * Builds the networks named by {@code dynasplit.models.preload} in the background at start-up, so the first request
 * of a big model (VGG16: 138 M parameters) does not pay for it. Without the setting, models load on first use.
 */
public final class ModelPreload {
    private static final Logger LOG = Logger.getLogger(ModelPreload.class);

    private ModelPreload() {
    }

    public static void inBackground(List<String> models, Consumer<String> load) {
        if (models.isEmpty()) {
            return;
        }
        Thread t = new Thread(() -> models.forEach(m -> {
            long t0 = System.nanoTime();
            try {
                load.accept(m);
                LOG.infof("model %s ready in %d ms", m, (System.nanoTime() - t0) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.errorf("model %s could not be preloaded: %s", m, e.getMessage());
            }
        }), "model-preload");
        t.setDaemon(true);
        t.start();
    }
}
