package io.github.runtimeestimator.models.operators;

import io.github.runtimeestimator.core.graph.Operator;
import java.util.ArrayList;
import java.util.List;

/**
 * The features of one operator family: what the efficiency model of that family sees about an operator on a
 * device, and the base time its efficiency is relative to. Every family shares the roofline and device
 * features ({@link #common}); each adds its shape's own (tiles and waves for products, rows per SM for
 * normalisations).
 *
 * <p>Contract: {@link #shape} puts the same names in the same order for every operator of the family (an
 * unknown value is NaN, never left out), so a family's names are fixed ({@link #names()}).
 */
abstract class FamilyFeatures {
    private List<String> names;

    abstract OperatorFamily family();

    /** A representative operator of the family, to record the names with. */
    abstract Operator example();

    /**
     * The time the learned efficiency divides: the roofline time, or for products the compute time of whole
     * waves of tiles over the SMs when that is longer (wave quantisation).
     */
    double baseSeconds(Operator operator, DeviceFigures device, OperatorRoofline roofline) {
        return roofline.seconds();
    }

    /** The family's shape features. */
    abstract void shape(Operator operator, DeviceFigures device, FeatureSink out);

    /** Every feature: the common ones, then the family's. */
    final void fill(Operator operator, DeviceFigures device, OperatorRoofline roofline, double baseSeconds,
                    FeatureSink out) {
        common(device, roofline, baseSeconds, out);
        shape(operator, device, out);
    }

    /** The feature names, in fill order. */
    final synchronized List<String> names() {
        if (names == null) {
            DeviceFigures device = new DeviceFigures("probe", "nvidia", true, 100, 1500, 1e14, 2e13, 2e12,
                    4e7, 300, io.github.runtimeestimator.core.Precision.FP16);
            Operator op = example();
            OperatorRoofline roofline = OperatorRoofline.of(op, device);
            List<String> recorded = new ArrayList<>();
            fill(op, device, roofline, baseSeconds(op, device, roofline), (name, value) -> recorded.add(name));
            names = List.copyOf(recorded);
        }
        return names;
    }

    private static void common(DeviceFigures d, OperatorRoofline r, double base, FeatureSink out) {
        double units = d.computeUnits();
        out.put("log2.roofline.s", FeatureSink.log2(r.seconds()));
        out.put("log2.base.s", FeatureSink.log2(base));
        out.put("log2.compute.s", FeatureSink.log2(r.computeSeconds()));
        out.put("log2.memory.s", FeatureSink.log2(r.memorySeconds()));
        out.put("log2.flops", FeatureSink.log2(r.flops()));
        out.put("log2.bytes", FeatureSink.log2(r.bytes()));
        out.put("log2.intensityOverRidge", FeatureSink.log2(r.flops() / r.bytes() / d.ridgeFlopsPerByte()));
        out.put("log2.bytesOverL2", FeatureSink.log2(r.bytes() / d.l2CacheBytes()));
        out.put("log2.bytesPerUnit", FeatureSink.log2(r.bytes() / units));
        out.put("log2.flopsPerUnit", FeatureSink.log2(r.flops() / units));
        // bytes each SM would have to move per clock cycle to reach the bandwidth: simple kernels move a few,
        // so a device with many bytes per SM-cycle (HBM) reaches a smaller share of its bandwidth than GDDR
        double unitCyclesPerSecond = units * d.clockMhz() * 1e6;
        out.put("log2.unitCycles", FeatureSink.log2(r.bytes() / d.memoryBandwidthBytesPerSecond()
                * unitCyclesPerSecond));
        out.put("dev.log2.bandwidthPerUnitCycle", FeatureSink.log2(d.memoryBandwidthBytesPerSecond()
                / unitCyclesPerSecond));
        out.put("dev.log2.units", FeatureSink.log2(units));
        out.put("dev.log2.clockMhz", FeatureSink.log2(d.clockMhz()));
        out.put("dev.log2.peak", FeatureSink.log2(d.peakFlopsPerSecond()));
        out.put("dev.log2.peakOverFp32", FeatureSink.log2(d.peakFlopsPerSecond() / d.fp32PeakFlopsPerSecond()));
        out.put("dev.log2.bandwidth", FeatureSink.log2(d.memoryBandwidthBytesPerSecond()));
        out.put("dev.log2.ridge", FeatureSink.log2(d.ridgeFlopsPerByte()));
        out.put("dev.log2.l2", FeatureSink.log2(d.l2CacheBytes()));
        out.put("dev.log2.tdp", FeatureSink.log2(d.tdpWatts()));
        out.put("dev.bytesPerElement", d.bytesPerElement());
    }

    /** Tiles of {@code tileM x tileN} over {@code b} products of {@code m x n}: waves over the units and fills. */
    static void tiles(String prefix, double b, double m, double n, int tileM, int tileN, double units,
                      FeatureSink out) {
        double tilesM = Math.ceil(m / tileM);
        double tilesN = Math.ceil(n / tileN);
        double waves = b * tilesM * tilesN / units;
        String t = prefix + ".t" + tileM + "x" + tileN;
        out.put(t + ".log2.waves", FeatureSink.log2(waves));
        out.put(t + ".waveFill", waves / Math.ceil(waves));
        out.put(t + ".tileFill", m * n / (tilesM * tileM * tilesN * tileN));
    }

    /** One-hot of a variant among the known ones: 1 for it, NaN (absent) for the others. */
    static void variant(String prefix, String variant, List<String> known, FeatureSink out) {
        for (String v : known) {
            out.put(prefix + ".variant." + v, v.equals(variant) ? 1.0 : Double.NaN);
        }
    }
}
