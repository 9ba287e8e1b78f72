package io.dynasplit.onnx;

/** A model that cannot be imported, with a reason a person can act on; nothing was written to the models directory. */
public final class ModelImportException extends RuntimeException {
    public ModelImportException(String message) {
        super(message);
    }

    public ModelImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
