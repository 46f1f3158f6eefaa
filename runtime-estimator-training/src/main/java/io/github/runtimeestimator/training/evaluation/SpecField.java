package io.github.runtimeestimator.training.evaluation;

import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.WorkloadSpec;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An input of a workload spec that permutation importance shuffles across held-out rows. Importance is
 * measured on the spec rather than on the feature vector, so it reads in the user's terms ("batch size",
 * "hardware") and works for any estimator; a derived feature (total FLOPs, roofline time) moves with the
 * spec fields it is computed from.
 */
public enum SpecField {
    BATCH_SIZE("batch_size") {
        @Override
        WorkloadSpec take(WorkloadSpec into, WorkloadSpec from) {
            return into.withJob(into.job().withBatchSize(from.job().batchSize()));
        }
    },
    LEARNING_RATE("learning_rate") {
        @Override
        WorkloadSpec take(WorkloadSpec into, WorkloadSpec from) {
            JobSpec j = into.job();
            return into.withJob(new JobSpec(j.phase(), j.batchSize(), j.optimizer(), from.job().learningRate(),
                    j.datasetSize(), j.epochs()));
        }
    },
    OPTIMIZER("optimizer") {
        @Override
        WorkloadSpec take(WorkloadSpec into, WorkloadSpec from) {
            JobSpec j = into.job();
            return into.withJob(new JobSpec(j.phase(), j.batchSize(), from.job().optimizer(), j.learningRate(),
                    j.datasetSize(), j.epochs()));
        }
    },
    DATASET_SIZE("dataset_size") {
        @Override
        WorkloadSpec take(WorkloadSpec into, WorkloadSpec from) {
            JobSpec j = into.job();
            return into.withJob(new JobSpec(j.phase(), j.batchSize(), j.optimizer(), j.learningRate(),
                    from.job().datasetSize(), j.epochs()));
        }
    },
    PRECISION("precision") {
        @Override
        WorkloadSpec take(WorkloadSpec into, WorkloadSpec from) {
            return into.toBuilder().precision(from.precision()).build();
        }
    },
    PARAMETERS("params") {
        @Override
        WorkloadSpec take(WorkloadSpec into, WorkloadSpec from) {
            return withModel(into, into.model().toBuilder().parameters(from.model().parameters()).build());
        }
    },
    FLOPS_PER_SAMPLE("flops_per_sample") {
        @Override
        WorkloadSpec take(WorkloadSpec into, WorkloadSpec from) {
            ModelSpec m = into.model();
            double flops = from.model().flopsPerSample();
            // keep the matmul share of the row's own model, so the optional descriptor stays consistent
            Double matmul = m.matmulFlopsPerSample() == null ? null
                    : m.matmulFlopsPerSample() / m.flopsPerSample() * flops;
            return withModel(into, m.toBuilder().flopsPerSample(flops).matmulFlopsPerSample(matmul).build());
        }
    },
    FAMILY("family") {
        @Override
        WorkloadSpec take(WorkloadSpec into, WorkloadSpec from) {
            return withModel(into, into.model().toBuilder().family(from.model().family()).build());
        }
    },
    HARDWARE("hardware") {
        @Override
        WorkloadSpec take(WorkloadSpec into, WorkloadSpec from) {
            return into.withHardware(from.hardware());
        }
    };

    private final String id;

    SpecField(String id) {
        this.id = id;
    }

    /** The field's name as in schema v1 ({@code batch_size}). */
    public String id() {
        return id;
    }

    /** {@code into} with this field's value taken from {@code from}. */
    abstract WorkloadSpec take(WorkloadSpec into, WorkloadSpec from);

    private static WorkloadSpec withModel(WorkloadSpec spec, ModelSpec model) {
        return spec.toBuilder().model(model).build();
    }

    public static SpecField fromId(String id) {
        for (SpecField f : values()) {
            if (f.id.equalsIgnoreCase(id.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("spec field = \"" + id + "\": must be one of "
                + Arrays.stream(values()).map(SpecField::id).collect(Collectors.joining(", ", "[", "]")));
    }
}
