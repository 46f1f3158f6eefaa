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
 * @param baselineMaeSeconds    mean |predicted - measured| in seconds without shuffling
 * @param maeSecondsIncrease    the same with the field shuffled, minus the baseline: how many seconds of error the
 *                              field saves per prediction
 */
public record Importance(SpecField field, int rows, double baselineMedianApe, double medianApeIncrease,
                         double baselineMaeLogTime, double maeLogTimeIncrease, int refusedPredictions,
                         double baselineMaeSeconds, double maeSecondsIncrease) {

    /**
     * Importance without the error in seconds (NaN).
     *
     * @param field              the shuffled field
     * @param rows               held-out rows scored
     * @param baselineMedianApe  median APE without shuffling
     * @param medianApeIncrease  median APE with the field shuffled, minus the baseline
     * @param baselineMaeLogTime mean |ln predicted - ln measured| without shuffling
     * @param maeLogTimeIncrease the same with the field shuffled, minus the baseline
     * @param refusedPredictions shuffled rows the estimator refused (scored with their unshuffled prediction)
     */
    public Importance(SpecField field, int rows, double baselineMedianApe, double medianApeIncrease,
                      double baselineMaeLogTime, double maeLogTimeIncrease, int refusedPredictions) {
        this(field, rows, baselineMedianApe, medianApeIncrease, baselineMaeLogTime, maeLogTimeIncrease,
                refusedPredictions, Double.NaN, Double.NaN);
    }
}
