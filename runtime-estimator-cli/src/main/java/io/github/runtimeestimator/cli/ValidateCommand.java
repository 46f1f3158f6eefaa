package io.github.runtimeestimator.cli;

import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.io.ReadMode;
import io.github.runtimeestimator.core.io.RowRejection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks measurement files against schema v1, the hardware catalogue and physics (no step"
                + " faster than its physical floor or slower than a day). Exit 0 when every row is valid, 2 otherwise"
                + " (each rejected row is listed).")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "file.csv", description = "measurements (repeatable)")
    List<Path> data;

    @Option(names = "--strict", description = "stop at the first bad row")
    boolean strict;

    @Mixin
    HardwareCatalogOption catalog;

    @Mixin
    ModelCatalogOption models;

    @Override
    public Integer call() {
        Inputs.Data rows = Inputs.measurements(data, catalog.load(),
                strict ? ReadMode.STRICT : ReadMode.LENIENT, models);
        long ok = rows.rows().stream().filter(Measurement::isOk).count();
        PrintWriter out = spec.commandLine().getOut();
        out.println(data + ": " + rows.rows().size() + " rows (" + ok + " ok, " + (rows.rows().size() - ok)
                + " not ok), " + rows.rejections().size() + " rejected");
        out.flush();
        if (rows.rejections().isEmpty()) {
            return Main.EXIT_OK;
        }
        PrintWriter err = spec.commandLine().getErr();
        for (RowRejection r : rows.rejections()) {
            err.println(r);
        }
        err.flush();
        return Main.EXIT_BAD_INPUT;
    }
}
