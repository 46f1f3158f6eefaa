package io.github.runtimeestimator.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.HardwareKind;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.features.PhysicalBounds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** No estimate is faster than physics allows; one that would be is raised to the floor and says so. */
class PhysicalFloorTest {
    private static final Logger LOG = LoggerFactory.getLogger(PhysicalFloorTest.class);
    private static final RuntimeEstimator DEFAULT = RuntimeEstimator.loadDefault();
    private static final ModelSpec RESNET50 = ModelSpec.builder().name("resnet50").family("cnn")
            .parameters(25_557_032L).flopsPerSample(8.18e9).inputShape("3x224x224").build();

    private static HardwareSpec gpu(double peakFlopsPerSecond) {
        return HardwareSpec.builder().id("user-gpu").name("User GPU").kind(HardwareKind.GPU)
                .peakFlopsPerSecond(Precision.FP32, peakFlopsPerSecond)
                .peakFlopsPerSecond(Precision.BF16, peakFlopsPerSecond).memoryBytes(85_899_345_920L)
                .memoryBandwidthBytesPerSecond(3.35e12).computeUnits(132).clockMhz(1980).build();
    }

    private static void assertNotBelowTheFloor(WorkloadSpec spec, Estimate e) {
        double floor = PhysicalBounds.floorSeconds(spec);
        assertThat(e.seconds()).as("seconds of %s", spec).isGreaterThanOrEqualTo(floor * (1 - 1e-12));
        assertThat(e.lowerSeconds()).as("lower bound of %s", spec).isGreaterThanOrEqualTo(floor * (1 - 1e-12));
    }

    @Test
    void aResNet50EpochOnAOneGigaflopDeviceIsRaisedToItsFloorAndFlagged() {
        WorkloadSpec epoch = WorkloadSpec.builder().model(RESNET50)
                .job(JobSpec.trainingEpoch(64, Optimizer.SGD, 0.1, 1_281_167L)).precision(Precision.BF16)
                .hardware(gpu(1e9)).build();

        Estimate e = DEFAULT.predict(epoch);

        assertThat(e.raisedToPhysicalFloor()).isTrue();
        assertNotBelowTheFloor(epoch, e);
        assertThat(e.secondsPerStep()).isEqualTo(PhysicalBounds.floorSecondsPerStep(epoch));
        assertThat(e.seconds() / 86_400).as("days: the FLOPs at 4 GFLOP/s, 45 days").isGreaterThan(45);
    }

    @Test
    void theDefaultsPointEstimatesOnTheSharedDataAreUnchanged() {
        int rows = 0;
        int lowerRaised = 0;
        TrainedEstimator est = (TrainedEstimator) DEFAULT;
        for (Measurement m : DatasetWorkloads.measurements()) {
            WorkloadSpec w = m.workload();
            Estimate e = DEFAULT.predict(w);
            rows++;
            assertThat(e.raisedToPhysicalFloor()).as("%s: a possible spec keeps its prediction", w).isFalse();
            assertThat(e.secondsPerStep()).isEqualTo(est.predictStepSeconds(w));
            assertNotBelowTheFloor(w, e);
            double oldLower = est.intervals().forPhase(w.job().phase()).lowerSeconds(e.secondsPerStep());
            if (oldLower < PhysicalBounds.floorSecondsPerStep(w.withJob(w.job().asSingleStep()))) {
                lowerRaised++;
            }
        }
        LOG.info("{} shared rows: 0 point estimates raised, {} step lower bounds raised to the floor", rows,
                lowerRaised);
        assertThat(rows).isGreaterThan(1_600);
        assertThat(lowerRaised).as("lower bounds that were below the floor").isLessThanOrEqualTo(1);
    }

    @Test
    void numbersTooLargeToCombineAreRefusedNamingTheModel() {
        WorkloadSpec huge = WorkloadSpec.builder()
                .model(RESNET50.toBuilder().flopsPerSample(1e300).build())
                .job(JobSpec.inference(Integer.MAX_VALUE)).hardware(gpu(1e12)).build();
        assertThatThrownBy(() -> DEFAULT.predict(huge))
                .isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("Infinity").hasMessageContaining("the spec's numbers are");
    }

    @Test
    void randomExtremeSpecsAreAtOrAboveTheirFloorOrRefusedNamingAField() {
        Random random = new Random(15_002);
        List<WorkloadSpec> specs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ModelSpec model = ModelSpec.builder().name("m" + i).parameters(1 + (random.nextLong() >>> (1 + random.nextInt(63))))
                    .flopsPerSample(Math.pow(10, -300 + 600 * random.nextDouble())).build();
            int batch = 1 + (random.nextInt(Integer.MAX_VALUE) >>> random.nextInt(31));
            Phase phase = Phase.values()[random.nextInt(Phase.values().length)];
            long dataset = 1 + (random.nextLong() >>> (1 + random.nextInt(63)));
            int epochs = 1 + random.nextInt(1_000);
            JobSpec job;
            try {
                job = switch (phase) {
                    case INFER -> JobSpec.inference(batch);
                    case TRAIN_STEP -> JobSpec.trainingStep(batch, Optimizer.ADAM, 1e-3);
                    case TRAIN_EPOCH -> JobSpec.trainingEpoch(batch, Optimizer.SGD, 0.1, dataset);
                    case TRAIN_JOB -> JobSpec.training(batch, Optimizer.SGD, 0.1, dataset, epochs);
                };
            } catch (SpecValidationException tooManySteps) {
                continue;
            }
            specs.add(WorkloadSpec.builder().model(model).job(job)
                    .precision(random.nextBoolean() ? Precision.FP32 : Precision.BF16)
                    .hardware(gpu(Math.pow(10, 3 + 15 * random.nextDouble()))).build());
        }
        int refused = 0;
        for (WorkloadSpec spec : specs) {
            try {
                assertNotBelowTheFloor(spec, DEFAULT.predict(spec));
            } catch (SpecValidationException e) {
                refused++;
                assertThat(e.field()).matches("model|job|features\\..*");
            }
        }
        LOG.info("{} random extreme specs, {} refused", specs.size(), refused);
        assertThat(refused).isLessThan(specs.size());
    }
}
