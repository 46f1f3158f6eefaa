package io.github.runtimeestimator.models.operators.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.graph.Conv2d;
import io.github.runtimeestimator.core.graph.Elementwise;
import io.github.runtimeestimator.core.graph.Embedding;
import io.github.runtimeestimator.core.graph.Matmul;
import io.github.runtimeestimator.core.graph.Normalization;
import io.github.runtimeestimator.core.graph.Operator;
import io.github.runtimeestimator.core.graph.Pooling;
import io.github.runtimeestimator.core.graph.Softmax;
import io.github.runtimeestimator.models.operators.DeviceFigures;
import io.github.runtimeestimator.models.operators.OperatorFamily;
import io.github.runtimeestimator.models.operators.OperatorRoofline;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Feature rows: fixed names per family, the roofline and the wave-quantised base time by hand. */
class OperatorFeaturesTest {
    private static final HardwareSpec A100 = HardwareCatalog.builtIn().require("nvidia-a100-sxm-80gb");

    @Test
    void rooflineIsTheLongerOfComputeAndMemory() {
        DeviceFigures d = DeviceFigures.of(A100, Precision.FP16);
        Matmul mm = Matmul.linear(4096, 4096, 4096, false);

        OperatorRoofline r = OperatorRoofline.of(mm, d);

        assertThat(d.peakFlopsPerSecond()).isEqualTo(312e12);
        assertThat(r.flops()).isEqualTo(2.0 * 4096 * 4096 * 4096);
        assertThat(r.bytes()).isEqualTo(2.0 * 3 * 4096 * 4096);
        assertThat(r.computeSeconds()).isEqualTo(r.flops() / 312e12);
        assertThat(r.memorySeconds()).isEqualTo(r.bytes() / 2.039e12);
        assertThat(r.seconds()).isEqualTo(r.computeSeconds());
        assertThat(r.computeBound()).isTrue();
    }

    @Test
    void matmulBaseCountsWholeWavesOfTiles() {
        DeviceFigures d = DeviceFigures.of(A100, Precision.FP16);
        // 109 tiles of 128 x 128 on 108 SMs: two waves, each 108 tiles' worth of FLOPs (compute-bound: the
        // operands move in 58 us, a wave computes in 46 us)
        Matmul mm = Matmul.linear(109 * 128, 128, 4096, false);

        OperatorFeatures.Row row = OperatorFeatures.of(mm, d);

        double wave = 108 * 2.0 * 128 * 128 * 4096 / 312e12;
        assertThat(row.roofline().memorySeconds()).isLessThan(2 * wave);
        assertThat(row.baseSeconds()).isCloseTo(2 * wave, within(1e-15));
        assertThat(row.roofline().computeSeconds()).isCloseTo(109 / 108.0 * wave, within(1e-15));
        List<String> names = OperatorFeatures.names(OperatorFamily.MATMUL);
        assertThat(row.values()[names.indexOf("mm.t128x128.waveFill")]).isCloseTo(109 / 108.0 / 2, within(1e-12));
        assertThat(row.values()[names.indexOf("mm.t128x128.tileFill")]).isEqualTo(1.0);
        assertThat(row.values()[names.indexOf("mm.t256x128.tileFill")]).isCloseTo(13952.0 / 14080, within(1e-12));
    }

