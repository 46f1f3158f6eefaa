package io.github.runtimeestimator.cli;

import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.planner.Durations;
import io.github.runtimeestimator.planner.HardwareOffer;
import io.github.runtimeestimator.planner.OfferReadResult;
import io.github.runtimeestimator.planner.OfferReader;
import io.github.runtimeestimator.planner.OfferRejection;
import io.github.runtimeestimator.server.EstimatorServer;
import io.github.runtimeestimator.server.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Runs the pricing service ({@link EstimatorServer}) until it is stopped: prints the address it listens on, one
 * line on stdout, then serves. SIGTERM or Ctrl-C (through Jetty's shutdown hook), or an interrupt of the thread
 * running the command, stops it, letting requests in flight finish. A port it cannot listen on is exit 2.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the estimator over HTTP: POST /v1/estimate and /v1/plan, the catalogues and offers,"
                + " /healthz, /metrics, /openapi.json, and a web page at / that prices a job across the offers.",
                "Prints 'listening on http://HOST:PORT/' and runs until stopped (SIGTERM or Ctrl-C let requests in"
                        + " flight finish)."})
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "port to listen on, 0 for any free one"
            + " (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = ServerConfig.DEFAULT_HOST, paramLabel = "ADDRESS",
            description = "address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}, this"
                    + " machine only)")
    String host;

    @Mixin
    EstimatorOption estimatorOption;

    @Option(names = "--offers", paramLabel = "offers.json",
            description = "hardware offers that /v1/plan ranks when a request brings none, and /v1/offers lists")
    Path offersFile;

    @Mixin
    HardwareCatalogOption catalog;

    @Mixin
    ModelCatalogOption models;

    @Option(names = "--stop-timeout", defaultValue = "30s", paramLabel = "30s",
            description = "how long a stop waits for requests in flight (default: ${DEFAULT-VALUE})")
    String stopTimeout;

    @Override
    public Integer call() {
        HardwareCatalog hardware = catalog.load();
        List<HardwareOffer> offers = offersFile == null ? List.of() : readOffers(hardware);
        ServerConfig.Builder config = ServerConfig.builder(estimatorOption.load(main.estimators, spec.commandLine().getErr()))
                .hardware(hardware)
                .models(models.catalog(), models.file != null)
                .offers(offers)
                .host(host)
                .port(port)
                .stopTimeout(Durations.parse("--stop-timeout", stopTimeout));
        EstimatorServer server = EstimatorServer.start(config.build());
        PrintWriter out = spec.commandLine().getOut();
        out.println("listening on " + server.uri());
        out.flush();
        boolean interrupted = false;
        try {
            server.join();
        } catch (InterruptedException e) {
            interrupted = true; // whoever interrupted this thread wants the service stopped
        }
        server.stop(); // waits for the requests in flight, so before the interrupt is restored
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return Main.EXIT_OK;
    }

    /** The offers file's usable offers; the rejected ones are warned about on stderr, as {@code plan} does. */
    private List<HardwareOffer> readOffers(HardwareCatalog hardware) {
        Inputs.existingFile("offers file", offersFile);
        OfferReadResult read;
        try {
            read = new OfferReader(hardware).read(offersFile);
        } catch (IOException e) {
            throw new UserInputException("offers file " + offersFile + " cannot be read: " + Inputs.oneLine(e), e);
        }
        PrintWriter err = spec.commandLine().getErr();
        for (OfferRejection r : read.rejections()) {
            err.println("runtime-estimator: warning: offer left out: " + r.message());
        }
        err.flush();
        if (read.offers().isEmpty()) {
            throw new UserInputException("offers file " + offersFile + " has no usable offer ("
                    + read.rejections().size() + " left out)");
        }
        return read.offers();
    }
}
