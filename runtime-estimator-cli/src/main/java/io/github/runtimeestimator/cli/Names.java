package io.github.runtimeestimator.cli;

import io.github.runtimeestimator.core.io.RowRejection;
import io.github.runtimeestimator.features.FeatureSets;
import io.github.runtimeestimator.models.operators.OperatorGraphFeatures;
import io.github.runtimeestimator.training.EstimatorTrainer;
import java.io.PrintWriter;
import java.util.List;

/** Checks of trainer and feature-set names, and the rejected-rows warning, shared by the commands. */
final class Names {
    private Names() {
    }

    static void requireTrainer(String trainer) {
        if (!EstimatorTrainer.trainerNames().contains(trainer)) {
            throw new UserInputException("unknown trainer \"" + trainer + "\": must be one of "
                    + EstimatorTrainer.trainerNames());
        }
    }

    static void requireFeatureSet(String features) {
        if (!FeatureSets.ids().contains(features) && !OperatorGraphFeatures.ID.equals(features)) {
            throw new UserInputException("unknown feature set \"" + features + "\": must be one of "
                    + FeatureSets.ids() + " or " + OperatorGraphFeatures.ID);
        }
    }

    static void warnRejections(PrintWriter err, List<RowRejection> rejections, boolean quiet) {
        if (rejections.isEmpty() || quiet) {
            return;
        }
        err.println("warning: " + rejections.size() + " rows rejected, first: " + rejections.get(0));
        err.flush();
    }
}
