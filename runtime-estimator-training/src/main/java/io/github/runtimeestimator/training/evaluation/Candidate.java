package io.github.runtimeestimator.training.evaluation;

import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.features.FeatureExtractor;
import io.github.runtimeestimator.models.Target;
import io.github.runtimeestimator.models.TrainerConfig;
import io.github.runtimeestimator.training.EstimatorTrainer;
import io.github.runtimeestimator.training.TrainingOptions;
import java.util.List;
import java.util.function.Function;

/**
 * One estimator recipe in a comparison: what it is called in the table and how to fit it on a fold.
 *
 * @param trainer    trainer name ({@code xgboost})
 * @param featureSet feature set id ({@code physics})
 * @param target     what the regressor is fitted on
 * @param fit        fits an estimator on a fold: on its training rows, leaving what it holds out out of anything
 *                   else it learns from (the reference models of {@link TrainingOptions#withoutReferences})
 */
public record Candidate(String trainer, String featureSet, Target target,
                        Function<Fold, ? extends RuntimeEstimator> fit) {

    /**
     * Validates that the trainer and feature set are given (not blank) and the target and fit are not null; fails
     * with a SpecValidationException naming the field.
     *
     * @param trainer    trainer name ({@code xgboost})
     * @param featureSet feature set id ({@code physics})
     * @param target     what the regressor is fitted on
     * @param fit        fits an estimator on a fold
     */
    public Candidate {
        Checks.requiredText("trainer", trainer);
        Checks.requiredText("featureSet", featureSet);
        Checks.required("target", target);
        Checks.required("fit", fit);
    }

    /**
     * A candidate that trains {@code config} with {@link EstimatorTrainer#train} on a fold's training rows, with the
     * fold's held-out models left out of its reference models.
     *
     * @param config the trainer, hyper-parameters, feature set, target and seed
     * @return the candidate, named after {@code config}
     */
    public static Candidate of(TrainerConfig config) {
        return of(config, TrainingOptions.defaults());
    }

    /**
     * As {@link #of(TrainerConfig)}, with {@code options} (their reference models less the fold's held-out ones).
     *
     * @param config  the trainer, hyper-parameters, feature set, target and seed
     * @param options how each fold's estimator is trained
     * @return the candidate, named after {@code config}
     */
    public static Candidate of(TrainerConfig config, TrainingOptions options) {
        return new Candidate(config.trainer(), config.featureSet(), config.target(),
                fold -> EstimatorTrainer.train(config, fold.train(), options.withoutReferences(fold.heldOutModels())));
    }

    /**
     * As {@link #of(TrainerConfig, TrainingOptions)}, on a feature set given rather than looked up by id (one that
     * holds a model of its own, such as {@code opgraph}'s {@code OperatorGraphFeatures}).
     *
     * @param config   the trainer, hyper-parameters, feature set, target and seed; its feature set id must be that
     *                 of {@code features}
     * @param features the feature set to train on
     * @param options  how each fold's estimator is trained
     * @return the candidate, named after {@code config}
     */
    public static Candidate of(TrainerConfig config, FeatureExtractor features, TrainingOptions options) {
        Checks.required("features", features);
        return new Candidate(config.trainer(), config.featureSet(), config.target(), fold -> EstimatorTrainer.train(
                config, features, fold.train(), options.withoutReferences(fold.heldOutModels())));
    }

    /**
     * A candidate whose fit sees only a fold's training rows (a stub, an analytic estimator).
     *
     * @param trainer    trainer name, for the table
     * @param featureSet feature set id, for the table
     * @param target     target, for the table
     * @param fit        fits an estimator on a fold's training rows
     * @return the candidate
     */
    public static Candidate ofRows(String trainer, String featureSet, Target target,
                                   Function<List<Measurement>, ? extends RuntimeEstimator> fit) {
        Checks.required("fit", fit);
        return new Candidate(trainer, featureSet, target, fold -> fit.apply(fold.train()));
    }

    /**
     * The candidate's name in tables: trainer, feature set and target, separated by slashes.
     *
     * @return {@code xgboost/physics/log_seconds}, for example
     */
    public String label() {
        return trainer + "/" + featureSet + "/" + targetId(target);
    }

    static String targetId(Target target) {
        switch (target) {
            case LOG_SECONDS:
                return "log_seconds";
            case LOG_RATIO_TO_ROOFLINE:
                return "log_ratio_to_roofline";
            case LOG_RATIO_TO_OPERATOR_SUM:
                return "log_ratio_to_operator_sum";
            default:
                return "seconds";
        }
    }
}
