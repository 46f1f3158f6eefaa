package io.github.runtimeestimator.training.evaluation;

/**
 * Where long evaluations report what they are doing ({@code fold 3/33: model=resnet50}). A command-line tool
 * prints these; library callers may log them or pass {@link #NONE}.
 */
@FunctionalInterface
public interface Progress {
    /** Reports nothing. */
    Progress NONE = message -> { };

    /**
     * Reports one step of the work.
     *
     * @param message what is being done ({@code fold 3/33: model=resnet50})
     */
    void report(String message);
}
