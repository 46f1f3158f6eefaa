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

    /**
     * Copies the lists; null {@code lines} means every line is unknown (0). Fails with an
     * {@link IllegalArgumentException} when {@code lines} and {@code measurements} differ in size.
     *
     * @param measurements the rows that became measurements, in file order
     * @param rejections   the rows that did not
     * @param lines        the 1-based line each measurement starts on (0 where unknown), or null
     */
    public MeasurementReadResult {
        measurements = List.copyOf(measurements);
        rejections = List.copyOf(rejections);
        lines = lines == null ? Collections.nCopies(measurements.size(), 0L) : List.copyOf(lines);
        if (lines.size() != measurements.size()) {
            throw new IllegalArgumentException("lines has " + lines.size() + " entries for "
                    + measurements.size() + " measurements");
        }
    }

    /**
     * A result whose measurements' lines are not known.
     *
     * @param measurements the rows that became measurements, in file order
     * @param rejections   the rows that did not
     */
    public MeasurementReadResult(List<Measurement> measurements, List<RowRejection> rejections) {
        this(measurements, rejections, null);
    }

    /**
     * The 1-based line the {@code index}-th measurement starts on, 0 when unknown.
     *
     * @param index 0-based position in {@link #measurements()}
     * @return the line number, or 0
     */
    public long lineOf(int index) {
        return lines.get(index);
    }

    /**
     * Only the rows with status {@code ok}: the ones that carry a timing.
     *
     * @return the ok measurements in file order, unmodifiable
     */
    public List<Measurement> okMeasurements() {
        return measurements.stream().filter(Measurement::isOk).collect(Collectors.toUnmodifiableList());
    }

    /**
     * Data rows read: measurements plus rejections.
     *
     * @return the number of data rows, a CSV header not counted
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
