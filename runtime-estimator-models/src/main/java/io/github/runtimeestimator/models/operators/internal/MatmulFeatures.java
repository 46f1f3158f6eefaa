package io.github.runtimeestimator.models.operators.internal;

import io.github.runtimeestimator.core.graph.Matmul;
import io.github.runtimeestimator.core.graph.Operator;
import io.github.runtimeestimator.models.operators.DeviceFigures;
import io.github.runtimeestimator.models.operators.OperatorFamily;
import io.github.runtimeestimator.models.operators.OperatorRoofline;

/**
 * Matrix products: the dimensions, and for a few tile sizes a GEMM library picks from (64x64 to 256x128 output
 * tiles) the waves of tiles over the SMs, how full the last wave is, and how much of the edge tiles is
 * padding. The base time is whole waves of 128x128 tiles at the peak (or the memory time when longer): a
 * product of 109 tiles on 108 SMs takes two waves, not 1.01.
 */
final class MatmulFeatures extends FamilyFeatures {
    static final int BASE_TILE = 128;
    private static final int[][] TILES = {{64, 64}, {128, 64}, {128, 128}, {256, 128}};

    @Override
    OperatorFamily family() {
        return OperatorFamily.MATMUL;
    }

    /**
     * Products leave the device figures and the SM issue features out: with them, a held-out A40 (fp16) was
     * missed by 52% (its GDDR6 and clock unlike any training GPU's), without them by 9%.
     */
    @Override
    boolean deviceFiguresAsFeatures() {
        return false;
    }

    @Override
    boolean issueFeatures() {
        return false;
    }

    @Override
    Operator example() {
        return Matmul.linear(512, 768, 768, false);
    }

    @Override
    double baseSeconds(Operator operator, DeviceFigures device, OperatorRoofline roofline) {
        Matmul mm = (Matmul) operator;
        double tiles = mm.b() * Math.ceil((double) mm.m() / BASE_TILE) * Math.ceil((double) mm.n() / BASE_TILE);
        double units = device.computeUnits();
        double waveFlops = units * 2.0 * BASE_TILE * BASE_TILE * mm.k();
        double compute = Math.ceil(tiles / units) * waveFlops / device.peakFlopsPerSecond();
        return Math.max(compute, roofline.memorySeconds());
    }

    @Override
    void shape(Operator operator, DeviceFigures device, FeatureSink out) {
        Matmul mm = (Matmul) operator;
        out.put("mm.log2.b", FeatureSink.log2(mm.b()));
        out.put("mm.log2.m", FeatureSink.log2(mm.m()));
        out.put("mm.log2.n", FeatureSink.log2(mm.n()));
        out.put("mm.log2.k", FeatureSink.log2(mm.k()));
        out.put("mm.bias", mm.bias() ? 1 : 0);
        out.put("mm.sharedWeight", mm.variant() == Matmul.Variant.LINEAR ? 1 : 0);
        for (int[] t : TILES) {
            tiles("mm", mm.b(), mm.m(), mm.n(), t[0], t[1], device.computeUnits(), out);
        }
    }
}
