package io.dynasplit.deploy.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

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

    /** Writes the address of a plaintext stack (replacing an earlier stack's); see {@link #publish(String, boolean)}. */
    public void publish(String bootstrapServers) {
        publish(bootstrapServers, false);
    }

    /**
     * Writes the address (replacing an earlier stack's), and beside it, for a secured stack, a marker that says so;
     * both are removed when this JVM exits. The address file stays one line, for {@code $(cat ...)}.
     */
    public void publish(String bootstrapServers, boolean secured) {
        try {
            Files.createDirectories(file.getParent());
            Path written = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"),
                    bootstrapServers + System.lineSeparator(), StandardCharsets.UTF_8);
            Files.move(written, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stack's address to " + file + ": " + e.getMessage(), e);
        }
        file.toFile().deleteOnExit();
        try {
            if (secured) {
                Files.writeString(securedMarker(), "SASL_SSL" + System.lineSeparator(), StandardCharsets.UTF_8);
                securedMarker().toFile().deleteOnExit();
            } else {
                Files.deleteIfExists(securedMarker());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + securedMarker() + ": " + e.getMessage(), e);
        }
    }

    /** Whether the stack that wrote the address runs Kafka secured ({@code ./dynasplit stack --secure}). */
    public boolean secured() {
        return Files.isRegularFile(securedMarker());
    }

    private Path securedMarker() {
        return file.resolveSibling(file.getFileName() + ".secured");
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
            Files.deleteIfExists(securedMarker());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }
}
