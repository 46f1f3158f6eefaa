package io.github.runtimeestimator.training.evaluation;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.WorkloadSpec;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An input of a workload spec that permutation importance shuffles across held-out rows. Importance is
 * measured on the spec rather than on the feature vector, so it reads in the user's terms ("batch size",
 * "hardware") and works for any estimator; a derived feature (total FLOPs, roofline time) moves with the
 * spec fields it is computed from. The hardware is shuffled as a whole ({@code hardware}) and figure by figure
 * ({@code hw_peak_flops_per_second}, {@code hw_memory_bandwidth_bytes_per_second}, {@code hw_memory_bytes},
 * {@code hw_compute_units}, {@code hw_clock_mhz}): a row keeps its device and takes one figure of another's.
 */
public enum SpecField {
    /** The job's batch size (samples per batch). */
    BATCH_SIZE("batch_size") {
        @Override
        WorkloadSpec take(WorkloadSpec into, WorkloadSpec from) {
            return into.withJob(into.job().withBatchSize(from.job().batchSize()));
        }
    },
    /** The job's learning rate. */
    LEARNING_RATE("learning_rate") {
        @Override
        WorkloadSpec take(WorkloadSpec into, WorkloadSpec from) {
            JobSpec j = into.job();
            return into.withJob(new JobSpec(j.phase(), j.batchSize(), j.optimizer(), from.job().learningRate(),
                    j.datasetSize(), j.epochs()));
        }
    },
    /** The job's optimizer. */
    OPTIMIZER("optimizer") {
        @Override
        WorkloadSpec take(WorkloadSpec into, WorkloadSpec from) {
            JobSpec j = into.job();
            return into.withJob(new JobSpec(j.phase(), j.batchSize(), from.job().optimizer(), j.learningRate(),
                    j.datasetSize(), j.epochs()));
        }
    },
    /** The job's dataset size (samples in one epoch). */
    DATASET_SIZE("dataset_size") {
        @Override
        WorkloadSpec take(WorkloadSpec into, WorkloadSpec from) {
            JobSpec j = into.job();
            return into.withJob(new JobSpec(j.phase(), j.batchSize(), j.optimizer(), j.learningRate(),
                    from.job().datasetSize(), j.epochs()));
        }
    },
    /** The workload's numeric precision. */
    PRECISION("precision") {
        @Override
        WorkloadSpec take(WorkloadSpec into, WorkloadSpec from) {
            return into.toBuilder().precision(from.precision()).build();
        }
    },
    /** The model's trainable parameters. */
    PARAMETERS("params") {
        @Override
        WorkloadSpec take(WorkloadSpec into, WorkloadSpec from) {
            return withModel(into, into.model().toBuilder().parameters(from.model().parameters()).build());
        }
    },
    /** The model's forward FLOPs per sample; the row keeps its own model's matmul share of them. */
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
    /** The model's architecture family. */
    FAMILY("family") {
        @Override
        WorkloadSpec take(WorkloadSpec into, WorkloadSpec from) {
            return withModel(into, into.model().toBuilder().family(from.model().family()).build());
        }
    },
    /** The device as a whole. */
    HARDWARE("hardware") {
        @Override
        WorkloadSpec take(WorkloadSpec into, WorkloadSpec from) {
            return into.withHardware(from.hardware());
        }
    },
    /** The device's dense peak FLOP/s, at every precision (the donor's whole table). */
    HW_PEAK_FLOPS("hw_peak_flops_per_second") {
        @Override
        WorkloadSpec take(WorkloadSpec into, WorkloadSpec from) {
            HardwareSpec.Builder b = into.hardware().toBuilder();
            for (Precision p : Precision.values()) {
                b.peakFlopsPerSecond(p, from.hardware().peakFlopsPerSecond(p));
            }
            return into.withHardware(b.build());
        }
    },
    /** The device's peak memory bandwidth, in bytes per second. */
    HW_MEMORY_BANDWIDTH("hw_memory_bandwidth_bytes_per_second") {
        @Override
        WorkloadSpec take(WorkloadSpec into, WorkloadSpec from) {
            return into.withHardware(into.hardware().toBuilder()
                    .memoryBandwidthBytesPerSecond(from.hardware().memoryBandwidthBytesPerSecond()).build());
        }
    },
    /** The device's memory, in bytes. */
    HW_MEMORY("hw_memory_bytes") {
        @Override
        WorkloadSpec take(WorkloadSpec into, WorkloadSpec from) {
            return into.withHardware(into.hardware().toBuilder().memoryBytes(from.hardware().memoryBytes()).build());
        }
    },
    /** The device's compute units (SMs, CUs or cores); a CPU keeps its threads used within them. */
    HW_COMPUTE_UNITS("hw_compute_units") {
        @Override
        WorkloadSpec take(WorkloadSpec into, WorkloadSpec from) {
            HardwareSpec own = into.hardware();
            HardwareSpec.Builder b = own.toBuilder().computeUnits(from.hardware().computeUnits());
            if (own.isCpu()) { // a CPU uses at most its cores: keep the threads within them
                b.threadsUsed(Math.min(own.threadsUsed(), from.hardware().computeUnits()));
            }
            return into.withHardware(b.build());
        }
    },
    /** The device's clock, in MHz; its base and boost clocks follow it. */
    HW_CLOCK("hw_clock_mhz") {
        @Override
        WorkloadSpec take(WorkloadSpec into, WorkloadSpec from) {
            // the base and boost clocks follow the clock (a GPU's clock is its boost clock, a CPU's its base clock)
            HardwareSpec own = into.hardware();
            HardwareSpec donor = from.hardware();
            double clock = donor.clockMhz();
            HardwareSpec.Builder b = own.toBuilder().clockMhz(clock);
            if (own.isCpu()) {
                b.baseClockMhz(clock).boostClockMhz(Math.max(clock, own.boostClockMhz() == 0 ? 0 : clock));
            } else {
                b.boostClockMhz(clock).baseClockMhz(Math.min(clock, own.baseClockMhz()));
            }
            return into.withHardware(b.build());
        }
    };

    private final String id;

    SpecField(String id) {
        this.id = id;
    }

    /**
     * The field's name as in schema v1 ({@code batch_size}).
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /** {@code into} with this field's value taken from {@code from}. */
    abstract WorkloadSpec take(WorkloadSpec into, WorkloadSpec from);

    private static WorkloadSpec withModel(WorkloadSpec spec, ModelSpec model) {
        return spec.toBuilder().model(model).build();
    }

    /**
     * The field of an id, ignoring case and surrounding blanks.
     *
     * @param id a field's {@link #id()}
     * @return the field
     * @throws IllegalArgumentException when no field has that id; the message lists the ids
     */
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
