package io.dynasplit.onnx;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The model-zoo graphs the install step (.ci/fetch-onnx-zoo) unpacks from the onnx wheel; tests skip without them. */
public final class ZooGraphs {
    public static final List<String> NAMES = List.of("bvlc_alexnet", "densenet121", "inception_v1", "inception_v2",
            "resnet50", "shufflenet", "squeezenet", "vgg19", "zfnet512");

    private ZooGraphs() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("onnx.zoo.dir", "../.cache/onnx-zoo"));
    }

    public static Path require(String name) {
        Path file = dir().resolve("light_" + name + ".onnx");
        Assumptions.assumeTrue(Files.isRegularFile(file),
                "zoo graph " + file + " missing: run .ci/fetch-onnx-zoo (the install step of .ci/run)");
        return file;
    }

    public static byte[] read(String name) {
        try {
            return Files.readAllBytes(require(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Stream<String> names() {
        return NAMES.stream();
    }
}
