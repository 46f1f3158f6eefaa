package io.github.runtimeestimator.models.operators;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.Precision;

/**
 * The datasheet figures of one device at one precision that the per-operator model reads: what a roofline
 * needs (peak, bandwidth) and what shapes efficiency (how many SMs or CUs share the work, their clock, the L2
 * that operands may fit in, the power the board may draw).
 *
 * @param hardwareId                    the catalogue id
 * @param vendor                        {@code nvidia}, {@code amd}, {@code intel}
 * @param gpu                           false for a CPU
 * @param computeUnits                  SMs, CUs or cores
 * @param clockMhz                      boost clock
 * @param peakFlopsPerSecond            dense peak at the precision (the catalogue's fallbacks applied)
 * @param fp32PeakFlopsPerSecond        dense FP32 peak
 * @param memoryBandwidthBytesPerSecond peak memory bandwidth
 * @param l2CacheBytes                  last-level on-chip cache (L2 on a GPU); NaN when the catalogue lacks it
 * @param tdpWatts                      board power limit; NaN when the catalogue lacks it
 * @param precision                     the precision the figures are for
 */
public record DeviceFigures(String hardwareId, String vendor, boolean gpu, int computeUnits, double clockMhz,
                            double peakFlopsPerSecond, double fp32PeakFlopsPerSecond,
                            double memoryBandwidthBytesPerSecond, double l2CacheBytes, double tdpWatts,
                            Precision precision) {

    /**
     * The figures of a catalogue entry at a precision. A CPU's compute units are the threads it uses; an L2 cache
     * or board power that is not positive is NaN.
     *
     * @param hardware  the catalogue entry
     * @param precision the precision
     * @return its figures
     */
    public static DeviceFigures of(HardwareSpec hardware, Precision precision) {
        double l2 = hardware.l2CacheBytes() > 0 ? hardware.l2CacheBytes() : Double.NaN;
        double tdp = hardware.tdpWatts() > 0 ? hardware.tdpWatts() : Double.NaN;
        int units = hardware.isCpu() ? hardware.threadsUsed() : hardware.computeUnits();
        return new DeviceFigures(hardware.id(), hardware.vendor(), !hardware.isCpu(), units, hardware.clockMhz(),
                hardware.peakFlopsPerSecond(precision), hardware.peakFlopsPerSecond(Precision.FP32),
                hardware.memoryBandwidthBytesPerSecond(), l2, tdp, precision);
    }

    /**
     * SM (or CU, or core) cycles per second: units times clock.
     *
     * @return unit cycles per second
     */
    public double unitCyclesPerSecond() {
        return computeUnits * clockMhz * 1e6;
    }

    /**
     * Bytes of one element at the precision.
     *
     * @return the precision's bytes per element
     */
    public int bytesPerElement() {
        return precision.bytesPerElement();
    }
}
