package io.github.runtimeestimator.training.evaluation;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.HardwareKind;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.MeasurementStatus;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.RunInfo;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Small synthetic measurement sets: every combination of a few models, hardware, runs, phases and batches. */
final class Fixtures {
    static final HardwareSpec GPU = HardwareSpec.builder().id("gpu-a").name("GPU A").kind(HardwareKind.GPU)
            .peakFlopsPerSecond(Precision.FP32, 50e12).memoryBytes(80L << 30).memoryBandwidthBytesPerSecond(3e12)
            .computeUnits(100).clockMhz(1800).build();
    static final HardwareSpec CPU = HardwareSpec.builder().id("cpu-b").name("CPU B").kind(HardwareKind.CPU)
            .peakFlopsPerSecond(Precision.FP32, 2e12).memoryBytes(64L << 30).memoryBandwidthBytesPerSecond(2e11)
            .computeUnits(16).clockMhz(2100).threadsUsed(16).build();

    static final List<String[]> MODELS = List.of(
            new String[] {"resnet18", "cnn"}, new String[] {"resnet50", "cnn"},
            new String[] {"vit_b_16", "vit"}, new String[] {"bert_base", "transformer"});

    private Fixtures() {
    }

    /** 4 models x 2 hardware x 2 runs x 3 phases x 2 batches = 96 ok rows, plus 4 oom rows. */
    static List<Measurement> dataset() {
        List<Measurement> rows = new ArrayList<>();
        int m = 0;
        for (String[] model : MODELS) {
            m++;
            for (HardwareSpec hw : List.of(GPU, CPU)) {
                for (String run : List.of("run1", "run2")) {
                    for (Phase phase : List.of(Phase.INFER, Phase.TRAIN_STEP, Phase.TRAIN_EPOCH)) {
                        for (int batch : new int[] {8, 32}) {
                            double seconds = 1e-3 * m * batch * (hw == CPU ? 20 : 1)
                                    * (phase == Phase.INFER ? 1 : 3) * (phase == Phase.TRAIN_EPOCH ? 100 : 1)
                                    * (run.equals("run2") ? 1.05 : 1);
                            rows.add(measurement(model[0], model[1], m, hw, run, phase, batch, seconds));
                        }
                    }
                }
            }
            rows.add(oom(model[0], model[1], m));
        }
        return rows;
    }

    static Measurement measurement(String model, String family, int size, HardwareSpec hw, String run, Phase phase,
                                   int batch, double seconds) {
        JobSpec job = switch (phase) {
            case INFER -> JobSpec.inference(batch);
            case TRAIN_STEP -> JobSpec.trainingStep(batch, Optimizer.SGD, 0.01 * size);
            default -> JobSpec.trainingEpoch(batch, Optimizer.ADAM, 0.001 * size, 100L * batch);
        };
        WorkloadSpec spec = WorkloadSpec.builder()
                .model(ModelSpec.builder().name(model).family(family).parameters(1_000_000L * size)
                        .flopsPerSample(1e9 * size).inputShape("3x224x224").build())
                .job(job).precision(Precision.FP32).hardware(hw).build();
        long steps = job.steps();
        return new Measurement(spec, MeasurementStatus.OK, seconds, Double.NaN, Double.NaN, 5, steps, Double.NaN,
                run(hw, run), null);
    }

    static Measurement oom(String model, String family, int size) {
        WorkloadSpec spec = WorkloadSpec.builder()
                .model(ModelSpec.builder().name(model).family(family).parameters(1_000_000L * size)
                        .flopsPerSample(1e9 * size).build())
                .job(JobSpec.trainingStep(4096, Optimizer.SGD, 0.1)).hardware(GPU).build();
        return new Measurement(spec, MeasurementStatus.OOM, Double.NaN, Double.NaN, Double.NaN, 0, 1, Double.NaN,
                run(GPU, "run1"), null);
    }

    private static RunInfo run(HardwareSpec hw, String run) {
        return new RunInfo(run, "host", hw.isCpu() ? "cpu" : "cuda", hw.name(), "Xeon", 16, 2100, "avx512", 16,
                hw.isCpu() ? 0 : 100, hw.isCpu() ? Double.NaN : 80, "pytorch", "2.11");
    }

    /** An estimator answering {@code seconds(spec)} for every spec. */
    static RuntimeEstimator estimator(ToDoubleFunction<WorkloadSpec> seconds) {
        return spec -> {
            double s = seconds.applyAsDouble(spec);
            long steps = spec.job().steps();
            return new Estimate(s, s, s, s / steps, steps, 0, "stub");
        };
    }
}
