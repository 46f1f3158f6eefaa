package io.github.runtimeestimator.models;

import java.io.IOException;

/**
 * An estimator artifact ({@code .rte}) cannot be used: not a complete zip, an entry missing or corrupt, written
 * by a newer format version, or trained on another version of its feature set. The message names the file and
 * what is wrong.
 */
public class ArtifactFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public ArtifactFormatException(String message) {
        super(message);
    }

    public ArtifactFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
