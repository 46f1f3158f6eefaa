package io.github.runtimeestimator.training.operators;

import io.github.runtimeestimator.core.KernelMeasurement;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.io.KernelCsv;
import io.github.runtimeestimator.core.io.KernelReadResult;
import io.github.runtimeestimator.core.io.ReadMode;
import io.github.runtimeestimator.models.operators.OperatorFamily;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs the leave-one-GPU-out evaluation of the per-operator model on kernel files and prints its table
 * (Markdown). From the repository root:
 *
 * <pre>
 * mvn -B -q -pl runtime-estimator-training -am -Poperator-model-experiment process-classes \
 *     -Dopmodel.args="--public ../shared/datasets/public --out operator-accuracy.md"
 * </pre>
 *
 * <p>Arguments: {@code --public DIR} (the six public kernel files under it), {@code --data FILE} (any kernel
 * file, repeatable), {@code --families matmul,conv2d}, {@code --max-rows-per-device N}, {@code --trees N},
 * {@code --depth N}, {@code --seed N}, {@code --threads N}, {@code --exclude name,prefix*},
 * {@code --holdout-shapes K} (instead of leaving a device out: K folds grouped by operator shape, for data of one
 * device such as our CPU kernel rows; {@link HeldOutShapes}), {@code --out table.md}.
 *
 * {@code docs/operator-model.md} gives the tables it printed on the public data.
 */
public final class OperatorModelExperiment {

    /** The public kernel files, relative to {@code ../shared/datasets/public}. */
    public static final List<String> PUBLIC_FILES = List.of("neusight-kernels/matmul.csv.gz",
            "neusight-kernels/conv2d.csv.gz", "neusight-kernels/elementwise.csv.gz",
            "neusight-kernels/layernorm.csv.gz", "neusight-kernels/softmax.csv.gz", "vidur-ops/llm-ops.csv.gz");

    private OperatorModelExperiment() {
    }

    /**
     * Reads the kernel files, runs the evaluation and prints the table (and writes it to {@code --out}).
     *
     * @param args the arguments the class comment lists
     * @throws IOException when a kernel file cannot be read or the table cannot be written
     * @throws IllegalArgumentException for an unknown argument, a flag without a value, or no data given
     */
    public static void main(String[] args) throws IOException {
        List<Path> data = new ArrayList<>();
        Set<OperatorFamily> families = EnumSet.allOf(OperatorFamily.class);
        OperatorTrainingOptions options = OperatorTrainingOptions.DEFAULTS;
        Path out = null;
        int shapeFolds = 0;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--data":
                    data.add(Path.of(required(args[i], value)));
                    break;
                case "--public":
                    for (String f : PUBLIC_FILES) {
                        data.add(Path.of(required(args[i], value)).resolve(f));
                    }
                    break;
                case "--families":
                    families = EnumSet.noneOf(OperatorFamily.class);
                    for (String f : required(args[i], value).split(",")) {
                        families.add(OperatorFamily.valueOf(f.trim().toUpperCase(Locale.ROOT)));
                    }
                    break;
                case "--max-rows-per-device":
                    options = options.withMaxRowsPerDevice(Integer.parseInt(required(args[i], value)));
                    break;
                case "--trees":
                    options = options.withTrees(Integer.parseInt(required(args[i], value)));
                    break;
                case "--depth":
                    options = options.withMaxDepth(Integer.parseInt(required(args[i], value)));
                    break;
                case "--seed":
                    options = options.withSeed(Long.parseLong(required(args[i], value)));
                    break;
                case "--threads":
                    options = options.withThreads(Integer.parseInt(required(args[i], value)));
                    break;
                case "--exclude":
                    options = options.withExcludedFeatures(List.of(required(args[i], value).split(",")));
                    break;
                case "--holdout-shapes":
                    shapeFolds = Integer.parseInt(required(args[i], value));
                    break;
                case "--out":
                    out = Path.of(required(args[i], value));
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument " + args[i]);
            }
            i++;
        }
        if (data.isEmpty()) {
            throw new IllegalArgumentException("give --public DIR or at least one --data FILE");
        }
        PrintStream print = System.out;
        List<KernelMeasurement> rows = new ArrayList<>();
        HardwareCatalog catalog = HardwareCatalog.builtIn();
        for (Path p : data) {
            KernelReadResult r = KernelCsv.read(p, catalog, ReadMode.LENIENT);
            print.printf(Locale.ROOT, "read %s: %d rows (%s), %d rejected%n", p.getFileName(), r.rowCount(),
                    r.format().id(), r.rejections().size());
            rows.addAll(r.okMeasurements());
        }
        print.println("options: " + options);
        long start = System.nanoTime();
        OperatorAccuracy accuracy = shapeFolds > 0 ? new HeldOutShapes(options, shapeFolds).evaluate(rows, families)
                : new LeaveOneGpuOut(options).evaluate(rows, families);
        String table = accuracy.toMarkdown();
        print.println();
        print.print(table);
        print.printf(Locale.ROOT, "%n%s took %.0f s%n", shapeFolds > 0 ? shapeFolds + "-fold held-out shapes"
                : "leave-one-GPU-out", (System.nanoTime() - start) / 1e9);
        if (out != null) {
            Files.writeString(out, table);
        }
    }

    private static String required(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }
}
