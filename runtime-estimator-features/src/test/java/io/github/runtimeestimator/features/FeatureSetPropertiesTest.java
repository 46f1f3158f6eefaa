package io.github.runtimeestimator.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.HardwareKind;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.WorkloadSpec;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties over valid specs drawn with fixed seeds (so every run checks the same cases, and a failure names
 * its seed) from physical ranges: 1 to 1e18 FLOPs per sample, 1 to 1e13 parameters, batches up to 1e6, with or
 * without each descriptor, every precision, GPUs and CPUs (any threads, with or without a BF16 peak, so the
 * fallbacks run), 1 to 1024 devices of 1e9 to 1e18 FLOP/s and 1e9 to 1e15 bytes/s, and range edges mixed in.
 */
class FeatureSetPropertiesTest {

    private static final int CASES = 300;

    static Stream<Arguments> specs() {
        return IntStream.range(0, CASES).mapToObj(seed -> Arguments.of(seed, randomSpec(new Random(seed))));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("specs")
    void everyFeatureIsFiniteAndExtractEqualsExtractInto(int seed, WorkloadSpec spec) {
        for (String id : FeatureSets.ids()) {
            FeatureExtractor set = FeatureSets.byId(id);
            FeatureVector v = set.extract(spec);
            assertThat(v.values()).as(id).hasSize(set.names().size());
            for (int i = 0; i < v.size(); i++) {
                assertThat(Double.isFinite(v.values()[i])).as(id + "." + set.names().get(i) + " of " + spec).isTrue();
            }
            double[] out = new double[set.names().size()];
            set.extractInto(spec, out);
            assertThat(out).containsExactly(v.values());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("specs")
    void rooflineIsTheMaxOfComputeAndMemory(int seed, WorkloadSpec spec) {
        double compute = Roofline.computeSeconds(spec);
        double memory = Roofline.memorySeconds(spec);
        assertThat(Roofline.rooflineSeconds(spec)).isEqualTo(Math.max(compute, memory));
        FeatureVector v = FeatureSets.physics().extract(spec);
        assertThat(v.get("roofline_seconds")).isEqualTo(Math.max(v.get("compute_seconds"), v.get("memory_seconds")));
        assertThat(v.get("compute_seconds")).isEqualTo(compute);
        assertThat(v.get("memory_seconds")).isEqualTo(memory);
        assertThat(v.get("activation_bytes_fraction")).isBetween(0.0, 1.0);
        assertThat(v.get("intensity_over_ridge")).isCloseTo(compute / memory,
                org.assertj.core.api.Assertions.within(compute / memory * 1e-9));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("specs")
    void anEpochOrJobHasTheFeaturesOfItsStep(int seed, WorkloadSpec spec) {
        JobSpec job = spec.job();
        Optimizer optimizer = job.phase().isTraining() ? job.optimizer() : Optimizer.ADAMW;
        WorkloadSpec step = spec.withJob(JobSpec.trainingStep(job.batchSize(), optimizer, job.learningRate()));
        long datasetSize = 1 + new Random(seed).nextInt(100_000_000);
        WorkloadSpec epoch = step.withJob(JobSpec.trainingEpoch(job.batchSize(), optimizer, job.learningRate(),
                datasetSize));
        WorkloadSpec whole = step.withJob(JobSpec.training(job.batchSize(), optimizer, job.learningRate(),
                datasetSize, 3));
        for (String id : FeatureSets.ids()) {
            FeatureExtractor set = FeatureSets.byId(id);
            FeatureVector ofStep = set.extract(step.withJob(epoch.job().asSingleStep()));
            assertThat(set.extract(epoch)).as(id).isEqualTo(ofStep);
            assertThat(set.extract(whole)).as(id).isEqualTo(ofStep);
        }
    }

    /** 10^u for u uniform in [lowExp, highExp]; one draw in eight is an edge of the range. */
    private static double logUniform(Random r, double lowExp, double highExp) {
        int edge = r.nextInt(16);
        if (edge == 0) {
            return Math.pow(10, lowExp);
        }
        if (edge == 1) {
            return Math.pow(10, highExp);
        }
        return Math.pow(10, lowExp + r.nextDouble() * (highExp - lowExp));
    }

    private static WorkloadSpec randomSpec(Random r) {
        long params = Math.max(1, Math.round(logUniform(r, 0, 13)));
        double flops = logUniform(r, 0, 18);
        ModelSpec model = ModelSpec.builder().name("m").parameters(params).flopsPerSample(flops)
                .leafLayers(r.nextBoolean() ? null : 1L + r.nextInt(100_000))
                .activationElementsPerSample(r.nextBoolean() ? null : logUniform(r, 0, 12))
                .matmulFlopsPerSample(r.nextBoolean() ? null : r.nextDouble() * flops)
                .build();
        int batch = (int) Math.max(1, Math.min(1_000_000, Math.round(logUniform(r, 0, 6))));
        Optimizer[] optimizers = {Optimizer.SGD, Optimizer.ADAM, Optimizer.ADAMW};
        JobSpec job = r.nextBoolean() ? JobSpec.inference(batch)
                : JobSpec.trainingStep(batch, optimizers[r.nextInt(3)], r.nextDouble() * 10);
        Precision precision = Precision.values()[r.nextInt(Precision.values().length)];

        boolean cpu = r.nextBoolean();
        double fp32 = logUniform(r, 9, 18);
        HardwareSpec.Builder hw = HardwareSpec.builder().id("hw").name("hw")
                .kind(cpu ? HardwareKind.CPU : HardwareKind.GPU)
                .peakFlopsPerSecond(Precision.FP32, fp32).memoryBytes(1L << 34)
                .memoryBandwidthBytesPerSecond(logUniform(r, 9, 15)).computeUnits(1 + r.nextInt(512))
                .clockMhz(2000).deviceCount(1 + r.nextInt(1024)).threadsUsed(cpu ? 1 + r.nextInt(1024) : 0);
        if (r.nextInt(3) > 0) {
            hw.peakFlopsPerSecond(Precision.BF16, fp32 * (1 + r.nextDouble() * 31));
        }
        return new WorkloadSpec(model, job, precision, hw.build());
    }
}
