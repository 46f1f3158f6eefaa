package io.github.runtimeestimator.cli;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.models.TrainerConfig;
import java.io.IOException;
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

}
