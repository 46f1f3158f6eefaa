package io.github.runtimeestimator.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.HardwareKind;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.WorkloadSpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties over any valid spec whose numbers lie in physical ranges (1 FLOP to 1e18 FLOPs per sample,
 * 1 to 1e13 parameters, any batch up to 1e6, devices from 1e9 to 1e18 FLOP/s and 1e9 to 1e15 bytes/s).
 */
class FeatureSetPropertiesTest {

    @Property(tries = 300)
    void everyFeatureIsFiniteAndExtractEqualsExtractInto(@ForAll("specs") WorkloadSpec spec) {
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

    @Property(tries = 300)
    void rooflineIsTheMaxOfComputeAndMemoryAndNotBelowEither(@ForAll("specs") WorkloadSpec spec) {
        double compute = Roofline.computeSeconds(spec);
        double memory = Roofline.memorySeconds(spec);
        assertThat(Roofline.rooflineSeconds(spec)).isEqualTo(Math.max(compute, memory));
        FeatureVector v = FeatureSets.physics().extract(spec);
        assertThat(v.get("roofline_seconds")).isEqualTo(Math.max(v.get("compute_seconds"), v.get("memory_seconds")));
        assertThat(v.get("compute_seconds")).isEqualTo(compute);
        assertThat(v.get("memory_seconds")).isEqualTo(memory);
        assertThat(v.get("activation_bytes_fraction")).isBetween(0.0, 1.0);
    }

    @Property(tries = 200)
    void anEpochOrJobHasTheFeaturesOfItsStep(@ForAll("specs") WorkloadSpec spec,
                                              @ForAll("datasetSizes") long datasetSize) {
        JobSpec job = spec.job();
        if (!job.phase().isTraining()) {
            return;
        }
        WorkloadSpec epoch = spec.withJob(JobSpec.trainingEpoch(job.batchSize(), job.optimizer(),
                job.learningRate(), datasetSize));
        WorkloadSpec whole = spec.withJob(JobSpec.training(job.batchSize(), job.optimizer(), job.learningRate(),
                datasetSize, 3));
        for (String id : FeatureSets.ids()) {
            FeatureExtractor set = FeatureSets.byId(id);
            FeatureVector ofStep = set.extract(spec.withJob(job.asSingleStep()));
            assertThat(set.extract(epoch)).isEqualTo(ofStep);
            assertThat(set.extract(whole)).isEqualTo(ofStep);
        }
    }

    @Provide
    Arbitrary<Long> datasetSizes() {
        return Arbitraries.longs().between(1, 100_000_000L);
    }

    @Provide
    Arbitrary<WorkloadSpec> specs() {
        return Combinators.combine(models(), jobs(), Arbitraries.of(Precision.class), hardware())
                .as(WorkloadSpec::new);
    }

    private static Arbitrary<Double> logUniform(double lowExp, double highExp) {
        return Arbitraries.doubles().between(lowExp, highExp).map(e -> Math.pow(10, e));
    }

    private static Arbitrary<ModelSpec> models() {
        Arbitrary<Long> params = Arbitraries.longs().between(1, 10_000_000_000_000L);
        Arbitrary<Double> flops = logUniform(0, 18);
        Arbitrary<Long> leaf = Arbitraries.longs().between(1, 100_000).injectNull(0.5);
        Arbitrary<Double> activations = logUniform(0, 12).injectNull(0.5);
        Arbitrary<Double> matmulShare = Arbitraries.doubles().between(0, 1).injectNull(0.5);
        return Combinators.combine(params, flops, leaf, activations, matmulShare)
                .as((p, f, l, a, share) -> ModelSpec.builder().name("m").parameters(p).flopsPerSample(f)
                        .leafLayers(l).activationElementsPerSample(a)
                        .matmulFlopsPerSample(share == null ? null : share * f).build());
    }

    private static Arbitrary<JobSpec> jobs() {
        Arbitrary<Integer> batch = Arbitraries.integers().between(1, 1_000_000);
        Arbitrary<Optimizer> optimizer = Arbitraries.of(Optimizer.SGD, Optimizer.ADAM, Optimizer.ADAMW);
        Arbitrary<Double> lr = Arbitraries.doubles().between(0, 10);
        return Combinators.combine(Arbitraries.of(Phase.INFER, Phase.TRAIN_STEP), batch, optimizer, lr)
                .as((phase, b, o, rate) -> phase == Phase.INFER ? JobSpec.inference(b)
                        : JobSpec.trainingStep(b, o, rate));
    }

    private static Arbitrary<HardwareSpec> hardware() {
        Arbitrary<Boolean> cpu = Arbitraries.of(true, false);
        Arbitrary<Double> fp32 = logUniform(9, 18);
        Arbitrary<Double> bf16Factor = Arbitraries.doubles().between(1, 32).injectNull(0.3);
        Arbitrary<Double> bandwidth = logUniform(9, 15);
        Arbitrary<Integer> units = Arbitraries.integers().between(1, 512);
        Arbitrary<Integer> threads = Arbitraries.integers().between(1, 1024);
        Arbitrary<Integer> devices = Arbitraries.integers().between(1, 1024);
        return Combinators.combine(cpu, fp32, bf16Factor, bandwidth, units, threads, devices)
                .as((isCpu, peak, factor, bw, cu, t, n) -> {
                    HardwareSpec.Builder b = HardwareSpec.builder().id("hw").name("hw")
                            .kind(isCpu ? HardwareKind.CPU : HardwareKind.GPU)
                            .peakFlopsPerSecond(Precision.FP32, peak).memoryBytes(1L << 34)
                            .memoryBandwidthBytesPerSecond(bw).computeUnits(cu).clockMhz(2000)
                            .deviceCount(n).threadsUsed(isCpu ? t : 0);
                    if (factor != null) {
                        b.peakFlopsPerSecond(Precision.BF16, peak * factor);
                    }
                    return b.build();
                });
    }
}
