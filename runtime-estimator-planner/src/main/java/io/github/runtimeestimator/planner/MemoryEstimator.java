package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.ActivationElements;
import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.HardwareKind;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import io.github.runtimeestimator.core.graph.OperatorGraph;
import java.util.ArrayList;
import java.util.List;

/**
 * Predicts the peak device memory of a workload analytically, part by part. Immutable and thread-safe.
 *
 * <h2>Conventions (PyTorch eager, one process per device)</h2>
 * <ul>
 *   <li><b>Weights, in the precision each copy really uses.</b> FP32 and TF32: 4 bytes per parameter (TF32 only
 *       changes the matmul math). Training in BF16/FP16 is autocast mixed precision, as the collector measures: the
 *       parameters stay in fp32 (the master weights, 4 bytes) and the 16-bit casts autocast makes for the forward
 *       are cached for the step, {@value #AUTOCAST_COPY_BYTES} bytes more. Inference in BF16/FP16 holds the weights in
 *       16 bits and no fp32 copy ({@link InferenceWeights#CAST}, the default: a model served in half precision), or
 *       fp32 weights cast on the fly ({@link InferenceWeights#AUTOCAST}, what the collector's bf16 inference rows
 *       measure). INT8 is weight-only quantised inference, 1 byte per parameter; INT8 training is not modelled and
 *       fails.</li>
 *   <li><b>Gradients</b> (training only): one fp32 gradient per parameter, 4 bytes (also under autocast: the
 *       gradients take the master weights' dtype).</li>
 *   <li><b>Optimizer state</b> (training only): {@link io.github.runtimeestimator.core.Optimizer#stateTensorsPerParameter()}
 *       fp32 tensors per parameter: SGD with momentum 1, Adam/AdamW 2 (first and second moments).</li>
 *   <li><b>Activations, from the operator graph where there is one</b> (the spec's, or the model catalogue's for
 *       its name): training keeps, for the backward pass, {@value #SAVED_SHARE_OF_MOVED} of the elements every
 *       per-sample operator moves (see the constant), plus the largest operator's inputs and outputs live while its
 *       gradient is computed; inference holds only the largest operator's inputs
 *       and outputs at once. Without a graph, {@code ModelSpec.activationElementsPerSample} (the outputs of all leaf
 *       layers) stands in for the kept tensors, and {@value #INFERENCE_LIVE_LAYERS} layers' worth of it for the live
 *       ones; without either, the shared fallback of
 *       {@link io.github.runtimeestimator.core.ActivationElements#perSample}. Element size: 4 bytes in FP32/TF32, 2 under BF16/FP16, 1 for INT8. The batch's input
 *       tensor adds {@value #INPUT_BYTES_PER_ELEMENT} bytes per input element per sample.</li>
 *   <li><b>Overhead.</b> The framework's own memory per device: {@value #DEFAULT_GPU_CONTEXT_MIB} MiB on a GPU (CUDA
 *       context plus cuBLAS/cuDNN workspaces, which {@code max_memory_allocated} does not count), and on a CPU the
 *       process's resident size once the framework is loaded, {@value #DEFAULT_CPU_CONTEXT_MIB} MiB (PyTorch 1.13 on
 *       the project's EPYC measured 247 MiB, {@code baseline_rss_mib} in
 *       {@code datasets/memory/epyc2-cpu-memory.host.json}); plus allocator fragmentation, the caching allocator
 *       reserving more than it hands out, {@value #DEFAULT_FRAGMENTATION_FACTOR} times the tensors' bytes.</li>
 *   <li><b>Several devices.</b> Data parallel without sharding: every device holds full weights, gradients
 *       and optimizer state; the batch is split, {@code ceil(batch / devices)} samples per device.</li>
 *   <li><b>Margin.</b> {@link MemoryEstimate#fits} adds {@value #DEFAULT_MARGIN} of the estimate (see the constant):
 *       "fits" means the estimate plus the error it was measured to have fits.</li>
 * </ul>
 * {@link #compareWith(List)} reports the error against every measured peak ({@code docs/memory.md}).
 */
