package io.github.runtimeestimator.cli;

import io.github.runtimeestimator.core.catalog.CatalogCheck;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.internal.HardwareTable;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Lists the hardware catalogue (Markdown tables, or JSON in the catalogue file format that {@code --catalog} reads
 * back), or checks it with {@code --check} (exit 2 and one line per broken rule when it fails).
 */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = {"Lists the hardware the estimator knows: every entry with its dense peaks, memory, bandwidth,"
                + " caches, board power and driver names.",
                "--check verifies the catalogue instead: every entry has sources, names are unique across entries,"
                        + " peaks are ordered sensibly (TF32 >= FP32, FP16/BF16 >= TF32, FP8 between FP16 and INT8)."})
final class CatalogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HardwareCatalogOption catalog;

    /** JSON is the catalogue file format that {@code --catalog} reads back. */
    @Mixin
    FormatOption format;

    @Option(names = "--check", description = "check the catalogue (with --catalog: the merged one) instead of listing it")
    boolean check;

    @Override
    public Integer call() {
        HardwareCatalog hardware = catalog.load();
        PrintWriter out = spec.commandLine().getOut();
        if (check) {
            List<CatalogCheck.Problem> problems = CatalogCheck.check(hardware);
            int aliases = hardware.all().stream().mapToInt(h -> h.aliases().size()).sum();
            for (CatalogCheck.Problem p : problems) {
                out.println(p);
            }
            out.flush();
            if (!problems.isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("runtime-estimator: catalogue check failed: " + problems.size() + " problem(s) in "
                        + hardware.all().size() + " entries");
                err.flush();
                return Main.EXIT_BAD_INPUT;
            }
            out.println("catalogue check passed: " + hardware.all().size() + " entries, " + aliases
                    + " driver names, every entry sourced, names unique, peaks ordered");
            out.flush();
            return Main.EXIT_OK;
        }
        out.print(format.json() ? hardware.toJson() + "\n" : HardwareTable.markdown(hardware));
        out.flush();
        return Main.EXIT_OK;
    }
}
