package io.github.runtimeestimator.features;

import io.github.runtimeestimator.core.ActivationElements;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import java.util.List;
import java.util.Map;

/**
 * The roofline arithmetic of ONE step (one inference batch or one optimizer step), in one place: the physics
 * feature set, estimators that predict time relative to the roofline, and the planner all use these methods.
 * An epoch or job spec is treated as its step ({@link JobSpec#asSingleStep()}): only the phase's training flag,
 * the batch size and the optimizer are read.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li><b>FLOPs.</b> {@link ModelSpec#flopsPerSample()} is the forward pass (multiply-add = 2). An inference
 *       batch costs {@code flopsPerSample x batch}; a training step costs {@value #TRAINING_FLOPS_MULTIPLIER}
 *       times that: the backward pass computes gradients for both the inputs and the weights of each layer,
 *       about twice the forward FLOPs (the usual "6 x params x tokens" rule for transformers).</li>
 *   <li><b>Peak.</b> The device's dense peak at the workload's precision (with the catalogue's fallbacks, see
 *       {@link HardwareSpec#peakFlopsPerSecond(Precision)}) times {@code deviceCount}; a CPU's peak is for all
 *       its cores, so it is scaled by {@code min(threadsUsed, computeUnits) / computeUnits}.</li>
 *   <li><b>Bytes.</b> An explicit model of the DRAM traffic of one step, with {@code P} parameters, batch
 *       {@code B}, {@code b} bytes per element of the precision, {@code m} = {@value #MASTER_BYTES_PER_ELEMENT}
 *       bytes of the stored (master) weights, gradients and optimizer state, {@code s} optimizer state
 *       tensors per parameter and {@code A} activation elements per sample:
 *       <ul>
 *         <li>weights read by the forward pass: {@code P b}; a training step reads them again in the
 *             backward pass: {@code 2 P b};</li>
 *         <li>below 4 bytes per element (BF16/FP16 autocast, as schema v1's {@code bf16} rows are; INT8 is
 *             treated the same way) the FP32 weights are read and cast once per step: {@code + P (m + b)};</li>
 *         <li>training also writes the gradients in the backward pass and reads them in the optimizer step
 *             ({@code 2 P m}), reads and writes the weights in the optimizer step ({@code 2 P m}) and reads and
 *             writes each optimizer state tensor ({@code 2 s P m});</li>
 *         <li>activations: each leaf layer writes its output and the next one reads it, {@code 2 B A b} for
 *             inference; the backward pass reads the saved activations and writes and reads the activation
 *             gradients, about twice the forward traffic (the same 1 + 2 as the FLOPs), so {@code 6 B A b}
 *             for a training step.</li>
 *       </ul>
 *       Caches, fusion and recomputation are ignored: this is a bound-like estimate for features, not a
 *       simulator. Inputs and labels (a few bytes per sample next to the activations) are left out.</li>
 *   <li><b>Activations when unknown.</b> When {@link ModelSpec#activationElementsPerSample()} is absent (as in
 *       schema v1, which has no such column, for a model the catalogue does not know), {@code A} is
 *       {@link ActivationElements#perSample(ModelSpec)}'s fallback, {@code flopsPerSample / 300}, the same one the
 *       planner's activation memory uses.</li>
 *   <li><b>Time.</b> {@code computeSeconds = flops / effective peak}; {@code memorySeconds = bytes /
 *       (bandwidth x deviceCount)} (a CPU's bandwidth is not scaled by threads); {@code rooflineSeconds =
 *       max(computeSeconds, memorySeconds)}: no step can run faster at the datasheet peaks.</li>
 * </ul>
 *
 * <p>Every method reads the spec's fields (and the catalogue it is given, if any) only and allocates nothing, so
 * the physics features can call them on the prediction hot path. Each fails with a
 * {@code SpecValidationException} when the spec has no hardware.
 *
 * <p>This is roofline v{@value #VERSION}, the arithmetic of feature set {@code physics} v3. v2 differed only in the
 * activation fallback (a fan-in proxy, low by a median factor 0.38); artifacts trained on it keep loading and
 * answer with v2's arithmetic, which lives, frozen, outside the API.
 */
public final class Roofline {

    /**
     * The version of this arithmetic, stored in artifacts as {@code rooflineVersion}: an estimator whose target is
     * relative to the roofline is fitted against one version and answers with it.
     */
    public static final int VERSION = 3;

    /** A training step's FLOPs over an inference batch's: forward (1) + backward (about 2). */
    public static final int TRAINING_FLOPS_MULTIPLIER = 3;

    /** A training step's activation traffic over an inference batch's: forward (1) + backward (about 2). */
    public static final int TRAINING_ACTIVATION_TRAFFIC_MULTIPLIER = 3;

    /** Bytes per element of stored weights, gradients and optimizer state: FP32, also under autocast. */
    public static final int MASTER_BYTES_PER_ELEMENT = 4;

