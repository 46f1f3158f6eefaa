package io.github.runtimeestimator.features;

import static io.github.runtimeestimator.features.FeatureArrays.log10;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import io.github.runtimeestimator.features.internal.RooflineV2;
import java.util.List;

/**
 * Feature set {@code physics} v3: ONE step described by what transfers across models and hardware, namely its
 * roofline quantities ({@link Roofline}), their log10 transforms (for heavy-tailed quantities) and the few raw
 * inputs a regressor still needs. The table of every feature with its formula and unit is in the features
 * notes (README section "Features"); the arithmetic lives in {@link Roofline}.
 *
 * <p>Optional model descriptors: when a {@link ModelSpec} has none, {@code has_descriptors} is 0,
 * {@code log10_layer_launches_per_step} is 0 (as if one layer) and {@code matmul_flops_share} is 1 (PyTorch's
 * FLOP counter counts matmuls and convolutions only, so nearly all counted FLOPs are matmul FLOPs); the
 * activation traffic then uses {@link Roofline#activationElementsPerSample(ModelSpec)}'s fallback.
 *
 * <p>Versions. v3 (the current one) differs from v2 in one place: the activation elements of a model that neither
 * describes them nor matches a catalogue entry are {@code flopsPerSample / 300}
 * ({@link io.github.runtimeestimator.core.ActivationElements}, as the planner's memory has them) instead of v2's
 * fan-in proxy ({@link RooflineV2}), which is low by a median factor 0.38 on the catalogued models. The
 * names are the same; an instance of v2 is kept for artifacts trained on it ({@link FeatureSets#byId(String, int)}).
 * v2 differed from v1 in one place: a spec without descriptors takes those of the built-in
 * {@link ModelCatalog} when its name, input shape and parameters (within 1%) match an entry
 * ({@link ModelCatalog#descriptorsFor(ModelSpec)}), in training and prediction alike, so measurement rows of
 * catalogued models (schema v1 has no descriptor columns) carry their leaf layers and activation sizes. The
 * spec's own FLOPs stay; {@code matmul_flops_share} is the catalogue's share. The lookup is a HashMap get of
 * the model name and allocates nothing. {@link Roofline} consults a catalogue only when given one; the
 * roofline-ratio target's baseline (roofline v3) is this set's {@code roofline_seconds}, catalogue included.
 */
final class PhysicsFeatures implements FeatureExtractor {

    static final String ID = "physics";
    /** The current version. */
    static final int VERSION = 3;
    /** The earlier version still loadable: the same features with roofline v2's activation fallback. */
    static final int VERSION_2 = 2;

    /** {@code log10_layer_launches_per_step} when the model has no leaf-layer count. */
    static final double NEUTRAL_LOG10_LAYER_LAUNCHES = 0.0;
    /** {@code matmul_flops_share} when the model has no matmul-FLOPs descriptor. */
    static final double NEUTRAL_MATMUL_FLOPS_SHARE = 1.0;

    private static final List<String> NAMES = List.of(
            "flops_per_step",
            "log10_flops_per_step",
            "bytes_per_step",
            "log10_bytes_per_step",
            "activation_bytes_fraction",
            "effective_peak_flops_per_second",
            "log10_effective_peak_flops_per_second",
            "memory_bandwidth_bytes_per_second",
            "log10_memory_bandwidth_bytes_per_second",
            "compute_seconds",
            "log10_compute_seconds",
            "memory_seconds",
            "log10_memory_seconds",
            "roofline_seconds",
            "log10_roofline_seconds",
            "arithmetic_intensity_flops_per_byte",
            "log10_arithmetic_intensity_flops_per_byte",
            "ridge_point_flops_per_byte",
            "log10_ridge_point_flops_per_byte",
            "intensity_over_ridge",
            "log10_intensity_over_ridge",
            "parameters",
            "log10_parameters",
            "log10_flops_per_sample",
            "batch_size",
            "log10_batch_size",
            "precision_bytes_per_element",
            "is_training",
            "is_cpu",
            "used_compute_fraction",
            "device_count",
            "optimizer_state_tensors_per_parameter",
            "learning_rate",
            "has_descriptors",
            "log10_layer_launches_per_step",
            "matmul_flops_share");

    /**
     * Features that never decrease with more work: FLOPs, bytes, activation share and the times they give, the
     * batch and the FLOPs per sample (a longer sequence).
     */
    private static final List<String> INCREASING_WITH_WORK = List.of(
            "flops_per_step", "log10_flops_per_step", "bytes_per_step", "log10_bytes_per_step",
            "activation_bytes_fraction", "compute_seconds", "log10_compute_seconds", "memory_seconds",
            "log10_memory_seconds", "roofline_seconds", "log10_roofline_seconds", "log10_flops_per_sample",
            "batch_size", "log10_batch_size");

    /**
     * ... and those that vary with it either way: a larger batch raises the arithmetic intensity, a longer sequence
     * may lower it (attention activations grow faster than the FLOPs).
     */
    private static final List<String> VARYING_WITH_WORK = concat(INCREASING_WITH_WORK, List.of(
            "arithmetic_intensity_flops_per_byte", "log10_arithmetic_intensity_flops_per_byte",
            "intensity_over_ridge", "log10_intensity_over_ridge"));

