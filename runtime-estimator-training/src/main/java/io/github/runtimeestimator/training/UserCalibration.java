package io.github.runtimeestimator.training;

import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.models.HeldOutMetrics;
import io.github.runtimeestimator.models.TrainedEstimator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;

/**
 * Calibration from a few of the user's own measurements (issue 10, item 8): retrains an estimator's recipe on the
 * data it was trained on plus the user's rows, weighted towards the user's, and keeps the result only when it is
 * better on the user's rows it did not see.
 *
 * <p>Why not train on the user's rows alone (the README's old recipe): a few rows of one machine teach a regressor
 * that machine and nothing about batch sizes or models outside them; tried as a new user would, that made estimates
 * worse than the shipped default (65% held-out error). Here the shipped rows keep the shapes the user did not
 * measure, and the user's rows, repeated {@code weight} times, pull the estimates on their hardware and models
 * towards what they measured.
 *
 * <p>Steps: (1) hold out a share of the user's ok step rows, by model when there are several models (every row of
 * a held-out model), else every third row; (2) fit the recipe on the base rows plus the remaining user rows x
 * {@code weight}; (3) score the base estimator and that fit on the held-out rows; (4) when the fit is better (lower
 * median APE), refit on the base rows plus every user row x {@code weight} and return it; otherwise return the base
 * estimator, unchanged. Never returns an estimator worse on those held-out rows than the one it was given.
 */
public final class UserCalibration {
    private UserCalibration() {
    }

    /**
     * How to calibrate.
     *
     * @param weight       how many times each of the user's rows counts, >= 1
     * @param heldOutShare share of the user's models (or rows) held out to judge the calibration, in (0, 1)
     * @param seed         seed of the held-out choice
     */
    public record Options(int weight, double heldOutShare, long seed) {
        /** Each user row counted 10 times, 30% of the user's models (or rows) held out, seed 42. */
        public static final Options DEFAULTS = new Options(10, 0.3, 42);

        /**
         * Validates the weight (at least 1) and the held-out share (within (0, 1)); fails with a
         * SpecValidationException naming the field.
         *
         * @param weight       how many times each of the user's rows counts, &gt;= 1
         * @param heldOutShare share of the user's models (or rows) held out to judge the calibration, in (0, 1)
         * @param seed         seed of the held-out choice
         */
        public Options {
            Checks.atLeast("weight", weight, 1);
            if (!(heldOutShare > 0 && heldOutShare < 1)) {
                throw new SpecValidationException("heldOutShare", heldOutShare, "must be within (0, 1)");
            }
        }
    }

    /**
     * What calibration did.
     *
     * @param estimator  the estimator to use: the calibrated one when {@code calibrated}, else the base one
     * @param calibrated whether the calibrated estimator was kept
     * @param before     the base estimator on the user's held-out rows
     * @param after      the calibrated fit (trained without them) on the same rows
     * @param heldOut    how the held-out rows were chosen ({@code 2 of 7 models}, {@code every third row})
     * @param userRows   the user's ok step rows used (held-out ones included)
     */
    public record Result(TrainedEstimator estimator, boolean calibrated, HeldOutMetrics before, HeldOutMetrics after,
                         String heldOut, int userRows) {
    }

    /**
     * Calibrates {@code base} (trained on {@code baseRows}) to {@code userRows}.
     *
     * @param base     the estimator to calibrate; its trainer configuration and feature set are refitted
     * @param baseRows the measurements {@code base} was trained on
     * @param userRows the user's own measurements; only the ok ones are used
     * @param options  the weight of the user's rows, the held-out share and the seed
     * @return the estimator to use (the calibrated one only when it is better on the held-out rows) and the scores
     *         that decided it
     * @throws SpecValidationException when the user gives fewer than 3 ok inference or training-step rows
     */
    public static Result calibrate(TrainedEstimator base, List<Measurement> baseRows, List<Measurement> userRows,
                                   Options options) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(baseRows, "baseRows");
        Objects.requireNonNull(userRows, "userRows");
        Objects.requireNonNull(options, "options");
        List<Measurement> steps = userRows.stream().filter(Measurement::isOk)
                .filter(m -> m.workload().job().phase() == Phase.INFER
                        || m.workload().job().phase() == Phase.TRAIN_STEP).toList();
        if (steps.size() < 3) {
            throw new SpecValidationException("data", steps.size() + " ok infer/train_step rows",
                    "calibration needs at least 3 of the user's own");
        }
        List<Measurement> fit = new ArrayList<>();
        List<Measurement> held = new ArrayList<>();
        String how = split(steps, options, fit, held);

        TrainingOptions quick = TrainingOptions.defaults().withGroupedIntervals(false);
        TrainedEstimator trial = EstimatorTrainer.train(base.config(), base.featureSet(),
                weighted(baseRows, fit, options.weight()), quick);
        HeldOutMetrics before = score("base estimator on the user's held-out rows (" + how + ")", base, held);
        HeldOutMetrics after = score("calibrated without them (" + how + ")", trial, held);
        if (!(after.medianApe() < before.medianApe())) {
            return new Result(base, false, before, after, how, steps.size());
        }
        List<Measurement> all = new ArrayList<>(userRows.stream().filter(Measurement::isOk).toList());
        TrainedEstimator calibrated = EstimatorTrainer.train(base.config(), base.featureSet(),
                weighted(baseRows, all, options.weight()), TrainingOptions.defaults());
        return new Result(calibrated, true, before, after, how, steps.size());
    }

    /** Deals the user's step rows into fitted and held-out ones; returns how. */
    private static String split(List<Measurement> steps, Options options, List<Measurement> fit,
                                List<Measurement> held) {
        List<String> models = new ArrayList<>(new TreeSet<>(steps.stream()
                .map(m -> m.workload().model().name()).toList()));
        if (models.size() >= 2) {
            Collections.shuffle(models, new Random(options.seed()));
            int k = Math.max(1, Math.min(models.size() - 1, (int) Math.round(options.heldOutShare() * models.size())));
            List<String> out = models.subList(0, k);
            for (Measurement m : steps) {
                (out.contains(m.workload().model().name()) ? held : fit).add(m);
            }
            return k + " of " + models.size() + " models held out";
        }
        int every = Math.max(2, (int) Math.round(1 / options.heldOutShare()));
        for (int i = 0; i < steps.size(); i++) {
            (i % every == every - 1 ? held : fit).add(steps.get(i));
        }
        return "every " + ordinal(every) + " row held out (one model)";
    }

    private static String ordinal(int n) {
        return n == 2 ? "second" : n == 3 ? "third" : n + "th";
    }

    private static List<Measurement> weighted(List<Measurement> base, List<Measurement> user, int weight) {
        List<Measurement> out = new ArrayList<>(base.size() + user.size() * weight);
        out.addAll(base);
        for (int w = 0; w < weight; w++) {
            out.addAll(user);
        }
        return out;
    }

    private static HeldOutMetrics score(String what, TrainedEstimator estimator, List<Measurement> rows) {
        double[] measured = new double[rows.size()];
        double[] predicted = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Measurement m = rows.get(i);
            measured[i] = m.secondsPerStep();
            predicted[i] = estimator.predict(m.workload().withJob(m.workload().job().asSingleStep())).seconds();
        }
        return HeldOutMetrics.of(what, 1, measured, predicted);
    }
}