    /** Each precision's fallback chain, as arrays, so that peak lookups allocate nothing. */
    private static final Precision[][] FALLBACKS = fallbackTable();

    private Roofline() {
    }

    private static Precision[][] fallbackTable() {
        Precision[] all = Precision.values();
        Precision[][] table = new Precision[all.length][];
        for (Precision p : all) {
            List<Precision> chain = p.fallbacks();
            table[p.ordinal()] = chain.toArray(new Precision[0]);
        }
        return table;
    }

    /**
     * FLOPs of one step: {@code flopsPerSample x batch}, times {@value #TRAINING_FLOPS_MULTIPLIER} for training.
     *
     * @param spec the workload; its hardware is required
     * @return FLOPs of the step
     */
    public static double flopsPerStep(WorkloadSpec spec) {
        spec.requireHardware();
        JobSpec job = spec.job();
        return spec.model().flopsPerSample() * job.batchSize()
                * (job.phase().isTraining() ? TRAINING_FLOPS_MULTIPLIER : 1);
    }

    /**
     * Dense peak FLOP/s of one device at {@code precision}, like {@link HardwareSpec#peakFlopsPerSecond(Precision)}
     * (same fallbacks, same answer) but without allocating.
     *
     * @param hardware  the device
     * @param precision the compute precision
     * @return peak FLOP/s of one device
     */
    public static double peakFlopsPerSecondPerDevice(HardwareSpec hardware, Precision precision) {
        Map<Precision, Double> peaks = hardware.peakFlopsPerSecond();
        Double direct = peaks.get(precision);
        if (direct != null) {
            return direct;
        }
        for (Precision p : FALLBACKS[precision.ordinal()]) {
            Double v = peaks.get(p);
            if (v != null) {
                return v;
            }
        }
        return peaks.get(Precision.FP32);
    }

    /**
     * The share of a device the workload can use: {@code min(threadsUsed, computeUnits) / computeUnits} on a CPU,
     * 1 on a GPU.
     *
     * @param hardware the device
     * @return the used share, in (0, 1]
     */
    public static double usedComputeFraction(HardwareSpec hardware) {
        if (!hardware.isCpu()) {
            return 1.0;
        }
        return (double) Math.min(hardware.threadsUsed(), hardware.computeUnits()) / hardware.computeUnits();
    }

    /**
     * Peak FLOP/s available to the workload at its precision: per-device peak x deviceCount x used compute
     * fraction.
     *
     * @param spec the workload; its hardware is required
     * @return the effective peak, in FLOP/s
     */
    public static double effectivePeakFlopsPerSecond(WorkloadSpec spec) {
        HardwareSpec hw = spec.requireHardware();
        return peakFlopsPerSecondPerDevice(hw, spec.precision()) * hw.deviceCount() * usedComputeFraction(hw);
    }

    /**
     * Memory bandwidth of all devices used: bandwidth x deviceCount.
     *
     * @param spec the workload; its hardware is required
     * @return the bandwidth, in bytes per second
     */
    public static double memoryBandwidthBytesPerSecond(WorkloadSpec spec) {
        HardwareSpec hw = spec.requireHardware();
        return hw.memoryBandwidthBytesPerSecond() * hw.deviceCount();
    }

    /**
     * Activation elements of one sample: {@link ActivationElements#perSample(ModelSpec)}, the model's descriptor or
     * {@code flopsPerSample / 300}.
     *
     * @param model the model
     * @return elements per sample
     */
    public static double activationElementsPerSample(ModelSpec model) {
        return ActivationElements.perSample(model);
    }

    /**
     * Activation elements of one sample as feature set {@code physics} and the roofline-ratio target's baseline
     * take them: the model's descriptor, else that of the entry of {@code catalog} the model matches
     * ({@link ModelCatalog#descriptorsFor(ModelSpec)}: name, input shape and parameters), else
     * {@link #activationElementsPerSample(ModelSpec)}'s fallback. A measurement row of schema v1 carries no
     * descriptor, so for a catalogued model this is the size the collector measured rather than a guess from
     * FLOPs. Allocates nothing.
     *
     * @param model   the model
     * @param catalog the catalogue to match the model in
     * @return elements per sample
     */
    public static double activationElementsPerSample(ModelSpec model, ModelCatalog catalog) {
        return cataloguedOr(catalog.descriptorsFor(model), activationElementsPerSample(model));
    }

    /**
     * The activation elements of {@code entry} (a catalogue entry from {@link ModelCatalog#descriptorsFor}, or
     * null) when it has them, else {@code fallback}: the catalogue-first rule, for a caller that looked the entry up
     * already.
     */
    static double cataloguedOr(ModelSpec entry, double fallback) {
        return entry != null && entry.activationElementsPerSample() != null ? entry.activationElementsPerSample()
                : fallback;
    }

