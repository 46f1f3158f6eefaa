package io.github.runtimeestimator.core.io;

import io.github.runtimeestimator.core.Measurement;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a measurement reader produced: every data row is either in {@link #measurements()} (ok, oom and error
 * rows alike, in file order) or in {@link #rejections()}.
 *
 * @param measurements the rows that became measurements, in file order
 * @param rejections   the rows that did not (always empty after a {@link ReadMode#STRICT} read)
 * @param lines        the 1-based line each measurement starts on in its file, in the order of
 *                     {@code measurements} (0 where unknown), so that a later check of a measurement can name
 *                     its line as a rejection does
 */
public record MeasurementReadResult(List<Measurement> measurements, List<RowRejection> rejections,
                                    List<Long> lines) {

    public MeasurementReadResult {
        measurements = List.copyOf(measurements);
        rejections = List.copyOf(rejections);
        lines = lines == null ? Collections.nCopies(measurements.size(), 0L) : List.copyOf(lines);
        if (lines.size() != measurements.size()) {
            throw new IllegalArgumentException("lines has " + lines.size() + " entries for "
                    + measurements.size() + " measurements");
        }
    }

    /** A result whose measurements' lines are not known. */
    public MeasurementReadResult(List<Measurement> measurements, List<RowRejection> rejections) {
        this(measurements, rejections, null);
    }

    /** The 1-based line the {@code index}-th measurement starts on, 0 when unknown. */
    public long lineOf(int index) {
        return lines.get(index);
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