    private final int version;
    private final ModelCatalog catalog;

    /** {@code physics} v3 on the built-in model catalogue. */
    PhysicsFeatures() {
        this(VERSION, ModelCatalog.builtIn());
    }

    /** {@code physics} v3 on {@code catalog}. */
    PhysicsFeatures(ModelCatalog catalog) {
        this(VERSION, catalog);
    }

    /** {@code physics} of {@code version} (2 or 3) on {@code catalog}. */
    PhysicsFeatures(int version, ModelCatalog catalog) {
        if (version != VERSION && version != VERSION_2) {
            throw new IllegalArgumentException("version: " + version + " must be " + VERSION_2 + " or " + VERSION);
        }
        this.version = version;
        this.catalog = catalog;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return version;
    }

    @Override
    public List<String> names() {
        return NAMES;
    }

    @Override
    public List<String> increasingWithWork() {
        return INCREASING_WITH_WORK;
    }

    @Override
    public List<String> varyingWithWork() {
        return VARYING_WITH_WORK;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    @Override
    public void extractInto(WorkloadSpec spec, double[] out) {
        FeatureArrays.requireLength(ID, out, NAMES.size());
        HardwareSpec hw = spec.requireHardware();
        ModelSpec model = spec.model();
        JobSpec job = spec.job();
        boolean training = job.phase().isTraining();

        double flops = Roofline.flopsPerStep(spec);
        double weightBytes = Roofline.weightBytesPerStep(spec);
        ModelSpec catalogued = catalog.descriptorsFor(model);
        ModelSpec described = catalogued == null ? model : catalogued;
        double activationBytes = Roofline.activationBytesPerStep(spec, activationElementsPerSample(model, catalogued));
        double bytes = weightBytes + activationBytes;
        double peak = Roofline.effectivePeakFlopsPerSecond(spec);
        double bandwidth = Roofline.memoryBandwidthBytesPerSecond(spec);
        double computeSeconds = flops / peak;
        double memorySeconds = bytes / bandwidth;
        double rooflineSeconds = Math.max(computeSeconds, memorySeconds);
        double intensity = flops / bytes;
        double ridge = peak / bandwidth;
        double intensityOverRidge = intensity / ridge;

        Long leafLayers = described.leafLayers();
        Double matmulFlops = described.matmulFlopsPerSample();
        boolean hasDescriptors = leafLayers != null || matmulFlops != null
                || described.activationElementsPerSample() != null;

        int i = 0;
        out[i++] = flops;
        out[i++] = log10(flops);
        out[i++] = bytes;
        out[i++] = log10(bytes);
        out[i++] = activationBytes / bytes;
        out[i++] = peak;
        out[i++] = log10(peak);
        out[i++] = bandwidth;
        out[i++] = log10(bandwidth);
        out[i++] = computeSeconds;
        out[i++] = log10(computeSeconds);
        out[i++] = memorySeconds;
        out[i++] = log10(memorySeconds);
        out[i++] = rooflineSeconds;
        out[i++] = log10(rooflineSeconds);
        out[i++] = intensity;
        out[i++] = log10(intensity);
        out[i++] = ridge;
        out[i++] = log10(ridge);
        out[i++] = intensityOverRidge;
        out[i++] = log10(intensityOverRidge);
        out[i++] = model.parameters();
        out[i++] = log10(model.parameters());
        out[i++] = log10(model.flopsPerSample());
        out[i++] = job.batchSize();
        out[i++] = log10(job.batchSize());
        out[i++] = spec.precision().bytesPerElement();
        out[i++] = training ? 1 : 0;
        out[i++] = hw.isCpu() ? 1 : 0;
        out[i++] = Roofline.usedComputeFraction(hw);
        out[i++] = hw.deviceCount();
        out[i++] = job.optimizer().stateTensorsPerParameter();
        out[i++] = job.learningRate();
        out[i++] = hasDescriptors ? 1 : 0;
        out[i++] = leafLayers == null ? NEUTRAL_LOG10_LAYER_LAUNCHES
                : log10((double) leafLayers * (training ? Roofline.TRAINING_FLOPS_MULTIPLIER : 1));
        out[i++] = matmulFlops == null ? NEUTRAL_MATMUL_FLOPS_SHARE
                : Math.min(1.0, matmulFlops / described.flopsPerSample());
        FeatureArrays.requireFinite(ID, NAMES, out);
    }

    /**
     * The catalogue entry's activation elements (looked up once, by the caller), else the model's own or this
     * version's fallback: {@link Roofline#activationElementsPerSample(ModelSpec, ModelCatalog)} in v3.
     */
    private double activationElementsPerSample(ModelSpec model, ModelSpec catalogued) {
        return Roofline.cataloguedOr(catalogued, version == VERSION_2 ? RooflineV2.activationElementsPerSample(model)
                : Roofline.activationElementsPerSample(model));
    }

    @Override
    public String toString() {
        return ID + " v" + version + " " + NAMES;
    }
}
