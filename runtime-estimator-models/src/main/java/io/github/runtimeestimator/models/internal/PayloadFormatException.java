package io.github.runtimeestimator.models.internal;

/** A regressor entry's binary payload breaks the layout: {@link #field()} names the array (or the header). */
final class PayloadFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;

    PayloadFormatException(String field, String problem) {
        super(problem);
        this.field = field;
    }

    String field() {
        return field;
    }
}
