package io.github.runtimeestimator.planner;

import static io.github.runtimeestimator.planner.Fixtures.RESNET50_PARAMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.MeasurementStatus;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.RunInfo;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryEstimatorTest {
    private static final long MIB = 1024L * 1024L;
    private final MemoryEstimator memory = MemoryEstimator.defaults();
    private final io.github.runtimeestimator.core.HardwareSpec h100 =
            HardwareCatalog.builtIn().require("nvidia-h100-sxm-80gb");

    private static WorkloadSpec train(ModelSpec model, Precision p, int batch, Optimizer opt) {
        return WorkloadSpec.builder().model(model).job(JobSpec.trainingStep(batch, opt, 0.001)).precision(p).build();
    }

    @Test
    void resnet50AdamFp32WeightsGradientsAndStateAreFourFp32CopiesOfTheParameters() {
        MemoryEstimate e = memory.estimate(train(Fixtures.resnet50(), Precision.FP32, 64, Optimizer.ADAM));

        assertThat(e.weightsBytes()).isEqualTo(RESNET50_PARAMS * 4);
        assertThat(e.gradientsBytes()).isEqualTo(RESNET50_PARAMS * 4);
        assertThat(e.optimizerStateBytes()).isEqualTo(RESNET50_PARAMS * 4 * 2);
        assertThat(e.weightsBytes() + e.gradientsBytes() + e.optimizerStateBytes())
                .isEqualTo(25_557_032L * 4 * (1 + 1 + 2)).isEqualTo(408_912_512L);
    }

    @Test
    void bf16MixedPrecisionKeepsFp32MasterWeightsPlusA16BitCopyAndFp32GradientsAndState() {
        MemoryEstimate e = memory.estimate(train(Fixtures.resnet50(), Precision.BF16, 64, Optimizer.ADAMW));

        assertThat(e.weightsBytes()).isEqualTo(RESNET50_PARAMS * (4 + 2)).isEqualTo(153_342_192L);
        assertThat(e.gradientsBytes()).isEqualTo(RESNET50_PARAMS * 4);
        assertThat(e.optimizerStateBytes()).isEqualTo(RESNET50_PARAMS * 8);
    }

    @Test
    void sgdMomentumKeepsOneStateTensorAndInferenceKeepsNoGradientsOrState() {
        assertThat(memory.estimate(train(Fixtures.resnet50(), Precision.FP32, 8, Optimizer.SGD))
                .optimizerStateBytes()).isEqualTo(RESNET50_PARAMS * 4);

        MemoryEstimate infer = memory.estimate(WorkloadSpec.builder().model(Fixtures.resnet50())
                .job(JobSpec.inference(8)).precision(Precision.FP32).build());
        assertThat(infer.weightsBytes()).isEqualTo(RESNET50_PARAMS * 4);
        assertThat(infer.gradientsBytes()).isZero();
        assertThat(infer.optimizerStateBytes()).isZero();
    }

    @Test
    void halfPrecisionInferenceHoldsNoFp32CopyUnlessItRunsUnderAutocast() {
        WorkloadSpec bf16 = WorkloadSpec.builder().model(Fixtures.resnet50()).job(JobSpec.inference(8))
                .precision(Precision.BF16).build();
        WorkloadSpec int8 = bf16.toBuilder().precision(Precision.INT8).build();

        assertThat(memory.estimate(bf16).weightsBytes()).isEqualTo(RESNET50_PARAMS * 2);
        assertThat(memory.estimate(bf16.toBuilder().precision(Precision.FP16).build()).weightsBytes())
                .isEqualTo(RESNET50_PARAMS * 2);
        assertThat(memory.estimate(int8).weightsBytes()).isEqualTo(RESNET50_PARAMS);
        assertThat(memory.withInferenceWeights(MemoryEstimator.InferenceWeights.AUTOCAST).estimate(bf16)
                .weightsBytes()).isEqualTo(RESNET50_PARAMS * 4);
    }

    @Test
    void trainingActivationsComeFromTheDescriptorTimesBatchTimesElementBytes() {
        ModelSpec m = uncatalogued().toBuilder().activationElementsPerSample(2.0e7).leafLayers(100L).build();

        MemoryEstimate fp32 = memory.estimate(train(m, Precision.FP32, 64, Optimizer.ADAM));
        MemoryEstimate bf16 = memory.estimate(train(m, Precision.BF16, 64, Optimizer.ADAM));

        assertThat(fp32.activationsFromDescriptor()).isTrue();
        assertThat(fp32.activationsBytes()).isEqualTo(20_000_000L * 64 * 4);
        assertThat(bf16.activationsBytes()).isEqualTo(20_000_000L * 64 * 2);
    }

    /** resnet50's figures under a name the model catalogue does not know: no graph is looked up. */
    private static ModelSpec uncatalogued() {
        return Fixtures.resnet50().toBuilder().name("my_resnet").inputShape("").build();
    }

    @Test
    void aCataloguedModelsActivationsComeFromItsOperatorGraph() {
        MemoryEstimate train = memory.estimate(train(Fixtures.resnet50(), Precision.FP32, 64, Optimizer.SGD));
        MemoryEstimate infer = memory.estimate(WorkloadSpec.builder().model(Fixtures.resnet50())
                .job(JobSpec.inference(64)).precision(Precision.FP32).build());
        double input = 3 * 224 * 224 * 4.0 * 64;

        assertThat(train.activationsFromDescriptor()).isTrue();
        // kept for backward: a quarter of the elements moved per sample, plus the largest operator, and the input
        assertThat(train.activationsBytes() - input).isBetween(64 * 4 * 1.0e7, 64 * 4 * 6.0e7);
        // inference holds the largest operator only: far less than what training keeps
        assertThat(infer.activationsBytes() - input).isLessThan((train.activationsBytes() - input) / 5);
    }

    @Test
    void inferenceKeepsOnlyTheLargestLiveActivations() {
        ModelSpec m = uncatalogued().toBuilder().activationElementsPerSample(2.0e7).leafLayers(100L).build();
        WorkloadSpec infer = WorkloadSpec.builder().model(m).job(JobSpec.inference(64)).build();

        // 4 layers' worth of the mean leaf output: 2e7 x 64 samples x (4 / 100) x 4 bytes
        assertThat(memory.estimate(infer).activationsBytes()).isEqualTo(204_800_000L);
        // without a layer count: a quarter of the sum
        ModelSpec noLayers = uncatalogued().toBuilder().activationElementsPerSample(2.0e7).build();
        assertThat(memory.estimate(infer.toBuilder().model(noLayers).build()).activationsBytes())
                .isEqualTo(20_000_000L * 64 * 4 / 4);
    }

    @Test
    void withoutTheDescriptorTheFlopsProxyIsUsedAndSaysSo() {
        MemoryEstimate e = memory.estimate(train(uncatalogued(), Precision.FP32, 2, Optimizer.SGD));

        assertThat(e.activationsFromDescriptor()).isFalse();
        assertThat(e.activationsBytes()).isEqualTo(Math.round(8_178_368_512.0 / 300.0 * 2 * 4));
    }

    @Test
    void overheadIsTheGpuContextPlusTenPercentFragmentationAndTheTotalIsTheSum() {
        MemoryEstimate e = memory.estimate(train(Fixtures.resnet50(), Precision.FP32, 64, Optimizer.ADAM)
                .withHardware(h100));
        long tensors = e.weightsBytes() + e.gradientsBytes() + e.optimizerStateBytes() + e.activationsBytes();

        assertThat(e.overheadBytes()).isEqualTo(500 * MIB + Math.round(tensors * 0.10));
        assertThat(e.totalBytes()).isEqualTo(tensors + e.overheadBytes());
        assertThat(e.totalMib()).isEqualTo(e.totalBytes() / (double) MIB);
        assertThat(e.fits(h100)).isTrue();
    }

    @Test
    void fitsMeansTheEstimatePlusItsMarginFits() {
        MemoryEstimate e = memory.estimate(train(Fixtures.resnet50(), Precision.FP32, 64, Optimizer.ADAM)
                .withHardware(h100));
        io.github.runtimeestimator.core.HardwareSpec justEnough = h100.toBuilder().memoryBytes(e.totalBytes()).build();

        assertThat(e.marginBytes()).isEqualTo(Math.round(e.totalBytes() * MemoryEstimator.DEFAULT_MARGIN));
        assertThat(e.fits(justEnough)).as("the estimate alone fits, not with its margin").isFalse();
        assertThat(memory.withMargin(0).estimate(train(Fixtures.resnet50(), Precision.FP32, 64, Optimizer.ADAM)
                .withHardware(justEnough)).fits(justEnough)).isTrue();
    }

    @Test
    void dataParallelSplitsTheBatchButEveryDeviceHoldsTheFullModel() {
        ModelSpec m = uncatalogued().toBuilder().activationElementsPerSample(2.0e7).build();
        MemoryEstimate one = memory.estimate(train(m, Precision.FP32, 64, Optimizer.ADAM).withHardware(h100));
        MemoryEstimate eight = memory.estimate(train(m, Precision.FP32, 64, Optimizer.ADAM)
                .withHardware(h100.withDeviceCount(8)));

        assertThat(eight.samplesPerDevice()).isEqualTo(8);
        assertThat(eight.activationsBytes()).isEqualTo(one.activationsBytes() / 8);
        assertThat(eight.weightsBytes() + eight.gradientsBytes() + eight.optimizerStateBytes())
                .isEqualTo(one.weightsBytes() + one.gradientsBytes() + one.optimizerStateBytes());
    }

    @Test
    void aHugeBatchDoesNotFitAnH100() {
        ModelSpec m = Fixtures.resnet50().toBuilder().activationElementsPerSample(2.0e7).build();
        MemoryEstimate e = memory.estimate(train(m, Precision.FP32, 4096, Optimizer.ADAM).withHardware(h100));

        assertThat(e.fits(h100)).isFalse();
        assertThat(e.headroomBytes(h100)).isNegative();
    }

    @Test
    void int8TrainingIsRejectedWithTheRule() {
        assertThatThrownBy(() -> memory.estimate(train(Fixtures.resnet50(), Precision.INT8, 8, Optimizer.SGD)))
                .isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("precision = \"int8\"").hasMessageContaining("not modelled");
    }

    @Test
    void compareWithReportsNothingWhenNoRowCarriesAPeakAndTheErrorWhenOneDoes() {
        RunInfo run = new RunInfo("r", "h", "cuda", "NVIDIA H100 80GB HBM3", "", 16, 2100, "", 16, 132, 79.2,
                "pytorch", "2.11");
        WorkloadSpec w = train(Fixtures.resnet50(), Precision.FP32, 64, Optimizer.ADAM).withHardware(h100);
        Measurement noPeak = new Measurement(w, MeasurementStatus.OK, 0.1, Double.NaN, Double.NaN, 5, 1,
                Double.NaN, run, Map.of());
        assertThat(memory.compareWith(List.of(noPeak)).rows()).isZero();
        assertThat(memory.compareWith(List.of(noPeak)).meanAbsoluteRelativeError()).isNaN();

        double predictedMib = memory.estimate(w).tensorsBytes() / (double) MIB; // a GPU's peak: allocated tensors
        Measurement withPeak = new Measurement(w, MeasurementStatus.OK, 0.1, Double.NaN, Double.NaN, 5, 1,
                predictedMib / 2, run, Map.of());
        MemoryErrorReport report = memory.compareWith(List.of(noPeak, withPeak));
        assertThat(report.rows()).isEqualTo(1);
        assertThat(report.meanAbsoluteRelativeError()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(report.shareNotUnderPredicted()).isEqualTo(1.0);
    }
}
