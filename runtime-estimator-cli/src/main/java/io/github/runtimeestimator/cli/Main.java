package io.github.runtimeestimator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.runtimeestimator.core.SpecValidationException;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code runtime-estimator} command. Exit codes: 0 success, 2 bad input (a one-line reason on stderr, no
 * stack trace), 1 internal error.
 */
@Command(name = "runtime-estimator", mixinStandardHelpOptions = true, version = "runtime-estimator 0.1.0",
        description = "Estimates how long an AI model takes to train or serve on given hardware.",
        subcommands = {PredictCommand.class, PlanCommand.class, TrainCommand.class, EvaluateCommand.class,
                CompareCommand.class, ValidateCommand.class, CatalogCommand.class, DescribeCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_BAD_INPUT = 2;

    final EstimatorSource estimators;

    @Spec
    CommandSpec spec;

    public Main() {
        this(EstimatorSource.standard());
    }

    public Main(EstimatorSource estimators) {
        this.estimators = estimators;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    public static void main(String[] args) {
        System.exit(commandLine(EstimatorSource.standard()).execute(args));
    }

    /** The command line with its exit-code policy; tests pass stub estimators and capture out/err. */
    public static CommandLine commandLine(EstimatorSource estimators) {
        CommandLine cl = new CommandLine(new Main(estimators));
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("runtime-estimator: " + Inputs.oneLine(ex) + " (see '" + c.getCommandSpec().qualifiedName()
                    + " --help')");
            c.getErr().flush();
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            PrintWriter err = c.getErr();
            String reason = userMistake(ex);
            if (reason != null) {
                err.println("runtime-estimator: " + reason);
                err.flush();
                return EXIT_BAD_INPUT;
            }
            err.println("runtime-estimator: internal error: " + ex);
            ex.printStackTrace(err);
            err.flush();
            return EXIT_INTERNAL;
        });
        return cl;
    }

    /** The one-line reason when {@code e} is the user's mistake, else null. */
    static String userMistake(Exception e) {
        if (e instanceof UserInputException || e instanceof SpecValidationException) {
            return Inputs.oneLine(e);
        }
        if (e instanceof JsonProcessingException j) {
            return "bad JSON: " + j.getOriginalMessage();
        }
        if (e instanceof IOException) {
            return Inputs.oneLine(e);
        }
        if (e instanceof IllegalArgumentException) {
            // the library validates arguments with messages naming field, value and rule
            return Inputs.oneLine(e);
        }
        return null;
    }
}
