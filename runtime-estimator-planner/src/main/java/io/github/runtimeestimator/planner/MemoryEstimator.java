package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.Checks;
import io.github.runtimeestimator.core.HardwareKind;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Predicts the peak device memory of a workload analytically, part by part. Immutable and thread-safe.
 *
 * <h2>Conventions (PyTorch eager, one process per device)</h2>
 * <ul>
 *   <li><b>Weights.</b> FP32 and TF32: 4 bytes per parameter (TF32 only changes the matmul math).
 *       BF16/FP16 mean autocast mixed precision, as the collector measures: the parameters stay in fp32
 *       (the "master weights", 4 bytes) and autocast casts them to 16 bit inside the forward; in training
 *       those casts are cached for the step, so 2 more bytes per parameter ({@value #AUTOCAST_COPY_BYTES}).
 *       Inference under autocast keeps the fp32 weights only (the casts are transient). INT8 is weight-only
 *       quantised inference, 1 byte per parameter; INT8 training is not modelled and fails.</li>
 *   <li><b>Gradients</b> (training only): one per parameter in the parameters' dtype: 4 bytes.</li>
 *   <li><b>Optimizer state</b> (training only): {@link io.github.runtimeestimator.core.Optimizer#stateTensorsPerParameter()}
 *       fp32 tensors per parameter: SGD with momentum 1, Adam/AdamW 2 (first and second moments).</li>
 *   <li><b>Activations.</b> With {@code ModelSpec.activationElementsPerSample} (output elements of all leaf
 *       layers for one sample): training keeps every leaf output for the backward pass,
 *       factor {@value #TRAINING_ACTIVATION_FACTOR} of the sum; inference frees each output once the next
 *       layer has run, so only the largest live ones count: {@value #INFERENCE_LIVE_LAYERS} layers' worth of
 *       the mean leaf output ({@code sum / leafLayers}), or {@value #INFERENCE_SHARE_WITHOUT_LAYERS} of the sum
 *       when the layer count is unknown, never more than the sum. Element size: 4 bytes in FP32/TF32,
 *       2 under BF16/FP16 autocast (matmul/conv outputs are 16 bit), 1 for INT8.
 *       Without the descriptor a <em>fallback proxy</em> is used: {@code flopsPerSample /}
 *       {@value #FALLBACK_FLOPS_PER_ACTIVATION_ELEMENT} elements per sample, roughly a ResNet-style CNN's
 *       ratio of forward FLOPs to activation elements; transformers have higher ratios, so the proxy errs
 *       on the large (safe) side for them.</li>
 *   <li><b>Overhead.</b> A fixed framework context per device ({@value #DEFAULT_GPU_CONTEXT_MIB} MiB on a
 *       GPU: CUDA context plus cuBLAS/cuDNN workspaces; {@value #DEFAULT_CPU_CONTEXT_MIB} MiB on a CPU:
 *       the framework's own resident memory) plus allocator fragmentation: the caching allocator reserves
 *       more than it hands out, modelled as {@value #DEFAULT_FRAGMENTATION_FACTOR} times the tensors' bytes.</li>
 *   <li><b>Several devices.</b> Data parallel without sharding: every device holds full weights, gradients
 *       and optimizer state; the batch is split, {@code ceil(batch / devices)} samples per device.</li>
 * </ul>
 * These constants are assumptions, not calibrated: no measured per-configuration peak memory exists yet
 * (schema-v1 {@code peak_mem_mib} is empty in the shared datasets). {@link #compareWith(List)} reports the
 * error against measurements that carry {@code peakMemoryMib} once such rows exist.
 */
public final class MemoryEstimator {
    public static final int AUTOCAST_COPY_BYTES = 2;
    public static final int MASTER_WEIGHT_BYTES = 4;
    public static final int GRADIENT_BYTES = 4;
    public static final int OPTIMIZER_STATE_BYTES = 4;
    public static final double TRAINING_ACTIVATION_FACTOR = 1.0;
    public static final double INFERENCE_LIVE_LAYERS = 4.0;
    public static final double INFERENCE_SHARE_WITHOUT_LAYERS = 0.25;
    public static final double FALLBACK_FLOPS_PER_ACTIVATION_ELEMENT = 300.0;
    public static final long DEFAULT_GPU_CONTEXT_MIB = 500;
    public static final long DEFAULT_CPU_CONTEXT_MIB = 300;
    public static final double DEFAULT_FRAGMENTATION_FACTOR = 1.10;

    private final long gpuContextBytes;
    private final long cpuContextBytes;
    private final double fragmentationFactor;

    private MemoryEstimator(long gpuContextBytes, long cpuContextBytes, double fragmentationFactor) {
        this.gpuContextBytes = Checks.atLeast("gpuContextBytes", gpuContextBytes, 0L);
        this.cpuContextBytes = Checks.atLeast("cpuContextBytes", cpuContextBytes, 0L);
        if (!(fragmentationFactor >= 1.0) || !Double.isFinite(fragmentationFactor)) {
            throw new SpecValidationException("fragmentationFactor", fragmentationFactor, "must be a finite number >= 1");
        }
        this.fragmentationFactor = fragmentationFactor;
    }

    /** The documented defaults: 500 MiB GPU context, 300 MiB CPU context, fragmentation x1.10. */
    public static MemoryEstimator defaults() {
        return new MemoryEstimator(DEFAULT_GPU_CONTEXT_MIB * MemoryEstimate.MIB,
                DEFAULT_CPU_CONTEXT_MIB * MemoryEstimate.MIB, DEFAULT_FRAGMENTATION_FACTOR);
    }

    /** Custom overheads (for a framework or allocator that behaves differently). */
    public static MemoryEstimator withOverheads(long gpuContextBytes, long cpuContextBytes,
                                                double fragmentationFactor) {
        return new MemoryEstimator(gpuContextBytes, cpuContextBytes, fragmentationFactor);
    }

    /**
     * Estimates the peak memory of one device. The device count (and GPU or CPU context) come from the
     * spec's hardware; a spec without hardware is estimated as one GPU.
     */
    public MemoryEstimate estimate(WorkloadSpec spec) {
        Checks.required("spec", spec);
        ModelSpec model = spec.model();
        JobSpec job = spec.job();
        Precision precision = spec.precision();
        HardwareSpec hw = spec.hardware();
        int devices = hw == null ? 1 : hw.deviceCount();
        boolean cpu = hw != null && hw.kind() == HardwareKind.CPU;
        boolean training = job.phase().isTraining();
        if (training && precision == Precision.INT8) {
            throw new SpecValidationException("precision", precision.id(),
                    "int8 training is not modelled by the memory estimator (int8 is inference-only here)");
        }
        long params = model.parameters();

        long weights = times("model.parameters", params, weightBytesPerParameter(precision, training));
        long gradients = training ? times("model.parameters", params, GRADIENT_BYTES) : 0L;
        long optimizerState = training ? times("model.parameters", params,
                (long) job.optimizer().stateTensorsPerParameter() * OPTIMIZER_STATE_BYTES) : 0L;

        int samplesPerDevice = (int) (((long) job.batchSize() + devices - 1) / devices);
        boolean fromDescriptor = model.activationElementsPerSample() != null;
        double elementsPerSample = fromDescriptor ? model.activationElementsPerSample()
                : model.flopsPerSample() / FALLBACK_FLOPS_PER_ACTIVATION_ELEMENT;
        double liveShare = training ? TRAINING_ACTIVATION_FACTOR : inferenceLiveShare(model);
        long activations = rounded("job.batchSize", job.batchSize(),
                elementsPerSample * samplesPerDevice * liveShare * activationBytesPerElement(precision));

        long tensors = sum("model.parameters", params, sum("model.parameters", params, weights, gradients),
                sum("job.batchSize", job.batchSize(), optimizerState, activations));
        long fragmentation = rounded("model.parameters", params, tensors * (fragmentationFactor - 1.0));
        long overhead = sum("model.parameters", params, cpu ? cpuContextBytes : gpuContextBytes, fragmentation);
        long total = sum("model.parameters", params, tensors, overhead);
        return new MemoryEstimate(weights, gradients, optimizerState, activations, overhead, total,
                devices, samplesPerDevice, fromDescriptor);
    }

    /**
     * The peak memory of one device of a tensor-parallel group of {@code devices}: weights, gradients and optimizer
     * state split evenly (each layer's matrices are sharded; the small replicated norms and biases are ignored), the
     * activations of the whole batch kept whole on every device (Megatron shards part of them; keeping them all errs
     * on the safe side), and the framework context and fragmentation as for one device.
     */
    public MemoryEstimate estimateTensorParallel(WorkloadSpec spec, int devices) {
        Checks.atLeast("devices", devices, 1);
        HardwareSpec hw = spec.hardware();
        MemoryEstimate whole = estimate(hw == null ? spec : spec.withHardware(hw.withDeviceCount(1)));
        long weights = ceilDiv(whole.weightsBytes(), devices);
        long gradients = ceilDiv(whole.gradientsBytes(), devices);
        long optimizerState = ceilDiv(whole.optimizerStateBytes(), devices);
        long activations = whole.activationsBytes();
        long tensors = weights + gradients + optimizerState + activations;
        boolean cpu = hw != null && hw.kind() == HardwareKind.CPU;
        long fragmentation = rounded("model.parameters", spec.model().parameters(),
                tensors * (fragmentationFactor - 1.0));
        long overhead = sum("model.parameters", spec.model().parameters(), cpu ? cpuContextBytes : gpuContextBytes,
                fragmentation);
        long total = sum("model.parameters", spec.model().parameters(), tensors, overhead);
        return new MemoryEstimate(weights, gradients, optimizerState, activations, overhead, total, devices,
                spec.job().batchSize(), whole.activationsFromDescriptor());
    }

    private static long ceilDiv(long bytes, int devices) {
        return (bytes + devices - 1) / devices;
    }

    /**
     * A workload whose memory per device does not fit a {@code long} number of bytes (over 8 EiB): refused,
     * naming the field that makes it so. The planner's batch search treats such a batch as not fitting.
     */
    public static final class TooLargeException extends SpecValidationException {
        private static final long serialVersionUID = 1L;

        TooLargeException(String field, Object value) {
            super(field, value, "needs more than " + Long.MAX_VALUE + " bytes of memory per device");
        }
    }

    /** {@code parameters x bytesEach}, refused naming {@code model.parameters} when it overflows. */
    private static long times(String field, long parameters, long bytesEach) {
        try {
            return Math.multiplyExact(parameters, bytesEach);
        } catch (ArithmeticException e) {
            throw new TooLargeException(field, parameters);
        }
    }

    private static long rounded(String field, Object value, double bytes) {
        if (!(bytes < 0x1p63)) {
            throw new TooLargeException(field, value);
        }
        return Math.round(bytes);
    }

    private static long sum(String field, Object value, long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new TooLargeException(field, value);
        }
    }

    /** Bytes one parameter's weights take, per the conventions above. */
    static int weightBytesPerParameter(Precision precision, boolean training) {
        switch (precision) {
            case BF16:
            case FP16:
                return MASTER_WEIGHT_BYTES + (training ? AUTOCAST_COPY_BYTES : 0);
            case INT8:
                return 1;
            default:
                return MASTER_WEIGHT_BYTES;
        }
    }

    /** Bytes one activation element takes: the precision's element size (2 under 16-bit autocast). */
    static int activationBytesPerElement(Precision precision) {
        return precision.bytesPerElement();
    }

    private static double inferenceLiveShare(ModelSpec model) {
        if (model.leafLayers() == null) {
            return INFERENCE_SHARE_WITHOUT_LAYERS;
        }
        return Math.min(1.0, INFERENCE_LIVE_LAYERS / model.leafLayers());
    }

    /**
     * The estimator's error against measured peaks: rows with {@code peakMemoryMib} are compared with
     * {@link MemoryEstimate#totalMib()}; {@code oom} rows are counted where the estimate says they fit.
     * With no such rows (the shared datasets today) the report is empty: {@link MemoryErrorReport#rows()} 0.
     */
    public MemoryErrorReport compareWith(List<Measurement> measurements) {
        List<MemoryErrorReport.Row> rows = new ArrayList<>();
        int oomRows = 0;
        int oomPredictedToFit = 0;
        for (Measurement m : measurements) {
            MemoryEstimate e = estimate(m.workload());
            if (m.status() == io.github.runtimeestimator.core.MeasurementStatus.OOM) {
                oomRows++;
                if (e.fits(m.workload().hardware())) {
                    oomPredictedToFit++;
                }
            } else if (m.hasPeakMemory() && m.peakMemoryMib() > 0) {
                rows.add(new MemoryErrorReport.Row(m.workload(), m.peakMemoryMib(), e.totalMib()));
            }
        }
        return new MemoryErrorReport(rows, oomRows, oomPredictedToFit);
    }
}
