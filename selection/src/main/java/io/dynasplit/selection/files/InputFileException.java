package io.dynasplit.selection.files;

/** An input file (front, thresholds) that cannot be used, with the file and row that say why. */
public class InputFileException extends RuntimeException {
    public InputFileException(String message) {
        super(message);
    }

    public InputFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
