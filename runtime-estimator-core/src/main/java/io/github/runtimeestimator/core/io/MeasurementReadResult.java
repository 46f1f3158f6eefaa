package io.github.runtimeestimator.core.io;

import io.github.runtimeestimator.core.Measurement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a measurement reader produced: every data row is either in {@link #measurements()} (ok, oom and error
 * rows alike, in file order) or in {@link #rejections()}.
 *
 * @param measurements the rows that became measurements, in file order
 * @param rejections   the rows that did not (always empty after a {@link ReadMode#STRICT} read)
 */
public record MeasurementReadResult(List<Measurement> measurements, List<RowRejection> rejections) {

    public MeasurementReadResult {
        measurements = List.copyOf(measurements);
        rejections = List.copyOf(rejections);
    }

    /** Only the rows with status {@code ok}: the ones that carry a timing. */
    public List<Measurement> okMeasurements() {
        return measurements.stream().filter(Measurement::isOk).collect(Collectors.toUnmodifiableList());
    }

    /** Data rows read: measurements plus rejections. */
    public int rowCount() {
        return measurements.size() + rejections.size();
    }

    /** True when no row was rejected. */
    public boolean isClean() {
        return rejections.isEmpty();
    }
}
