package io.github.runtimeestimator.core.io;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.KernelMeasurement;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.graph.Operator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns one data row of a kernel file (cells by column name) into a {@link KernelMeasurement}, or says which
 * cell broke which rule. One implementation per {@link KernelFileFormat}; the cell parsing they share is here.
 */
abstract class KernelRowDecoder {
    protected final HardwareCatalog catalog;
    protected final String fileName;
    /** Devices already resolved, by the name as written: a file names few devices over many rows. */
    private final Map<String, HardwareSpec> devices = new java.util.HashMap<>();

    KernelRowDecoder(HardwareCatalog catalog, String fileName) {
        this.catalog = catalog;
        this.fileName = fileName;
    }

    /** Columns the header must have. */
    abstract List<String> requiredColumns();

    abstract KernelMeasurement decode(Map<String, String> row) throws RowFault;

    static KernelRowDecoder of(KernelFileFormat format, List<String> header, HardwareCatalog catalog,
                               String fileName) throws RowFault {
        switch (format) {
            case KERNELS_V1:
                return new KernelsV1Rows(catalog, fileName);
            case NEUSIGHT:
                return NeuSightRows.forHeader(header, catalog, fileName);
            default:
                return new VidurRows(catalog, fileName);
        }
    }

    /** A GPU (or, by name, CPU) entry of the catalogue, or a fault naming the column and the value. */
    protected HardwareSpec device(String column, String name) throws RowFault {
        if (name.isBlank()) {
            throw new RowFault(column, name, "is required");
        }
        HardwareSpec known = devices.get(name);
        if (known != null) {
            return known;
        }
        HardwareSpec found = catalog.find(name.trim()).orElseThrow(() -> new RowFault(column, name,
                "is not in the hardware catalogue" + closeIds(name)));
        devices.put(name, found);
        return found;
    }

    private String closeIds(String name) {
        List<String> close = catalog.closeIds(name);
        return close.isEmpty() ? "" : " (close: " + String.join(", ", close) + ")";
    }

    static String required(Map<String, String> row, String column) throws RowFault {
        String cell = row.getOrDefault(column, "");
        if (cell.isBlank()) {
            throw new RowFault(column, cell, "is required");
        }
        return cell.trim();
    }

    /** A whole number >= {@code min}; {@code 4096.0} is accepted as 4096 (a converter's float formatting). */
    static long wholeNumber(Map<String, String> row, String column, long min) throws RowFault {
        String cell = required(row, column);
        long v = SchemaV1Numbers.parseLong(column, cell);
        if (v < min) {
            throw new RowFault(column, cell, "must be >= " + min);
        }
        return v;
    }

    /** A finite number > 0 (a timing). */
    static double positive(Map<String, String> row, String column) throws RowFault {
        String cell = required(row, column);
        double v = SchemaV1Numbers.parseDouble(column, cell);
        if (!Double.isFinite(v) || v <= 0) {
            throw new RowFault(column, cell, "must be a finite number > 0");
        }
        return v;
    }

    /**
     * A timing in milliseconds as seconds: the decimal point moved three places, so {@code 0.035} becomes the
     * double nearest to 0.000035 (dividing by 1000 in binary would not).
     */
    static double millisecondsAsSeconds(Map<String, String> row, String column) throws RowFault {
        double ms = positive(row, column);
        try {
            return new java.math.BigDecimal(row.get(column).trim()).movePointLeft(3).doubleValue();
        } catch (NumberFormatException e) {
            return ms / 1e3;
        }
    }

    /** An optional finite number >= 0; NaN when the cell is empty. */
    static double optionalNonNegative(Map<String, String> row, String column) throws RowFault {
        String cell = row.getOrDefault(column, "");
        if (cell.isBlank()) {
            return Double.NaN;
        }
        double v = SchemaV1Numbers.parseDouble(column, cell);
        if (Double.isNaN(v)) {
            return v;
        }
        if (!Double.isFinite(v) || v < 0) {
            throw new RowFault(column, cell, "must be a finite number >= 0");
        }
        return v;
    }

    /**
     * Builds an operator (or another value) whose constructor validates; a {@link SpecValidationException}
     * becomes a fault on {@code column}, keeping the rule and naming the dimension.
     */
    static <T> T build(String column, String cell, Supplier<T> make) throws RowFault {
        try {
            return make.get();
        } catch (SpecValidationException e) {
            String what = e.field() == null || e.field().isBlank() ? "" : e.field() + " ";
            String value = e.value() == null ? "" : "= " + e.value() + " ";
            throw new RowFault(column, cell, (what + value).isBlank() ? e.rule() : what + value + e.rule());
        } catch (ArithmeticException e) {
            throw new RowFault(column, cell, "is too large: " + e.getMessage());
        }
    }

    static Operator operator(String column, String cell, Supplier<Operator> make) throws RowFault {
        return build(column, cell, make);
    }
}
