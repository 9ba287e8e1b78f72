package io.dynasplit.deploy.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root: {@code -Ddynasplit.home}, or the nearest parent of the working directory with a mvnw. */
public final class Home {
    private Home() {
    }

    public static Path find() {
        String configured = System.getProperty("dynasplit.home");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("scheduler"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the DynaSplit checkout: run from inside it or set -Ddynasplit.home");
    }
}
