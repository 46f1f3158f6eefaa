package io.github.runtimeestimator.features;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.WorkloadSpec;
import java.util.List;

/**
 * Feature set {@code seed} v1: the study's raw inputs, untransformed, for ONE step.
 *
 * <p>Precision appears twice: as {@code precision_bytes_per_element} (what memory traffic scales with) and as a
 * one-hot over every {@link Precision} (FP32 and TF32 share 4 bytes but not a peak). The hardware numbers are
 * the device's datasheet figures ({@code hw_peak_fp32_flops_per_second} is per device, at FP32 whatever the
 * workload's precision). {@code dataset_size} is the study's input as given: the dataset size of the epoch the
 * step belongs to (0 for a lone step or inference batch). It does not change how long one step takes, so
 * estimators that train on steps see it constant and leave it out; the number of epochs is not a feature.
 */
final class SeedFeatures implements FeatureExtractor {

    static final String ID = "seed";
    static final int VERSION = 1;

    private static final Precision[] PRECISIONS = Precision.values();

    private static final List<String> NAMES = buildNames();

    private static List<String> buildNames() {
        String[] fixed = {
            "batch_size",
            "learning_rate",
            "dataset_size",
            "parameters",
            "flops_per_sample",
            "is_training",
            "optimizer_state_tensors_per_parameter",
            "precision_bytes_per_element",
        };
        String[] hardware = {
            "hw_peak_fp32_flops_per_second",
            "hw_memory_bytes",
            "hw_memory_bandwidth_bytes_per_second",
            "hw_compute_units",
            "hw_clock_mhz",
            "hw_threads_used",
            "hw_device_count",
            "hw_is_cpu",
        };
        String[] names = new String[fixed.length + PRECISIONS.length + hardware.length];
        int i = 0;
        for (String n : fixed) {
            names[i++] = n;
        }
        for (Precision p : PRECISIONS) {
            names[i++] = "precision_is_" + p.id();
        }
        for (String n : hardware) {
            names[i++] = n;
        }
        return List.of(names);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public List<String> names() {
        return NAMES;
    }

    @Override
    public void extractInto(WorkloadSpec spec, double[] out) {
        FeatureArrays.requireLength(ID, out, NAMES.size());
        HardwareSpec hw = spec.requireHardware();
        ModelSpec model = spec.model();
        JobSpec job = spec.job();
        Precision precision = spec.precision();
        int i = 0;
        out[i++] = job.batchSize();
        out[i++] = job.learningRate();
        out[i++] = job.datasetSize();
        out[i++] = model.parameters();
        out[i++] = model.flopsPerSample();
        out[i++] = job.phase().isTraining() ? 1 : 0;
        out[i++] = job.optimizer().stateTensorsPerParameter();
        out[i++] = precision.bytesPerElement();
        for (Precision p : PRECISIONS) {
            out[i++] = p == precision ? 1 : 0;
        }
        out[i++] = hw.peakFlopsPerSecond().get(Precision.FP32);
        out[i++] = hw.memoryBytes();
        out[i++] = hw.memoryBandwidthBytesPerSecond();
        out[i++] = hw.computeUnits();
        out[i++] = hw.clockMhz();
        out[i++] = hw.threadsUsed();
        out[i++] = hw.deviceCount();
        out[i++] = hw.isCpu() ? 1 : 0;
        FeatureArrays.requireFinite(ID, NAMES, out);
    }

    @Override
    public String toString() {
        return ID + " v" + VERSION + " " + NAMES;
    }
}