    @Test
    void everyFamilyFillsItsNamesWithFiniteOrUnknownValues() {
        Random random = new Random(7);
        List<Operator> ops = List.of(
                Matmul.linear(1 + random.nextInt(5000), 1 + random.nextInt(5000), 1 + random.nextInt(5000), true),
                new Matmul(Matmul.Variant.BMM, 12, 128, 128, 64, false),
                Conv2d.builder().n(4).channels(3, 64).size(224, 224).kernel(7).stride(2).padding(3).build(),
                Conv2d.builder().n(4).channels(32, 32).size(56, 56).kernel(3).padding(1).groups(32).build(),
                Elementwise.unary("gelu", 1 << 20), new Elementwise("rope", 4096, 2),
                new Normalization(Normalization.Variant.RMS, 512, 4096), new Softmax(8192, 128),
                new Embedding(512, 4096, 32000));
        for (String id : List.of("nvidia-h100-sxm-80gb", "nvidia-t4-16gb", "amd-mi210-64gb")) {
            HardwareSpec hw = HardwareCatalog.builtIn().require(id);
            for (Operator op : ops) {
                OperatorFeatures.Row row = OperatorFeatures.of(op, DeviceFigures.of(hw, Precision.FP16));
                List<String> names = OperatorFeatures.names(row.family());
                assertThat(row.values()).hasSameSizeAs(names.toArray());
                assertThat(names).doesNotHaveDuplicates();
                for (int i = 0; i < names.size(); i++) {
                    double v = row.values()[i];
                    assertThat(Double.isNaN(v) || Double.isFinite(v)).as("%s of %s on %s", names.get(i), op, id)
                            .isTrue();
                }
                assertThat(row.baseSeconds()).isPositive().isGreaterThanOrEqualTo(row.roofline().memorySeconds());
            }
        }
    }

    @Test
    void unknownDeviceFiguresAreUnknownFeatures() {
        HardwareSpec bare = A100.toBuilder().l2CacheBytes(0).tdpWatts(0).build();
        OperatorFeatures.Row row = OperatorFeatures.of(new Normalization(Normalization.Variant.RMS, 64, 64),
                DeviceFigures.of(bare, Precision.FP32));
        List<String> names = OperatorFeatures.names(OperatorFamily.NORMALIZATION);

        assertThat(row.values()[names.indexOf("dev.log2.l2")]).isNaN();
        assertThat(row.values()[names.indexOf("dev.log2.tdp")]).isNaN();
        assertThat(row.values()[names.indexOf("log2.bytesOverL2")]).isNaN();
        assertThat(row.values()[names.indexOf("rw.variant.rms")]).isEqualTo(1.0);
        assertThat(row.values()[names.indexOf("rw.variant.layer")]).isNaN();
    }

    @Test
    void productsSoftmaxAndEmbeddingsDoNotSeeTheDevicesOwnFigures() {
        for (OperatorFamily family : List.of(OperatorFamily.MATMUL, OperatorFamily.SOFTMAX,
                OperatorFamily.EMBEDDING)) {
            assertThat(OperatorFeatures.names(family)).as(family.id()).noneMatch(n -> n.startsWith("dev."))
                    .contains("log2.intensityOverRidge", "log2.bytesOverL2");
        }
        assertThat(OperatorFeatures.names(OperatorFamily.MATMUL)).doesNotContain("issueShare");
        assertThat(OperatorFeatures.names(OperatorFamily.CONV2D)).contains("dev.log2.units", "issueShare");
    }

    @Test
    void vectorKernelsAreBoundedByFp32AndBySmIssue() {
        DeviceFigures h100 = DeviceFigures.of(HardwareCatalog.builtIn().require("nvidia-h100-sxm-80gb"),
                Precision.FP16);
        Normalization norm = new Normalization(Normalization.Variant.RMS, 4096, 4096);

        OperatorFeatures.Row row = OperatorFeatures.of(norm, h100);

        assertThat(row.roofline().peakFlopsPerSecond()).as("vector units, FP32 opmath").isEqualTo(67e12);
        double elements = norm.elementsMoved(1);
        double issue = elements / (132 * 1980e6 * FamilyFeatures.VECTOR_ELEMENTS_PER_UNIT_CYCLE);
        assertThat(row.baseSeconds()).isCloseTo(2 * elements / 3.35e12 + issue, within(1e-15));
        assertThat(OperatorFeatures.of(Matmul.linear(64, 64, 64, false), h100).roofline().peakFlopsPerSecond())
                .as("matrix units at fp16").isEqualTo(989e12);
    }

    @Test
    void kindsWithoutAFamilyAreRefused() {
        assertThat(OperatorFamily.of(new Pooling(Pooling.Variant.MAX, 100, 4))).isEmpty();
        assertThatThrownBy(() -> OperatorFeatures.of(new Pooling(Pooling.Variant.MAX, 100, 4),
                DeviceFigures.of(A100, Precision.FP32)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pooling");
    }
}
