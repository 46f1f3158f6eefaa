package io.github.runtimeestimator.models.operators.internal;

import io.github.runtimeestimator.core.graph.Normalization;
import io.github.runtimeestimator.core.graph.Operator;
import io.github.runtimeestimator.core.graph.Softmax;
import io.github.runtimeestimator.models.operators.DeviceFigures;
import io.github.runtimeestimator.models.operators.OperatorFamily;
import java.util.List;

/**
 * Row-wise reductions (normalisations and softmax): rows and columns, rows per SM and how full the last wave
 * of rows is (a kernel gives each row, or a few, to one block), and the variant.
 */
final class RowFeatures extends FamilyFeatures {
    private final OperatorFamily family;

    RowFeatures(OperatorFamily family) {
        if (family != OperatorFamily.NORMALIZATION && family != OperatorFamily.SOFTMAX) {
            throw new IllegalArgumentException("family: " + family + " is not row-wise");
        }
        this.family = family;
    }

    @Override
    OperatorFamily family() {
        return family;
    }

    /** Softmax leaves the device figures out (see {@link FamilyFeatures#deviceFiguresAsFeatures()}). */
    @Override
    boolean deviceFiguresAsFeatures() {
        return family != OperatorFamily.SOFTMAX;
    }

    @Override
    Operator example() {
        return family == OperatorFamily.NORMALIZATION ? new Normalization(Normalization.Variant.LAYER, 512, 768)
                : new Softmax(512, 768);
    }

    @Override
    void shape(Operator operator, DeviceFigures device, FeatureSink out) {
        long rows;
        long cols;
        String variant;
        List<String> variants;
        if (operator instanceof Normalization) {
            Normalization n = (Normalization) operator;
            rows = n.rows();
            cols = n.cols();
            variant = n.variant().id();
            variants = List.of("layer", "rms", "batch", "group");
        } else {
            Softmax s = (Softmax) operator;
            rows = s.rows();
            cols = s.cols();
            variant = s.variant().id();
            variants = List.of("softmax", "log_softmax");
        }
        double units = device.computeUnits();
        double rowWaves = rows / units;
        out.put("rw.log2.rows", FeatureSink.log2(rows));
        out.put("rw.log2.cols", FeatureSink.log2(cols));
        out.put("rw.log2.rowsPerUnit", FeatureSink.log2(rowWaves));
        out.put("rw.rowWaveFill", rowWaves / Math.ceil(rowWaves));
        out.put("rw.log2.rowBytes", FeatureSink.log2((double) cols * device.bytesPerElement()));
        variant("rw", variant, variants, out);
    }
}