public final class MemoryEstimator {
    /**
     * Bytes per parameter of a 16-bit weight copy: the cast autocast caches when training in BF16/FP16, and the
     * weights themselves in {@link InferenceWeights#CAST} inference.
     */
    public static final int AUTOCAST_COPY_BYTES = 2;
    /** Bytes per parameter of fp32 weights: the master weights under autocast, the weights in FP32/TF32. */
    public static final int MASTER_WEIGHT_BYTES = 4;
    /** Bytes per parameter of the fp32 gradient kept in training. */
    public static final int GRADIENT_BYTES = 4;
    /** Bytes per parameter of each fp32 optimizer state tensor. */
    public static final int OPTIMIZER_STATE_BYTES = 4;
    /** Without a graph: the share of the descriptor's activation elements per sample that training keeps. */
    public static final double TRAINING_ACTIVATION_FACTOR = 1.0;
    /**
     * Without a graph: how many leaf layers' worth of activations inference holds at once, a share of
     * {@code min(1, INFERENCE_LIVE_LAYERS / leafLayers)} of the descriptor's elements.
     */
    public static final double INFERENCE_LIVE_LAYERS = 4.0;
    /**
     * Without a graph: the share of the descriptor's activation elements inference holds when the number of leaf
     * layers is unknown.
     */
    public static final double INFERENCE_SHARE_WITHOUT_LAYERS = 0.25;
    /** Bytes of one element of the input batch (fp32 images; token ids are 8 bytes but few). */
    public static final int INPUT_BYTES_PER_ELEMENT = 4;
    /**
     * Share of the elements an operator moves per sample (its inputs and outputs) that training keeps for the backward
     * pass. Half would be every operator's inputs; many keep less (in-place activations, fused attention keeps its
     * inputs and output but not its scores, a normalization its statistics). Chosen from the H100 rows, the only
     * device memory evidence: of 0.25, 0.35 and 0.5, the largest with which no configuration that ran on the 80 GB
     * device is said not to fit (0.35 refuses 2 of 967, 0.5 refuses 8), while both {@code oom} rows (maxvit_t,
     * fp32, batch 256) are still said not to fit ({@code docs/memory.md}).
     */
    public static final double SAVED_SHARE_OF_MOVED = 0.25;
    /** The framework's own memory per GPU, in MiB: CUDA context plus cuBLAS/cuDNN workspaces. */
    public static final long DEFAULT_GPU_CONTEXT_MIB = 500;
    /** The framework's own memory on a CPU, in MiB: the process's resident size once the framework is loaded. */
    public static final long DEFAULT_CPU_CONTEXT_MIB = 250;
    /** The tensors' bytes times this is what the allocator reserves; the excess counts as overhead. */
    public static final double DEFAULT_FRAGMENTATION_FACTOR = 1.10;
    /**
     * The share of the estimate {@link MemoryEstimate#fits} keeps free: the 90th percentile of the estimator's
     * under-prediction against the measured peaks of {@code docs/memory.md}: on the clean CPU run 10% of the peaks
     * were more than 28.7% above the estimate, and an estimate 40% larger covers them.
     */
    public static final double DEFAULT_MARGIN = 0.40;

    /** How weights are held in BF16/FP16 inference. */
    public enum InferenceWeights {
        /** In 16 bits, no fp32 copy: a model converted for serving ({@code model.half()}, safetensors in fp16). */
        CAST,
        /** In fp32, cast to 16 bits per operator by autocast: how the collector measures bf16 inference. */
        AUTOCAST
    }

    private final long gpuContextBytes;
    private final long cpuContextBytes;
    private final double fragmentationFactor;
    private final InferenceWeights inferenceWeights;
    private final double margin;
    private final ModelCatalog catalog;

    private MemoryEstimator(long gpuContextBytes, long cpuContextBytes, double fragmentationFactor,
                            InferenceWeights inferenceWeights, double margin, ModelCatalog catalog) {
        this.gpuContextBytes = Checks.atLeast("gpuContextBytes", gpuContextBytes, 0L);
        this.cpuContextBytes = Checks.atLeast("cpuContextBytes", cpuContextBytes, 0L);
        if (!(fragmentationFactor >= 1.0) || !Double.isFinite(fragmentationFactor)) {
            throw new SpecValidationException("fragmentationFactor", fragmentationFactor, "must be a finite number >= 1");
        }
        if (!(margin >= 0 && margin <= 10)) {
            throw new SpecValidationException("margin", margin, "must be within [0, 10]");
        }
        this.fragmentationFactor = fragmentationFactor;
        this.inferenceWeights = Checks.required("inferenceWeights", inferenceWeights);
        this.margin = margin;
        this.catalog = Checks.required("catalog", catalog);
    }

    /**
     * The documented defaults: {@value #DEFAULT_GPU_CONTEXT_MIB} MiB GPU context, {@value #DEFAULT_CPU_CONTEXT_MIB}
     * MiB CPU context, fragmentation x{@value #DEFAULT_FRAGMENTATION_FACTOR}, 16-bit inference weights, a margin of
     * {@value #DEFAULT_MARGIN}, graphs and descriptors from the built-in model catalogue.
     *
     * @return an estimator with the defaults
     */
    public static MemoryEstimator defaults() {
        return new MemoryEstimator(DEFAULT_GPU_CONTEXT_MIB * MemoryEstimate.MIB,
                DEFAULT_CPU_CONTEXT_MIB * MemoryEstimate.MIB, DEFAULT_FRAGMENTATION_FACTOR, InferenceWeights.CAST,
                DEFAULT_MARGIN, ModelCatalog.builtIn());
    }

