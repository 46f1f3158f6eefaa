package io.github.runtimeestimator.training.evaluation;

import io.github.runtimeestimator.core.Measurement;
import java.util.List;

/**
 * A way to cut measurements into train/test folds. Only {@code ok} rows take part: rows without a timing are
 * neither trained on nor scored. Implementations are deterministic for the same input order (and seed).
 */
public interface Split {

    /**
     * Stable id used in tables ({@code leave-model-out}, {@code kfold-5}).
     *
     * @return the id
     */
    String id();

    /**
     * The folds of {@code data}.
     *
     * @param data the measurements to cut; only ok rows take part
     * @return the folds, in a deterministic order
     * @throws IllegalArgumentException when the data cannot be split this way (one model only for
     *                                  leave-model-out, fewer rows than folds)
     */
    List<Fold> folds(List<Measurement> data);
}
