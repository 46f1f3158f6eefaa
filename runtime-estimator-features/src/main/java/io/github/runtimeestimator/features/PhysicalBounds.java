package io.github.runtimeestimator.features;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.WorkloadSpec;
import java.util.Locale;
import java.util.Optional;

/**
 * What physics allows one step (an inference batch or an optimizer step) to take, in one place: the floor that
 * no estimate goes below, that the planner checks deadlines against, and that (with a ceiling) decides which
 * measured rows are plausible enough to train on.
 *
 * <h2>The floor</h2>
 * {@code floorSecondsPerStep = flopsPerStep / (fastest peak x devices x used CPU share x }{@value #PEAK_HEADROOM}{@code )}:
 * the step's FLOPs ({@link Roofline#flopsPerStep}) at {@value #PEAK_HEADROOM} times the fastest dense peak the
 * device offers for the precision. The bytes are left out on purpose: the roofline's byte model over-counts
 * (fusion and caches), and measured steps run up to 2.5x below {@link Roofline#rooflineSeconds}, so only the
 * compute part can serve as a floor. It is a true floor on the shared data with a margin:
 * <ul>
 *   <li><b>Fastest peak.</b> FP32 work may run at the TF32 tensor rate (PyTorch's default lets cuDNN
 *       convolutions use TF32 on Ampere and newer), so for FP32 the larger of the FP32 and TF32 peaks counts;
 *       other precisions use their own peak (with the catalogue's fall-backs).</li>
 *   <li><b>Headroom {@value #PEAK_HEADROOM}.</b> Measured steps beat FLOPs at the plain datasheet peak by up to
 *       2.03x: a CPU's peak is computed at its nominal clock while it boosts (the 2-core EPYC VM, MLP
 *       inference: 0.49 of its FP32 compute time), and counted FLOPs are not executed FLOPs (Winograd 3x3
 *       convolutions do fewer; the H100's FP32 VGG-16 ran at 0.54 of its FP32 compute time). Dividing the peak
 *       time by 4 keeps every row of the three shared datasets at least 1.97x above the floor (the EPYC row
 *       above; the H100 and Xeon rows are at least 6x above it).</li>
 * </ul>
 *
 * <h2>The ceiling</h2>
 * No measured step may take more than {@value #MAX_SECONDS_PER_STEP} seconds (one day): a benchmark row slower
 * than that is a unit or recording error, not a timing (the slowest step in the shared data is a few seconds).
 *
 * <p>Every method reads the spec's fields only and allocates nothing except the text of a refusal.
 */
public final class PhysicalBounds {
    /** The factor by which the floor lies below FLOPs at the device's fastest peak (see the class comment). */
    public static final double PEAK_HEADROOM = 4.0;

    /** The longest a measured step (or inference batch) may plausibly take: one day. */
    public static final double MAX_SECONDS_PER_STEP = 86_400;

    private PhysicalBounds() {
    }

    /**
     * The fastest dense peak of one device for work at {@code precision}: its peak at the precision, and for
     * FP32 the TF32 peak when that is larger (FP32 convolutions may run as TF32).
     *
     * @param hardware  the device
     * @param precision the precision of the work
     * @return the peak, in FLOP/s per device
     */
    public static double fastestPeakFlopsPerSecondPerDevice(HardwareSpec hardware, Precision precision) {
        double peak = Roofline.peakFlopsPerSecondPerDevice(hardware, precision);
        if (precision == Precision.FP32) {
            Double tf32 = hardware.peakFlopsPerSecond().get(Precision.TF32);
            if (tf32 != null && tf32 > peak) {
                peak = tf32;
            }
        }
        return peak;
    }

    /**
     * The floor of one step of {@code spec} on its hardware, in seconds (an epoch or job spec: its step).
     *
     * @param spec the workload; must have hardware
     * @return the floor, in seconds per step
     */
    public static double floorSecondsPerStep(WorkloadSpec spec) {
        HardwareSpec hw = spec.requireHardware();
        double peak = fastestPeakFlopsPerSecondPerDevice(hw, spec.precision()) * hw.deviceCount()
                * Roofline.usedComputeFraction(hw);
        return Roofline.flopsPerStep(spec) / (peak * PEAK_HEADROOM);
    }

    /**
     * The floor of the whole job of {@code spec}: its steps times {@link #floorSecondsPerStep}.
     *
     * @param spec the workload; must have hardware
     * @return the floor, in seconds
     */
    public static double floorSeconds(WorkloadSpec spec) {
        return floorSecondsPerStep(spec) * spec.job().steps();
    }

    /**
     * Why a measured row's time is not physically plausible, or empty when it is: its time per step below
     * {@link #floorSecondsPerStep} or above {@link #MAX_SECONDS_PER_STEP}. Rows without a timing (oom, error)
     * are always plausible.
     *
     * @param m the measured row
     * @return the reason, for a person to read, or empty
     */
    public static Optional<String> implausibility(Measurement m) {
        if (!m.isOk()) {
            return Optional.empty();
        }
        double perStep = m.secondsPerStep();
        WorkloadSpec w = m.workload();
        if (perStep > MAX_SECONDS_PER_STEP || !Double.isFinite(perStep)) {
            return Optional.of(String.format(Locale.ROOT,
                    "%.4g s per step is above the ceiling of %.0f s (one day) per step: a unit or recording error",
                    perStep, MAX_SECONDS_PER_STEP));
        }
        double floor = floorSecondsPerStep(w);
        if (!(perStep >= floor)) {
            return Optional.of(String.format(Locale.ROOT,
                    "%.4g s per step is below the physical floor of %.4g s per step on %s (%.4g FLOPs at %.0fx the"
                            + " fastest %s peak): the time, the FLOPs or the hardware is wrong",
                    perStep, floor, w.requireHardware().id(), Roofline.flopsPerStep(w), PEAK_HEADROOM,
                    w.precision().id()));
        }
        return Optional.empty();
    }
}
