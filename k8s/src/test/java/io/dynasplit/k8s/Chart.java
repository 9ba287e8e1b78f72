package io.dynasplit.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The DynaSplit chart and the Helm library that renders it, with the release name the plain manifests use. */
final class Chart {
    static final String RELEASE = "dynasplit";
    static final String NAMESPACE = "dynasplit";
    static final YAMLMapper YAML = new YAMLMapper();

    private Chart() {
    }

    /** The k8s module's folder: surefire passes it; an IDE run starts there anyway. */
    static Path moduleDir() {
        return Path.of(System.getProperty("k8s.dir", "")).toAbsolutePath();
    }

    static Path chartDir() {
        return moduleDir().resolve("helm/dynasplit");
    }

    static Path examplesDir() {
        return moduleDir().resolve("helm/examples");
    }

    static Path manifestsDir() {
        return moduleDir().resolve("manifests");
    }

    /** The one value without a default, as the plain manifests set it. */
    static Path requiredValues() {
        return manifestsDir().resolve("values.yaml");
    }

    /** Renders the chart as `helm template dynasplit k8s/helm/dynasplit -n dynasplit -f <files> --set <sets>`. */
    static String template(Map<String, ?> sets, Path... valuesFiles) {
        TemplateCommand command = new Helm(chartDir()).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (Path file : valuesFiles) {
            command = command.withValuesFile(file);
        }
        for (Map.Entry<String, ?> set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        return command.call();
    }

    /** Renders with the required values plus {@code sets}, parsed into objects. */
    static Rendered render(Map<String, ?> sets) {
        return Rendered.parse(template(sets, requiredValues()));
    }

    static Rendered render(Map<String, ?> sets, Path valuesFile) {
        return Rendered.parse(template(sets, valuesFile));
    }

    static Rendered renderDefaults() {
        return render(Map.of());
    }

    /** Ordered map for --set pairs, so that test failures read in the order written. */
    static Map<String, Object> sets(Object... keysAndValues) {
        Map<String, Object> sets = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            sets.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return sets;
    }

    static LintResult lint(Path chart) {
        return new Helm(chart).lint().strict().call();
    }

    /**
     * A copy of the chart whose values.yaml also holds the required values. helm-java's lint takes no values file,
     * and the chart's own defaults deliberately leave kafka.bootstrapServers unset.
     */
    static Path copyWithRequiredValues(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(chartDir())) {
            for (Path source : files.toList()) {
                Path copy = target.resolve(chartDir().relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        }
        ObjectNode values = (ObjectNode) YAML.readTree(chartDir().resolve("values.yaml").toFile());
        merge(values, (ObjectNode) YAML.readTree(requiredValues().toFile()));
        YAML.writeValue(target.resolve("values.yaml").toFile(), values);
        return target;
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        from.properties().forEach(field -> {
            JsonNode existing = into.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode fromObject) {
                merge(existingObject, fromObject);
            } else {
                into.set(field.getKey(), field.getValue());
            }
        });
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
