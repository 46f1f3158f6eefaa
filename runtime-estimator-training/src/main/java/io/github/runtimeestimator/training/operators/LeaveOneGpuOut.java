package io.github.runtimeestimator.training.operators;

import io.github.runtimeestimator.core.KernelMeasurement;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.models.operators.DeviceFigures;
import io.github.runtimeestimator.models.operators.FamilyModel;
import io.github.runtimeestimator.models.operators.OperatorFamily;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores the per-operator model on devices it never saw: for each family and each device, a model trained on
 * the other devices predicts every row of the held-out one.
 *
 * <p>Which devices train: those of the held-out device's kind (GPU or CPU) and vendor when there are at least
 * two of them, else every other device of its kind. So an NVIDIA GPU is judged by a model of NVIDIA GPUs only
 * (their launch floors and libraries are alike), while each of the two AMD GPUs, with a single AMD sibling, is
 * judged by a model of all the other GPUs.
 */
public final class LeaveOneGpuOut {
    private static final Logger LOG = LoggerFactory.getLogger(LeaveOneGpuOut.class);
    /** Fewest same-vendor training devices for the vendor alone to train. */
    static final int MIN_SAME_VENDOR_DEVICES = 2;

    private final OperatorModelTrainer trainer;

    /**
     * An evaluation whose models are trained with {@code options}.
     *
     * @param options how each held-out device's model is trained
     */
    public LeaveOneGpuOut(OperatorTrainingOptions options) {
        this.trainer = new OperatorModelTrainer(Objects.requireNonNull(options, "options"));
    }

    /**
     * Every family with rows, every device.
     *
     * @param measurements the kernel measurements; only ok rows are used
     * @return one cell per family, held-out device and precision
     */
    public OperatorAccuracy evaluate(List<KernelMeasurement> measurements) {
        return evaluate(measurements, EnumSet.allOf(OperatorFamily.class));
    }

    /**
     * The given families, every device; a family without ok rows, and a device with no other device of its kind
     * to train on, are left out.
     *
     * @param measurements the kernel measurements; only ok rows are used
     * @param families     the families to score
     * @return one cell per family, held-out device and precision
     */
    public OperatorAccuracy evaluate(List<KernelMeasurement> measurements, Set<OperatorFamily> families) {
        List<OperatorAccuracy.Cell> cells = new ArrayList<>();
        for (OperatorFamily family : families) {
            FamilyTable table = FamilyTable.of(family, measurements);
            if (table.size() == 0) {
                continue;
            }
            for (String heldOut : hardwareIds(table)) {
                int[] train = trainingRows(table, heldOut);
                if (train.length == 0) {
                    LOG.debug("{} on {}: no other device to train on", family.id(), heldOut);
                    continue;
                }
                cells.addAll(score(table, heldOut, train));
            }
        }
        return new OperatorAccuracy(cells);
    }

    private List<OperatorAccuracy.Cell> score(FamilyTable table, String heldOut, int[] train) {
        long start = System.nanoTime();
        FamilyModel model = trainer.train(table, train);
        double constantLogEfficiency = table.medianLogRatio(train);
        Map<Precision, List<Integer>> byPrecision = new LinkedHashMap<>();
        for (int i = 0; i < table.size(); i++) {
            if (table.devices[i].hardwareId().equals(heldOut)) {
                byPrecision.computeIfAbsent(table.devices[i].precision(), p -> new ArrayList<>()).add(i);
            }
        }
        List<OperatorAccuracy.Cell> cells = new ArrayList<>();
        for (Map.Entry<Precision, List<Integer>> e : byPrecision.entrySet()) {
            List<Integer> rows = e.getValue();
            int n = rows.size();
            double[] measured = new double[n];
            double[] predicted = new double[n];
            double[] roofline = new double[n];
            double[] constant = new double[n];
            for (int j = 0; j < n; j++) {
                int i = rows.get(j);
                measured[j] = table.seconds[i];
                double floor = model.floors().seconds(table.devices[i]);
                predicted[j] = floor + table.baseSeconds[i] * Math.exp(model.logWorkOverBase(table.features[i]));
                roofline[j] = table.rooflineSeconds[i];
                constant[j] = table.rooflineSeconds[i] * Math.exp(constantLogEfficiency);
            }
            OperatorAccuracy.Cell cell = new OperatorAccuracy.Cell(table.family, heldOut, e.getKey(),
                    model.trainedOn(), AccuracyScore.of(predicted, measured), AccuracyScore.of(roofline, measured),
                    AccuracyScore.of(constant, measured));
            LOG.debug("{} held out {} {}: {} rows, median APE {} (roofline {}), {} ms", table.family.id(), heldOut,
                    e.getKey().id(), n, String.format("%.3f", cell.model().medianApe()),
                    String.format("%.3f", cell.roofline().medianApe()), (System.nanoTime() - start) / 1_000_000);
            cells.add(cell);
        }
        return cells;
    }


    private static Set<String> hardwareIds(FamilyTable table) {
        Set<String> ids = new LinkedHashSet<>();
        for (DeviceFigures d : table.devices) {
            ids.add(d.hardwareId());
        }
        return ids;
    }

    /** The rows of the devices that train when {@code heldOut} is held out (see the class comment). */
    static int[] trainingRows(FamilyTable table, String heldOut) {
        DeviceFigures held = null;
        for (DeviceFigures d : table.devices) {
            if (d.hardwareId().equals(heldOut)) {
                held = d;
                break;
            }
        }
        Objects.requireNonNull(held, "heldOut");
        Set<String> sameVendor = new LinkedHashSet<>();
        for (DeviceFigures d : table.devices) {
            if (!d.hardwareId().equals(heldOut) && d.gpu() == held.gpu() && d.vendor().equals(held.vendor())) {
                sameVendor.add(d.hardwareId());
            }
        }
        boolean vendorOnly = sameVendor.size() >= MIN_SAME_VENDOR_DEVICES;
        int[] rows = new int[table.size()];
        int n = 0;
        for (int i = 0; i < table.size(); i++) {
            DeviceFigures d = table.devices[i];
            boolean other = !d.hardwareId().equals(heldOut) && d.gpu() == held.gpu();
            if (other && (!vendorOnly || d.vendor().equals(held.vendor()))) {
                rows[n++] = i;
            }
        }
        return Arrays.copyOf(rows, n);
    }
}
