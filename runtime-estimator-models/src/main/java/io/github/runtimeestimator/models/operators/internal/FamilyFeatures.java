package io.github.runtimeestimator.models.operators.internal;

import io.github.runtimeestimator.core.graph.Operator;
import io.github.runtimeestimator.models.operators.DeviceFigures;
import io.github.runtimeestimator.models.operators.OperatorFamily;
import io.github.runtimeestimator.models.operators.OperatorRoofline;
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

    /**
     * Whether the trees see the device's own figures ({@code dev.*}: SMs, clock, peak, bandwidth, L2, power)
     * besides the features that relate the operator to them (waves, intensity over the ridge, bytes over the
     * L2, the SM issue share). With four or five training GPUs, trees can memorise a device by its figures
     * instead of learning what carries over; a family leaves them out where that measured worse on held-out
     * GPUs ({@code docs/operator-model.md}).
     */
    boolean deviceFiguresAsFeatures() {
        return true;
    }

    /**
     * Whether the trees see how the operator's bytes compare with what the SMs issue per cycle
     * ({@code log2.unitCycles}, {@code issueShare}): the vector kernels' second limit ({@link #baseSeconds}).
     */
    boolean issueFeatures() {
        return true;
    }

    /** A representative operator of the family, to record the names with. */
    abstract Operator example();

    /** Elements per SM cycle a simple (vector) kernel loads or stores at most: the SM-side limit of {@link #baseSeconds}. */
    static final double VECTOR_ELEMENTS_PER_UNIT_CYCLE = 5;

    /**
     * The time the learned efficiency divides. For kernels on the vector units (everything but products):
     * the compute time, or the memory time plus the time the SMs take to issue the loads and stores of its
     * elements at {@value #VECTOR_ELEMENTS_PER_UNIT_CYCLE} elements per SM cycle, whichever is longer. The
     * second term is why an fp16 normalisation reaches a third of an H100's bandwidth but most of an A40's: an
     * HBM GPU delivers more bytes per second than its SMs issue (13 bytes per SM cycle on an A100, 5 on an A40),
     * and a kernel's instructions grow with its elements, not its bytes. Products override this (whole waves of
     * tiles).
     */
    double baseSeconds(Operator operator, DeviceFigures device, OperatorRoofline roofline) {
        return Math.max(roofline.computeSeconds(), roofline.memorySeconds() + issueSeconds(device, roofline));
    }

    /** The family's shape features. */
    abstract void shape(Operator operator, DeviceFigures device, FeatureSink out);

    /** The time the SMs take to issue the operator's element loads and stores (see {@link #baseSeconds}). */
    static double issueSeconds(DeviceFigures device, OperatorRoofline roofline) {
        return roofline.bytes() / device.bytesPerElement()
                / (device.unitCyclesPerSecond() * VECTOR_ELEMENTS_PER_UNIT_CYCLE);
    }

    /** Every feature: the common ones, then the family's. */
    final void fill(Operator operator, DeviceFigures device, OperatorRoofline roofline, double baseSeconds,
                    FeatureSink out) {
        common(device, roofline, baseSeconds, deviceFiguresAsFeatures(), issueFeatures(), out);
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

    private static void common(DeviceFigures d, OperatorRoofline r, double base, boolean deviceFigures,
                               boolean issue, FeatureSink out) {
        double units = d.computeUnits();
        out.put("log2.roofline.s", FeatureSink.log2(r.seconds()));
        out.put("log2.base.s", FeatureSink.log2(base));
        out.put("log2.compute.s", FeatureSink.log2(r.computeSeconds()));
        out.put("log2.memory.s", FeatureSink.log2(r.memorySeconds()));
        out.put("log2.flops", FeatureSink.log2(r.flops()));
        out.put("log2.bytes", FeatureSink.log2(r.bytes()));
        double ridge = r.peakFlopsPerSecond() / d.memoryBandwidthBytesPerSecond();
        out.put("log2.intensityOverRidge", FeatureSink.log2(r.flops() / r.bytes() / ridge));
        out.put("log2.bytesOverL2", FeatureSink.log2(r.bytes() / d.l2CacheBytes()));
        out.put("log2.bytesPerUnit", FeatureSink.log2(r.bytes() / units));
        out.put("log2.flopsPerUnit", FeatureSink.log2(r.flops() / units));
        // bytes each SM would have to move per clock cycle to reach the bandwidth: simple kernels move a few,
        // so a device with many bytes per SM-cycle (HBM) reaches a smaller share of its bandwidth than GDDR
        double unitCyclesPerSecond = d.unitCyclesPerSecond();
        if (issue) {
            double issueSeconds = issueSeconds(d, r);
            out.put("log2.unitCycles", FeatureSink.log2(r.bytes() / d.memoryBandwidthBytesPerSecond()
                    * unitCyclesPerSecond));
            out.put("issueShare", issueSeconds / (issueSeconds + r.memorySeconds()));
        }
        if (!deviceFigures) {
            return;
        }
        out.put("dev.log2.bandwidthPerUnitCycle", FeatureSink.log2(d.memoryBandwidthBytesPerSecond()
                / unitCyclesPerSecond));
        out.put("dev.log2.units", FeatureSink.log2(units));
        out.put("dev.log2.clockMhz", FeatureSink.log2(d.clockMhz()));
        out.put("dev.log2.peak", FeatureSink.log2(r.peakFlopsPerSecond()));
        out.put("dev.log2.peakOverFp32", FeatureSink.log2(d.peakFlopsPerSecond() / d.fp32PeakFlopsPerSecond()));
        out.put("dev.log2.bandwidth", FeatureSink.log2(d.memoryBandwidthBytesPerSecond()));
        out.put("dev.log2.ridge", FeatureSink.log2(ridge));
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
        String t = out.readsNames() ? prefix + ".t" + tileM + "x" + tileN : null;
        out.put(FeatureSink.name(out, t, ".log2.waves"), FeatureSink.log2(waves));
        out.put(FeatureSink.name(out, t, ".waveFill"), waves / Math.ceil(waves));
        out.put(FeatureSink.name(out, t, ".tileFill"), m * n / (tilesM * tileM * tilesN * tileN));
    }

    /** One-hot of a variant among the known ones: 1 for it, NaN (absent) for the others. */
    static void variant(String prefix, String variant, List<String> known, FeatureSink out) {
        for (String v : known) {
            out.put(FeatureSink.name(out, prefix + ".variant.", v), v.equals(variant) ? 1.0 : Double.NaN);
        }
    }
}
