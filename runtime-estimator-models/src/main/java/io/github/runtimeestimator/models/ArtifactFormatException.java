package io.github.runtimeestimator.models;

import io.github.runtimeestimator.core.RuntimeEstimatorException;

/**
 * An estimator artifact ({@code .rte}) cannot be used: not a complete zip, too large, an entry missing,
 * unexpected, corrupt or inconsistent with the manifest, a manifest field out of range, written in another
 * format version, or trained on another version of its feature set. The message names the file, the entry, the
 * field and what is wrong; {@link #source()}, {@link #entry()}, {@link #field()} (within the entry) and
 * {@link #rule()} give them as data. Unchecked, like every {@link RuntimeEstimatorException}: loading still throws
 * {@link java.io.IOException} when the file itself cannot be read.
 */
public class ArtifactFormatException extends RuntimeEstimatorException {
    private static final long serialVersionUID = 1L;

    /** The file or resource, as the caller named it; null when the message alone says it. */
    private final String source;
    /** The zip entry at fault; null when the artifact as a whole is. */
    private final String entry;

    /**
     * A problem with the artifact as a whole (its zip structure, its size).
     *
     * @param message what is wrong
     */
    public ArtifactFormatException(String message) {
        this(message, (Throwable) null);
    }

    /**
     * A problem with the artifact as a whole, caused by {@code cause}.
     *
     * @param message what is wrong
     * @param cause   the underlying failure, or null
     */
    public ArtifactFormatException(String message, Throwable cause) {
        super(message, null, null, cause);
        this.source = null;
        this.entry = null;
    }

    /**
     * A problem with one entry, or one field of it.
     *
     * @param source  the file or resource, as the caller named it
     * @param entry   the zip entry ({@code manifest.json}, {@code regressors/step.bin}), or null for the zip
     * @param field   the field within the entry ({@code regressors[0].standardization.scales[3]}), or null
     * @param problem what is wrong and which rule it breaks
     */
    public ArtifactFormatException(String source, String entry, String field, String problem) {
        this(source, entry, field, problem, null);
    }

    /**
     * As {@link #ArtifactFormatException(String, String, String, String)}, caused by {@code cause}.
     *
     * @param source  the file or resource, as the caller named it
     * @param entry   the zip entry, or null for the zip
     * @param field   the field within the entry, or null
     * @param problem what is wrong and which rule it breaks
     * @param cause   the underlying failure, or null
     */
    public ArtifactFormatException(String source, String entry, String field, String problem, Throwable cause) {
        super(source + ": " + (entry == null ? "" : entry + (field == null ? "" : " " + field) + ": ") + problem,
                field, problem, cause);
        this.source = source;
        this.entry = entry;
    }

    /**
     * The file or resource, or null when the message alone says it.
     *
     * @return the file or resource as the caller named it, or null
     */
    public String source() {
        return source;
    }

    /**
     * The zip entry at fault, or null when the artifact as a whole is.
     *
     * @return the zip entry name, or null
     */
    public String entry() {
        return entry;
    }

}
