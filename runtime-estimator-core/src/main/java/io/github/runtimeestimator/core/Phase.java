package io.github.runtimeestimator.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What is being timed. Identifiers are the ones in schema v1's {@code phase} column. */
public enum Phase {
    /** One forward pass over one batch, no gradients. */
    INFER("infer"),
    /** One optimizer step over one batch: zero_grad, forward, loss, backward, step. */
    TRAIN_STEP("train_step"),
    /** A whole epoch: {@code ceil(datasetSize / batchSize)} steps, host-to-device copies included. */
    TRAIN_EPOCH("train_epoch"),
    /** A whole training job: {@code epochs} epochs. Composed from epochs; never a measured row in schema v1. */
    TRAIN_JOB("train_job");

    private final String id;

    Phase(String id) {
        this.id = id;
    }

    /**
     * Identifier as in schema v1's {@code phase} column ({@code train_step}).
     *
     * @return the identifier
     */
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * Whether this phase trains: every phase but {@link #INFER}.
     *
     * @return true for the training phases
     */
    public boolean isTraining() {
        return this != INFER;
    }

    /**
     * Parses an identifier, case-insensitively; fails naming the field {@code phase} and the known ids.
     *
     * @param id the identifier; surrounding blanks are ignored
     * @return the phase
     * @throws SpecValidationException when {@code id} is null or not known
     */
    @JsonCreator
    public static Phase fromId(String id) {
        return fromId("phase", id);
    }

    /**
     * Parses an identifier as {@link #fromId(String)} does, naming {@code field} when it fails.
     *
     * @param field the field named in the exception
     * @param id    the identifier, case-insensitive, surrounding blanks ignored
     * @return the phase
     * @throws SpecValidationException when {@code id} is null or not known
     */
    public static Phase fromId(String field, String id) {
        if (id != null) {
            for (Phase p : values()) {
                if (p.id.equalsIgnoreCase(id.trim())) {
                    return p;
                }
            }
        }
        throw new SpecValidationException(field, id, "must be one of "
                + Arrays.stream(values()).map(Phase::id).collect(Collectors.joining(", ", "[", "]")));
    }
}
