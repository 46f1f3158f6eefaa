package io.github.runtimeestimator.training.evaluation;

/**
 * How much worse held-out predictions get when one spec field is shuffled across the held-out rows (within
 * each phase), averaged over the repeats. Near zero: the estimator barely uses the field.
 *
 * @param field                 the shuffled field
 * @param rows                  held-out rows scored
 * @param baselineMedianApe     median APE without shuffling
 * @param medianApeIncrease     median APE with the field shuffled, minus the baseline
 * @param baselineMaeLogTime    mean |ln predicted - ln measured| without shuffling
 * @param maeLogTimeIncrease    the same with the field shuffled, minus the baseline
 * @param refusedPredictions    shuffled rows the estimator refused (scored with their unshuffled prediction)
 */
public record Importance(SpecField field, int rows, double baselineMedianApe, double medianApeIncrease,
                         double baselineMaeLogTime, double maeLogTimeIncrease, int refusedPredictions) {
}
