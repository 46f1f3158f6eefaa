package io.github.runtimeestimator.core.io;

import io.github.runtimeestimator.core.KernelMeasurement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@link KernelCsv} produced from one file: every data row is either in {@link #measurements()} (ok, oom
 * and error rows alike, in file order) or in {@link #rejections()}.
 *
 * @param format       the layout the header showed
 * @param measurements the rows that became measurements, in file order
 * @param rejections   the rows that did not (always empty after a {@link ReadMode#STRICT} read)
 */
public record KernelReadResult(KernelFileFormat format, List<KernelMeasurement> measurements,
                               List<RowRejection> rejections) {

    /**
     * Copies both lists; neither may be null or hold null.
     *
     * @param format       the layout the header showed
     * @param measurements the rows that became measurements, in file order
     * @param rejections   the rows that did not
     */
    public KernelReadResult {
        measurements = List.copyOf(measurements);
        rejections = List.copyOf(rejections);
    }

    /**
     * Only the rows with status {@code ok}: the ones that carry a timing.
     *
     * @return the ok measurements in file order, unmodifiable
     */
    public List<KernelMeasurement> okMeasurements() {
        return measurements.stream().filter(KernelMeasurement::isOk).collect(Collectors.toUnmodifiableList());
    }

    /**
     * Data rows read: measurements plus rejections.
     *
     * @return the number of data rows, the header not counted
     */
    public int rowCount() {
        return measurements.size() + rejections.size();
    }

    /**
     * True when no row was rejected.
     *
     * @return whether {@link #rejections()} is empty
     */
    public boolean isClean() {
        return rejections.isEmpty();
    }
}