    /**
     * Weight, gradient and optimizer-state bytes moved in one step (see the class comment).
     *
     * @param spec the workload; its hardware is required
     * @return bytes of the step, activations not included
     */
    public static double weightBytesPerStep(WorkloadSpec spec) {
        spec.requireHardware();
        double p = spec.model().parameters();
        double b = spec.precision().bytesPerElement();
        double m = MASTER_BYTES_PER_ELEMENT;
        JobSpec job = spec.job();
        boolean training = job.phase().isTraining();
        double bytes = p * b * (training ? 2 : 1);
        if (b < m) {
            bytes += p * (m + b);
        }
        if (training) {
            int s = job.optimizer().stateTensorsPerParameter();
            bytes += 2 * p * m + 2 * p * m + 2.0 * s * p * m;
        }
        return bytes;
    }

    /**
     * Activation bytes written and read in one step: {@code 2 B A b}, times 3 for training (see the class comment).
     *
     * @param spec the workload; its hardware is required
     * @return activation bytes of the step
     */
    public static double activationBytesPerStep(WorkloadSpec spec) {
        return activationBytesPerStep(spec, activationElementsPerSample(spec.model()));
    }

    /**
     * {@link #activationBytesPerStep(WorkloadSpec)} with the given activation elements per sample in place of
     * the model's (e.g. from {@code ModelCatalog}).
     *
     * @param spec                        the workload; its hardware is required
     * @param activationElementsPerSample activation elements of one sample, used in place of the model's
     * @return activation bytes of the step
     */
    public static double activationBytesPerStep(WorkloadSpec spec, double activationElementsPerSample) {
        spec.requireHardware();
        JobSpec job = spec.job();
        double perBatch = 2.0 * job.batchSize() * activationElementsPerSample * spec.precision().bytesPerElement();
        return perBatch * (job.phase().isTraining() ? TRAINING_ACTIVATION_TRAFFIC_MULTIPLIER : 1);
    }

    /**
     * DRAM bytes moved in one step: weights (and training state) plus activations.
     *
     * @param spec the workload; its hardware is required
     * @return bytes of the step
     */
    public static double bytesPerStep(WorkloadSpec spec) {
        return weightBytesPerStep(spec) + activationBytesPerStep(spec);
    }

    /**
     * Seconds the step's FLOPs take at the effective peak.
     *
     * @param spec the workload; its hardware is required
     * @return compute time of the step, in seconds
     */
    public static double computeSeconds(WorkloadSpec spec) {
        return flopsPerStep(spec) / effectivePeakFlopsPerSecond(spec);
    }

    /**
     * Seconds the step's bytes take at the devices' memory bandwidth.
     *
     * @param spec the workload; its hardware is required
     * @return memory time of the step, in seconds
     */
    public static double memorySeconds(WorkloadSpec spec) {
        return bytesPerStep(spec) / memoryBandwidthBytesPerSecond(spec);
    }

    /**
     * The roofline bound of one step: {@code max(computeSeconds, memorySeconds)}.
     *
     * @param spec the workload; its hardware is required
     * @return the bound, in seconds
     */
    public static double rooflineSeconds(WorkloadSpec spec) {
        return Math.max(computeSeconds(spec), memorySeconds(spec));
    }

    /**
     * {@link #rooflineSeconds(WorkloadSpec)} with the given activation elements per sample in place of the model's
     * (e.g. {@link #activationElementsPerSample(ModelSpec, ModelCatalog)}).
     *
     * @param spec                        the workload; its hardware is required
     * @param activationElementsPerSample activation elements of one sample, used in place of the model's
     * @return the bound, in seconds
     */
    public static double rooflineSeconds(WorkloadSpec spec, double activationElementsPerSample) {
        double bytes = weightBytesPerStep(spec) + activationBytesPerStep(spec, activationElementsPerSample);
        return Math.max(computeSeconds(spec), bytes / memoryBandwidthBytesPerSecond(spec));
    }

    /**
     * FLOPs per byte of the step: {@code flopsPerStep / bytesPerStep}.
     *
     * @param spec the workload; its hardware is required
     * @return the arithmetic intensity, in FLOPs per byte
     */
    public static double arithmeticIntensityFlopsPerByte(WorkloadSpec spec) {
        return flopsPerStep(spec) / bytesPerStep(spec);
    }

    /**
     * The intensity at which the step turns compute-bound: effective peak / bandwidth (both for all devices,
     * the peak at the workload's precision and, on a CPU, for the threads used).
     *
     * @param spec the workload; its hardware is required
     * @return the ridge point, in FLOPs per byte
     */
    public static double ridgePointFlopsPerByte(WorkloadSpec spec) {
        return effectivePeakFlopsPerSecond(spec) / memoryBandwidthBytesPerSecond(spec);
    }
}
