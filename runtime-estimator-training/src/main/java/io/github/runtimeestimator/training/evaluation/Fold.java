package io.github.runtimeestimator.training.evaluation;

import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.models.ModelDescriber;
import java.util.List;
import java.util.TreeSet;

/**
 * One train/test partition of a split.
 *
 * @param name  what is held out ({@code model=resnet50}, {@code fold 3/5})
 * @param train rows to fit on
 * @param test  held-out rows to score
 */
public record Fold(String name, List<Measurement> train, List<Measurement> test) {
    /**
     * Copies the rows.
     *
     * @param name  what is held out
     * @param train rows to fit on
     * @param test  held-out rows to score
     */
    public Fold {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }

    /**
     * The names of the models of the held-out rows, as catalogued (a name the undescribed view prefixed with
     * {@value ModelDescriber#WITHHELD_PREFIX} without it), sorted: what a fit leaves out of the reference models it
     * infers descriptors from.
     *
     * @return the held-out model names, sorted, without duplicates
     */
    public List<String> heldOutModels() {
        TreeSet<String> names = new TreeSet<>();
        for (Measurement m : test) {
            String name = m.workload().model().name();
            names.add(name.startsWith(ModelDescriber.WITHHELD_PREFIX)
                    ? name.substring(ModelDescriber.WITHHELD_PREFIX.length()) : name);
        }
        return List.copyOf(names);
    }
}
