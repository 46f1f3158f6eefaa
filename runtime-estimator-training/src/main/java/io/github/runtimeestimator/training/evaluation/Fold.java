package io.github.runtimeestimator.training.evaluation;

import io.github.runtimeestimator.core.Measurement;
import java.util.List;

/**
 * One train/test partition of a split.
 *
 * @param name  what is held out ({@code model=resnet50}, {@code fold 3/5})
 * @param train rows to fit on
 * @param test  held-out rows to score
 */
public record Fold(String name, List<Measurement> train, List<Measurement> test) {
    public Fold {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }
}
