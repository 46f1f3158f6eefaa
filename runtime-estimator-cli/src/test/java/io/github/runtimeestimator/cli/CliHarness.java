package io.github.runtimeestimator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.models.TrainerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/** Runs the command in-process with captured stdout/stderr and stub estimators. */
final class CliHarness {
    record Result(int exitCode, String out, String err) {
    }

    /** Answers 1 ms per sample per step for any workload: enough to exercise the commands. */
    static final RuntimeEstimator STUB = spec -> {
        long steps = spec.job().steps();
        double perStep = 1e-3 * spec.job().batchSize();
        return new Estimate(perStep * steps, 0.8 * perStep * steps, 1.25 * perStep * steps, perStep, steps, 0.8,
                "stub");
    };

    static final EstimatorSource STUBS = new EstimatorSource() {
        @Override
        public RuntimeEstimator load(Path artifact) throws IOException {
            if (!Files.readString(artifact).startsWith("stub")) {
                throw new IOException(artifact + ": not an estimator artifact");
            }
            return STUB;
        }

        @Override
        public RuntimeEstimator loadDefault() {
            return STUB;
        }

        @Override
        public RuntimeEstimator fit(TrainerConfig config, List<Measurement> rows) {
            return STUB;
        }
    };

    private CliHarness() {
    }

    static Result run(EstimatorSource source, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(source);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    static Result run(String... args) {
        return run(STUBS, args);
    }

    /** Runs the command as {@code main} does, on the given output streams (a real {@code /dev/full}, say). */
    static int runOn(EstimatorSource source, OutputStream stdout, OutputStream stderr, String... args) {
        return Main.run(args, stdout, stderr, source);
    }

    /** Exit code 2 and a single line on stderr naming {@code contains}, with no stack trace. */
    static void assertOneLineReason(Result r, String contains) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err().strip()).contains(contains).doesNotContain("\n").doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

}
