package io.github.runtimeestimator.core.io;

import io.github.runtimeestimator.core.Measurement;
import java.util.ArrayList;
import java.util.List;

/** Collects a reader's rows; in {@link ReadMode#STRICT} the first rejection ends the read. */
final class RowSink {
    private final ReadMode mode;
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<RowRejection> rejections = new ArrayList<>();
    private final List<Long> lines = new ArrayList<>();

    RowSink(ReadMode mode) {
        this.mode = mode == null ? ReadMode.STRICT : mode;
    }

    void accept(Measurement m, long line) {
        measurements.add(m);
        lines.add(line);
    }

    void reject(RowRejection rejection) throws MeasurementFormatException {
        if (mode == ReadMode.STRICT) {
            throw new MeasurementFormatException(rejection);
        }
        rejections.add(rejection);
    }

    MeasurementReadResult result() {
        return new MeasurementReadResult(measurements, rejections, lines);
    }
}
