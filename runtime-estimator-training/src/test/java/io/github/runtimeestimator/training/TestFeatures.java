package io.github.runtimeestimator.training;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.features.FeatureExtractor;
import java.util.List;
import java.util.function.BiFunction;

/** A small log-scale feature set for tests, independent of the features module's sets. */
final class TestFeatures implements FeatureExtractor {
    static final TestFeatures V1 = new TestFeatures(1);

    private static final List<String> NAMES = List.of("log_params", "log_step_flops", "log_batch", "train",
            "bf16", "adam", "log_peak_flops", "log_bandwidth", "cpu");

    private final int version;

    TestFeatures(int version) {
        this.version = version;
    }

    /** Resolves {@code test} (of any version) to this set, any other id fails as FeatureSets.byId does. */
    static BiFunction<String, Integer, FeatureExtractor> resolver(FeatureExtractor fx) {
        return (id, version) -> {
            if (id.equals(fx.id())) {
                return fx;
            }
            throw new SpecValidationException("featureSet", id, "must be one of [" + fx.id() + "]");
        };
    }

    @Override
    public String id() {
        return "test";
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
    public void extractInto(WorkloadSpec spec, double[] out) {
        HardwareSpec hw = spec.requireHardware();
        boolean train = spec.job().phase() != Phase.INFER;
        out[0] = Math.log(spec.model().parameters());
        out[1] = Math.log(spec.model().flopsPerSample() * spec.job().batchSize() * (train ? 3 : 1));
        out[2] = Math.log(spec.job().batchSize());
        out[3] = train ? 1 : 0;
        out[4] = spec.precision() == Precision.BF16 ? 1 : 0;
        out[5] = spec.job().optimizer() == Optimizer.ADAM || spec.job().optimizer() == Optimizer.ADAMW ? 1 : 0;
        out[6] = Math.log(hw.peakFlopsPerSecond(spec.precision()));
        out[7] = Math.log(hw.memoryBandwidthBytesPerSecond());
        out[8] = hw.isCpu() ? 1 : 0;
    }
}