    /**
     * Custom overheads (for a framework or allocator that behaves differently); the other settings are the
     * defaults. Fails with a SpecValidationException naming the argument that is out of range.
     *
     * @param gpuContextBytes     the framework's own memory per GPU, in bytes, 0 or more
     * @param cpuContextBytes     the framework's own memory on a CPU, in bytes, 0 or more
     * @param fragmentationFactor the tensors' bytes times this is what the allocator reserves; finite and at least 1
     * @return an estimator with these overheads
     */
    public static MemoryEstimator withOverheads(long gpuContextBytes, long cpuContextBytes,
                                                double fragmentationFactor) {
        return new MemoryEstimator(gpuContextBytes, cpuContextBytes, fragmentationFactor, InferenceWeights.CAST,
                DEFAULT_MARGIN, ModelCatalog.builtIn());
    }

    /**
     * This estimator holding BF16/FP16 inference weights as {@code weights} says.
     *
     * @param weights how the weights are held; not null
     * @return a copy with that setting
     */
    public MemoryEstimator withInferenceWeights(InferenceWeights weights) {
        return new MemoryEstimator(gpuContextBytes, cpuContextBytes, fragmentationFactor, weights, margin, catalog);
    }

    /**
     * This estimator with another error margin (a share of the estimate; 0: "fits" means the estimate fits).
     *
     * @param share the margin as a share of the estimate, within [0, 10]; outside it fails with a
     *              SpecValidationException
     * @return a copy with that margin
     */
    public MemoryEstimator withMargin(double share) {
        return new MemoryEstimator(gpuContextBytes, cpuContextBytes, fragmentationFactor, inferenceWeights, share,
                catalog);
    }

    /**
     * The bytes of the framework's own memory on the spec's kind of device (CPU or GPU).
     *
     * @param spec the workload; without hardware it counts as a GPU
     * @return the context bytes per device
     */
    public long contextBytes(WorkloadSpec spec) {
        HardwareSpec hw = spec.hardware();
        return hw != null && hw.kind() == HardwareKind.CPU ? cpuContextBytes : gpuContextBytes;
    }

    /**
     * Estimates the peak memory of one device. The device count (and GPU or CPU context) come from the
     * spec's hardware; a spec without hardware is estimated as one GPU.
     *
     * @param spec the workload; not null. INT8 training fails with a SpecValidationException, and a workload that
     *             needs more than a {@code long} of bytes with a {@link TooLargeException}
     * @return the estimate, part by part
     */
    public MemoryEstimate estimate(WorkloadSpec spec) {
        Checks.required("spec", spec);
        ModelSpec model = catalog.enrich(spec.model());
        JobSpec job = spec.job();
        Precision precision = spec.precision();
        HardwareSpec hw = spec.hardware();
        int devices = hw == null ? 1 : hw.deviceCount();
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
        OperatorGraph graph = model.graph();
        boolean fromModel = graph != null || model.activationElementsPerSample() != null;
        double elementsPerSample = graph != null ? graphActivationElements(graph, training)
                : descriptorActivationElements(model, training);
        double inputElements = inputElementsPerSample(model.inputShape());
        long activations = rounded("job.batchSize", job.batchSize(),
                samplesPerDevice * (elementsPerSample * activationBytesPerElement(precision)
                        + inputElements * INPUT_BYTES_PER_ELEMENT));

        long tensors = sum("model.parameters", params, sum("model.parameters", params, weights, gradients),
                sum("job.batchSize", job.batchSize(), optimizerState, activations));
        long fragmentation = rounded("model.parameters", params, tensors * (fragmentationFactor - 1.0));
        long overhead = sum("model.parameters", params, contextBytes(spec), fragmentation);
        long total = sum("model.parameters", params, tensors, overhead);
        return new MemoryEstimate(weights, gradients, optimizerState, activations, overhead, total,
                devices, samplesPerDevice, fromModel, rounded("model.parameters", params, total * margin));
    }

    /**
     * Activation elements per sample from the graph: training keeps every per-sample operator's inputs
     * ({@value #SAVED_SHARE_OF_MOVED} of the elements it moves per sample) plus the largest operator's inputs and
     * outputs; inference holds the largest operator's inputs and outputs.
     */
    static double graphActivationElements(OperatorGraph graph, boolean training) {
        double saved = 0;
        double largest = 0;
        for (OperatorGraph.Counted c : graph.distinct()) {
            if (!c.operator().scalesWithBatch()) {
                continue;
            }
            double perSample = c.operator().elementsMoved(2) - c.operator().elementsMoved(1);
            saved += SAVED_SHARE_OF_MOVED * perSample * c.repeat();
            largest = Math.max(largest, perSample);
        }
        return training ? saved + largest : largest;
    }

