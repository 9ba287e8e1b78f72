package io.dynasplit.deploy.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where a running {@code ./dynasplit stack} can be reached: its Kafka bootstrap address in a well-known file,
 * {@value #RELATIVE_PATH} under the checkout, one line. The stack writes it once it serves requests and removes it when
 * it stops; {@code ./dynasplit request} reads it (and scripts can: {@code --bootstrap-servers $(cat ...)}).
 */
public record StackAddress(Path file) {
    public static final String RELATIVE_PATH = "target/stack/bootstrap";

    /** The file of the stack of the checkout at {@code home}. */
    public static StackAddress inHome(Path home) {
        return new StackAddress(home.resolve(RELATIVE_PATH));
    }

    /** Writes the address of a plaintext stack (replacing an earlier stack's); see {@link #publish(String, Map)}. */
    public void publish(String bootstrapServers) {
        publish(bootstrapServers, Map.of());
    }

    /**
     * Writes the address (replacing an earlier stack's) and, for a secured stack, beside it the client settings the
     * local tools log in with ({@code security.protocol}, the JAAS line with its password, the trusted certificate),
     * readable by the owner only; both are removed when this JVM exits. The address file stays one line, for
     * {@code $(cat ...)}.
     */
    public void publish(String bootstrapServers, Map<String, ?> clientSettings) {
        try {
            Files.createDirectories(file.getParent());
            Path written = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"),
                    bootstrapServers + System.lineSeparator(), StandardCharsets.UTF_8);
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(clientSettingsFile());
            if (!clientSettings.isEmpty()) {
                writeOwnerOnly(clientSettingsFile(), clientSettings);
                clientSettingsFile().toFile().deleteOnExit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stack's address to " + file + ": " + e.getMessage(), e);
        }
        file.toFile().deleteOnExit();
    }

    /** Whether the stack that wrote the address runs Kafka secured ({@code ./dynasplit stack --secure}). */
    public boolean secured() {
        return Files.isRegularFile(clientSettingsFile());
    }

    /** The client settings a secured stack wrote for the local tools; empty for a plaintext stack. */
    public Map<String, String> clientSettings() {
        if (!secured()) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(clientSettingsFile(), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + clientSettingsFile() + ": " + e.getMessage(), e);
        }
        Map<String, String> settings = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> settings.put(k, properties.getProperty(k)));
        return settings;
    }

    public Path clientSettingsFile() {
        return file.resolveSibling(file.getFileName() + ".client.properties");
    }

    private static void writeOwnerOnly(Path target, Map<String, ?> settings) throws IOException {
        Properties properties = new Properties();
        settings.forEach((k, v) -> properties.setProperty(k, String.valueOf(v)));
        Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            properties.store(out, "the local stack's operator login (./dynasplit request); removed when the stack stops");
        }
    }

    /** The address a running stack wrote; empty when none did (or it stopped and removed it). */
    public Optional<String> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String address = Files.readString(file, StandardCharsets.UTF_8).strip();
            return address.isEmpty() ? Optional.empty() : Optional.of(address);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stack's address from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes the file (the stack stops). */
    public void remove() {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(clientSettingsFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }
}
