package io.github.runtimeestimator.cli;

/** A mistake in what the user gave (a missing file, an unknown name): exit code 2 and a one-line reason. */
final class UserInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserInputException(String message) {
        super(message);
    }

    UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
