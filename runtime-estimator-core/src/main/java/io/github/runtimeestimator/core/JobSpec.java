package io.github.runtimeestimator.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.runtimeestimator.core.internal.Checks;

/**
 * What is run: one inference batch, one training step, one epoch over a dataset, or a whole training job.
 *
 * <p>The learning rate changes convergence, not the time of a step; it is kept because users pass it and the
 * study recorded it, and the feature-importance report shows how little it matters.
 *
 * @param phase         what is timed
 * @param batchSize     samples per batch, at least 1
 * @param optimizer     the optimizer of training phases; {@link Optimizer#NONE} for inference
 * @param learningRate  the optimizer's learning rate; 0 for inference
 * @param datasetSize   samples in one epoch; required (at least 1) for {@link Phase#TRAIN_EPOCH} and
 *                      {@link Phase#TRAIN_JOB}, 0 otherwise allowed
 * @param epochs        epochs of a {@link Phase#TRAIN_JOB}; 1 for the other phases
 */
public record JobSpec(
        @JsonProperty("phase") Phase phase,
        @JsonProperty(value = "batchSize", required = true) int batchSize,
        @JsonProperty("optimizer") Optimizer optimizer,
        @JsonProperty("learningRate") double learningRate,
        @JsonProperty("datasetSize") long datasetSize,
        @JsonProperty("epochs") int epochs) {

    /**
     * Validates the job; fails with a SpecValidationException naming the field. {@code phase} is required and
     * {@code batchSize} at least 1; a null optimizer becomes {@link Optimizer#NONE}, which a training phase refuses;
     * {@code learningRate} is finite and 0 or more. An epoch or a whole job needs a dataset of at least 1 sample.
     * A whole job needs at least 1 epoch and a step count that fits a {@code long}; the other phases take 1 epoch
     * (0 becomes 1).
     *
     * @param phase        what is timed; required
     * @param batchSize    samples per batch, at least 1
     * @param optimizer    the optimizer of training phases; null or {@link Optimizer#NONE} for inference
     * @param learningRate the learning rate, finite and 0 or more
     * @param datasetSize  samples in one epoch, 0 or more; at least 1 for an epoch or a whole job
     * @param epochs       epochs of a whole job, at least 1; 1 (or 0) for the other phases
     */
    public JobSpec {
        Checks.required("job.phase", phase);
        Checks.atLeast("job.batchSize", batchSize, 1);
        optimizer = optimizer == null ? Optimizer.NONE : optimizer;
        Checks.nonNegative("job.learningRate", learningRate);
        Checks.atLeast("job.datasetSize", datasetSize, 0L);
        if (phase.isTraining() && optimizer == Optimizer.NONE) {
            throw new SpecValidationException("job.optimizer", optimizer.id(),
                    "a " + phase.id() + " needs an optimizer (sgd, adam or adamw)");
        }
        if (phase == Phase.TRAIN_EPOCH || phase == Phase.TRAIN_JOB) {
            Checks.atLeast("job.datasetSize", datasetSize, 1L);
        }
        if (phase == Phase.TRAIN_JOB) {
            Checks.atLeast("job.epochs", epochs, 1);
            long perEpoch = stepsPerEpoch(datasetSize, batchSize);
            if (perEpoch > Long.MAX_VALUE / epochs) {
                throw new SpecValidationException("job.epochs", epochs, "times " + perEpoch
                        + " steps per epoch is more than " + Long.MAX_VALUE + " steps");
            }
        } else {
            epochs = epochs == 0 ? 1 : epochs;
            if (epochs != 1) {
                throw new SpecValidationException("job.epochs", epochs, "must be 1 unless phase is train_job");
            }
        }
    }

    /**
     * One forward pass over one batch.
     *
     * @param batchSize samples per batch, at least 1
     * @return an {@link Phase#INFER} job
     */
    public static JobSpec inference(int batchSize) {
        return new JobSpec(Phase.INFER, batchSize, Optimizer.NONE, 0, 0, 1);
    }

    /**
     * One optimizer step over one batch.
     *
     * @param batchSize    samples per batch, at least 1
     * @param optimizer    the optimizer; required, not {@link Optimizer#NONE}
     * @param learningRate the learning rate, finite and 0 or more
     * @return a {@link Phase#TRAIN_STEP} job
     */
    public static JobSpec trainingStep(int batchSize, Optimizer optimizer, double learningRate) {
        return new JobSpec(Phase.TRAIN_STEP, batchSize, optimizer, learningRate, 0, 1);
    }

    /**
     * One epoch over {@code datasetSize} samples.
     *
     * @param batchSize    samples per batch, at least 1
     * @param optimizer    the optimizer; required, not {@link Optimizer#NONE}
     * @param learningRate the learning rate, finite and 0 or more
     * @param datasetSize  samples in one epoch, at least 1
     * @return a {@link Phase#TRAIN_EPOCH} job
     */
    public static JobSpec trainingEpoch(int batchSize, Optimizer optimizer, double learningRate, long datasetSize) {
        return new JobSpec(Phase.TRAIN_EPOCH, batchSize, optimizer, learningRate, datasetSize, 1);
    }

    /**
     * A whole training job of {@code epochs} epochs over {@code datasetSize} samples.
     *
     * @param batchSize    samples per batch, at least 1
     * @param optimizer    the optimizer; required, not {@link Optimizer#NONE}
     * @param learningRate the learning rate, finite and 0 or more
     * @param datasetSize  samples in one epoch, at least 1
     * @param epochs       epochs, at least 1
     * @return a {@link Phase#TRAIN_JOB} job
     */
    public static JobSpec training(int batchSize, Optimizer optimizer, double learningRate, long datasetSize,
                                   int epochs) {
        return new JobSpec(Phase.TRAIN_JOB, batchSize, optimizer, learningRate, datasetSize, epochs);
    }

    /**
     * Optimizer steps in one epoch: {@code ceil(datasetSize / batchSize)}; 1 when there is no dataset.
     *
     * @return steps per epoch, at least 1
     */
    @JsonIgnore
    public long stepsPerEpoch() {
        return stepsPerEpoch(datasetSize, batchSize);
    }

    /** {@code ceil(datasetSize / batchSize)} without overflow, for any long dataset size. */
    private static long stepsPerEpoch(long datasetSize, int batchSize) {
        if (datasetSize == 0) {
            return 1;
        }
        return (datasetSize - 1) / batchSize + 1;
    }

    /**
     * Steps (or inference batches) this job runs in all: 1, one epoch's, or epochs times one epoch's. Always
     * exact: a job whose steps would not fit a {@code long} is refused when it is built.
     *
     * @return steps in the job, at least 1
     */
    @JsonIgnore
    public long steps() {
        switch (phase) {
            case TRAIN_EPOCH:
                return stepsPerEpoch();
            case TRAIN_JOB:
                return Math.multiplyExact(stepsPerEpoch(), (long) epochs); // cannot overflow: checked when built
            default:
                return 1;
        }
    }

    /**
     * The same job as a single step (or batch) of it: what per-step estimators predict. The step keeps the
     * dataset size of the epoch it belongs to (a raw input the study recorded); it does not change the step's
     * count, which is 1.
     *
     * @return this job when it is already one inference batch or one step, else its training step
     */
    public JobSpec asSingleStep() {
        if (phase == Phase.INFER || phase == Phase.TRAIN_STEP) {
            return this;
        }
        return new JobSpec(Phase.TRAIN_STEP, batchSize, optimizer, learningRate, datasetSize, 1);
    }

    /**
     * This job with another batch size, validated as a new job.
     *
     * @param newBatchSize samples per batch, at least 1
     * @return a copy with {@code batchSize} set
     * @throws SpecValidationException when the batch size is below 1, or a whole job's steps would not fit a
     *                                 {@code long}
     */
    public JobSpec withBatchSize(int newBatchSize) {
        return new JobSpec(phase, newBatchSize, optimizer, learningRate, datasetSize, epochs);
    }
}
