package io.github.runtimeestimator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.runtimeestimator.core.SpecValidationException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code runtime-estimator} command. Exit codes: 0 success; 2 when the command cannot do what was asked
 * because of what it was given or where it runs (bad input, a file it may not overwrite, an unwritable folder or
 * standard output, a full disk): a one-line reason on stderr, no stack trace; 1 for an internal error (a bug),
 * with its stack trace.
 */
@Command(name = "runtime-estimator", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Estimates how long an AI model takes to train or serve on given hardware.",
        subcommands = {PredictCommand.class, PlanCommand.class, TrainCommand.class, CalibrateCommand.class,
                EvaluateCommand.class,
                CompareCommand.class, ConvertCommand.class, ValidateCommand.class, CatalogCommand.class,
                DescribeCommand.class, KernelsCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code: success. */
    public static final int EXIT_OK = 0;
    /** Exit code: an internal error (a bug), reported with its stack trace. */
    public static final int EXIT_INTERNAL = 1;
    /** Exit code: the command cannot do what was asked because of its input or environment; a one-line reason. */
    public static final int EXIT_BAD_INPUT = 2;

    final EstimatorSource estimators;

    @Spec
    CommandSpec spec;

    /** The command with the library's own estimators ({@link EstimatorSource#standard()}). */
    public Main() {
        this(EstimatorSource.standard());
    }

    /**
     * The command with estimators from {@code estimators}.
     *
     * @param estimators where the subcommands get estimators from
     */
    public Main(EstimatorSource estimators) {
        this.estimators = estimators;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /**
     * Runs the command on the process's standard output and error and exits the JVM with its exit code.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err),
                EstimatorSource.standard()));
    }

    /**
     * Runs the command with {@code stdout} and {@code stderr} as its output and returns the exit code. A write
     * error on standard output (a full disk, a closed pipe) is reported on standard error and makes the exit
     * code 2 if the command had succeeded; one on standard error alone does the same, silently.
     */
    static int run(String[] args, OutputStream stdout, OutputStream stderr, EstimatorSource estimators) {
        QuietLibraries.apply();
        CheckedOutput out = new CheckedOutput(stdout);
        CheckedOutput err = new CheckedOutput(stderr);
        PrintWriter outWriter = out.writer(encoding("stdout.encoding"));
        PrintWriter errWriter = err.writer(encoding("stderr.encoding"));
        CommandLine cl = commandLine(estimators);
        cl.setOut(outWriter);
        cl.setErr(errWriter);
        int code;
        try {
            code = cl.execute(args);
        } catch (RuntimeException | Error e) { // picocli hands exceptions to the handlers; an Error may escape
            errWriter.println("runtime-estimator: internal error: " + e);
            e.printStackTrace(errWriter);
            code = EXIT_INTERNAL;
        }
        outWriter.flush();
        if (out.failure().isPresent()) {
            errWriter.println("runtime-estimator: cannot write to standard output: "
                    + Inputs.oneLine(out.failure().get()));
            code = code == EXIT_OK ? EXIT_BAD_INPUT : code;
        }
        errWriter.flush();
        if (err.failure().isPresent() && code == EXIT_OK) {
            code = EXIT_BAD_INPUT;
        }
        return code;
    }

    /** The charset the JVM uses for a standard stream (Java 19+ names it; else the default charset). */
    private static Charset encoding(String property) {
        String name = System.getProperty(property, System.getProperty("sun." + property));
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /**
     * The command line with its exit-code policy; tests pass stub estimators and capture out/err.
     *
     * @param estimators where the subcommands get estimators from
     * @return the configured command line
     */
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
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            return Inputs.oneLine(e);
        }
        if (e instanceof IllegalArgumentException) {
            // the library validates arguments with messages naming field, value and rule
            return Inputs.oneLine(e);
        }
        return null;
    }
}