    /** Activation elements per sample from the leaf-output descriptor, or the FLOPs proxy without it. */
    private static double descriptorActivationElements(ModelSpec model, boolean training) {
        double elements = ActivationElements.perSample(model);
        return elements * (training ? TRAINING_ACTIVATION_FACTOR : inferenceLiveShare(model));
    }

    /** Elements of one sample's input: the product of the sizes in {@code 3x224x224}; 0 when not sizes. */
    static double inputElementsPerSample(String inputShape) {
        if (inputShape == null || inputShape.isBlank()) {
            return 0;
        }
        double product = 1;
        for (String part : inputShape.split("x")) {
            try {
                product *= Double.parseDouble(part.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return Double.isFinite(product) && product > 0 ? product : 0;
    }

    /**
     * The peak memory of one device of a tensor-parallel group of {@code devices}: weights, gradients and optimizer
     * state split evenly (each layer's matrices are sharded; the small replicated norms and biases are ignored), the
     * activations of the whole batch kept whole on every device (Megatron shards part of them; keeping them all errs
     * on the safe side), and the framework context and fragmentation as for one device.
     *
     * @param spec    the workload; its hardware's device count is ignored
     * @param devices devices in the tensor-parallel group, at least 1
     * @return the estimate for one device of the group
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
    int weightBytesPerParameter(Precision precision, boolean training) {
        switch (precision) {
            case BF16:
            case FP16:
                if (training) {
                    return MASTER_WEIGHT_BYTES + AUTOCAST_COPY_BYTES;
                }
                return inferenceWeights == InferenceWeights.CAST ? AUTOCAST_COPY_BYTES : MASTER_WEIGHT_BYTES;
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

    /** What a measured peak is compared with. */
    public enum Basis {
        /**
         * {@code peak_mem_mib}: on a CPU the process's peak resident size, compared with the whole estimate; on a GPU
         * {@code max_memory_allocated}, compared with the tensors alone.
         */
        PEAK,
        /**
         * {@code peak_mem_above_baseline_mib} (collector 0.2 and later): on a CPU the peak less the process's resident
         * size once the framework was loaded and before any model was built, compared with the estimate less the
         * framework's context; on a GPU the allocated bytes, compared with the tensors alone. Rows without it are left
         * out.
         */
        ABOVE_BASELINE
    }

    /**
     * {@link #compareWith(List, Basis)} on whole peaks ({@link Basis#PEAK}).
     *
     * @param measurements the measured rows
     * @return the error report
     */
    public MemoryErrorReport compareWith(List<Measurement> measurements) {
        return compareWith(measurements, Basis.PEAK);
    }

    /**
     * The estimator's error against measured peaks, on {@code basis}; {@code oom} rows are counted where the estimate
     * says they fit.
     *
     * @param measurements the measured rows; rows that failed for reasons other than {@code oom} are left out
     * @param basis        what each measured peak is compared with
     * @return the error report: one row per compared measurement, and the {@code oom} counts
     */
    public MemoryErrorReport compareWith(List<Measurement> measurements, Basis basis) {
        List<MemoryErrorReport.Row> rows = new ArrayList<>();
        int oomRows = 0;
        int oomPredictedToFit = 0;
        for (Measurement m : measurements) {
            MemoryEstimate e = estimate(m.workload());
            boolean cpu = m.workload().hardware() != null && m.workload().hardware().kind() == HardwareKind.CPU;
            if (m.status() == io.github.runtimeestimator.core.MeasurementStatus.OOM) {
                oomRows++;
                if (e.fits(m.workload().hardware())) {
                    oomPredictedToFit++;
                }
                continue;
            }
            if (!m.isOk()) {
                continue; // a failed configuration's peak is of a run that did not finish
            }
            double above = aboveBaselineMib(m);
            if (basis == Basis.ABOVE_BASELINE) {
                if (!(above > 0)) {
                    continue;
                }
                double predicted = cpu ? (e.totalBytes() - contextBytes(m.workload())) / (double) MemoryEstimate.MIB
                        : e.tensorsBytes() / (double) MemoryEstimate.MIB;
                rows.add(new MemoryErrorReport.Row(m.workload(), above, predicted, "above_baseline"));
            } else if (m.hasPeakMemory() && m.peakMemoryMib() > 0) {
                double predicted = cpu ? e.totalMib() : e.tensorsBytes() / (double) MemoryEstimate.MIB;
                rows.add(new MemoryErrorReport.Row(m.workload(), m.peakMemoryMib(), predicted, "peak"));
            }
        }
        return new MemoryErrorReport(rows, oomRows, oomPredictedToFit);
    }

    /** {@code peak_mem_above_baseline_mib} of a row, or NaN when it has none. */
    private static double aboveBaselineMib(Measurement m) {
        String v = m.extraColumns().get("peak_mem_above_baseline_mib");
        if (v == null || v.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
