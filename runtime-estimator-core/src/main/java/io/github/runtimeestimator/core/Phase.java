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

    @JsonValue
    public String id() {
        return id;
    }

    public boolean isTraining() {
        return this != INFER;
    }

    @JsonCreator
    public static Phase fromId(String id) {
        return fromId("phase", id);
    }

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
