package io.github.runtimeestimator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import io.github.runtimeestimator.core.catalog.UnknownModelException;
import io.github.runtimeestimator.core.graph.CodeDefinedModels;
import io.github.runtimeestimator.core.graph.HuggingFaceConfig;
import io.github.runtimeestimator.core.graph.OperatorGraph;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.core.io.SpecFormatException;
import io.github.runtimeestimator.core.io.SpecJson;
import io.github.runtimeestimator.training.internal.ComparisonFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prints what the estimator knows of a model: its {@code ModelSpec} (parameters, FLOPs, descriptors) and a summary
 * of its operator graph per kind, for a catalogue name or a Hugging Face {@code config.json}.
 */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Describes a model by catalogue name or from a Hugging Face config.json: its ModelSpec "
                + "(parameters, FLOPs per sample, descriptors) and its operators per kind.")
final class DescribeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Exactly one source of the model. */
    static final class Source {
        @Option(names = "--model", paramLabel = "NAME", description = "a model catalogue name (resnet50, bert_base)")
        String name;

        @Option(names = "--hf-config", paramLabel = "config.json", description = "a Hugging Face config.json")
        Path hfConfig;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--input-shape", paramLabel = "SHAPE",
            description = "with --model: the entry of this input shape (a token model described at several lengths)")
    String inputShape;

    @Option(names = "--sequence-length", paramLabel = "N", description = "with --hf-config: tokens per sample")
    Integer sequenceLength;

    @Option(names = "--name", paramLabel = "NAME",
            description = "with --hf-config: the model's name (default: the config's _name_or_path, else the "
                    + "file name)")
    String name;

    @Option(names = "--graph", description = "also print the whole operator graph (JSON), under model.graph")
    boolean withGraph;

    @Mixin
    FormatOption format;

    @Mixin
    ModelCatalogOption models;

    @Override
    public Integer call() throws JsonProcessingException {
        ModelSpec model = source.hfConfig != null ? fromConfig() : fromCatalogue();
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            out.println(ComparisonFormat.toJsonText(json(model)));
        } else {
            out.print(markdown(model));
        }
        out.flush();
        return Main.EXIT_OK;
    }

    private ModelSpec fromCatalogue() {
        if (sequenceLength != null || name != null) {
            throw new UserInputException("--sequence-length and --name go with --hf-config, not --model");
        }
        ModelCatalog catalog = models.catalog();
        Optional<ModelSpec> entry = inputShape == null ? catalog.find(source.name)
                : catalog.find(source.name, inputShape);
        if (entry.isEmpty()) {
            Optional<ModelSpec> analytic = CodeDefinedModels.find(source.name, inputShape);
            if (analytic.isPresent()) {
                return analytic.get();
            }
            if (inputShape != null && catalog.find(source.name).isPresent()) {
                throw new UserInputException("model " + source.name + " has no catalogue entry of input shape "
                        + inputShape);
            }
            throw new UnknownModelException("--model", source.name, catalog.closeNames(source.name, 5));
        }
        ModelSpec spec = entry.get();
        if (spec.graph() == null) {
            // the collector's code-defined models have an analytic graph: the same model when the figures agree
            Optional<ModelSpec> analytic = CodeDefinedModels.find(spec.name(), spec.inputShape())
                    .filter(m -> m.parameters() == spec.parameters());
            if (analytic.isPresent()) {
                return spec.withGraph(analytic.get().graph());
            }
        }
        return spec;
    }

    private ModelSpec fromConfig() {
        Path file = Inputs.existingFile("config file", source.hfConfig);
        if (sequenceLength == null) {
            throw new UserInputException("--sequence-length is required with --hf-config");
        }
        if (inputShape != null) {
            throw new UserInputException("--input-shape goes with --model; use --sequence-length with --hf-config");
        }
        JsonNode config;
        try {
            config = SpecJson.parseTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserInputException("config file " + file + " cannot be read: " + Inputs.oneLine(e), e);
        } catch (SpecFormatException e) {
            throw new UserInputException("config file " + file + " is not valid JSON: " + Inputs.oneLine(e), e);
        }
        String modelName = name != null ? name : config.hasNonNull("_name_or_path")
                ? config.get("_name_or_path").asText() : file.getFileName().toString().replaceFirst("\\.json$", "");
        try {
            return HuggingFaceConfig.parse(config).modelSpec(modelName, sequenceLength);
        } catch (SpecValidationException e) {
            throw new UserInputException("config file " + file + ": " + Inputs.oneLine(e), e);
        }
    }

    private ObjectNode json(ModelSpec model) throws JsonProcessingException {
        ObjectNode root = JsonMappers.output().createObjectNode();
        ModelSpec printed = withGraph ? model : model.withGraph(null);
        root.set("model", JsonMappers.output().readTree(SpecJson.writeModel(printed)));
        OperatorGraph graph = model.graph();
        if (graph == null) {
            root.putNull("operatorSummary");
            return root;
        }
        ObjectNode summary = root.putObject("operatorSummary");
        if (graph.source() != null) {
            summary.put("source", graph.source());
        }
        summary.put("operators", graph.operatorCount());
        summary.put("distinctOperators", graph.distinct().size());
        summary.put("flopsPerSample", graph.flopsPerSample());
        summary.put("matmulFlopsPerSample", graph.matmulFlopsPerSample());
        summary.put("weights", graph.weights());
        ArrayNode kinds = summary.putArray("byKind");
        for (OperatorGraph.KindSummary k : graph.summary().values()) {
            ObjectNode o = kinds.addObject();
            o.put("kind", k.kind().id());
            o.put("operators", k.operators());
            o.put("flopsPerSample", k.flopsPerSample());
            o.put("matmulFlopsPerSample", k.matmulFlopsPerSample());
            o.put("weights", k.weights());
        }
        return root;
    }

    private static String markdown(ModelSpec m) {
        StringBuilder b = new StringBuilder();
        b.append("Model: ").append(m.name()).append(" (").append(m.family()).append(")");
        if (!m.inputShape().isEmpty()) {
            b.append(", input ").append(m.inputShape());
        }
        OperatorGraph graph = m.graph();
        if (graph != null && graph.source() != null) {
            b.append(", graph: ").append(graph.source());
        }
        b.append("\n\n| figure | value |\n| --- | ---: |\n");
        b.append("| parameters | ").append(String.format(Locale.ROOT, "%,d", m.parameters())).append(" |\n");
        b.append("| FLOPs per sample (forward) | ").append(flops(m.flopsPerSample())).append(" |\n");
        if (m.matmulFlopsPerSample() != null) {
            b.append("| matmul FLOPs per sample | ").append(flops(m.matmulFlopsPerSample())).append(" |\n");
        }
        if (m.leafLayers() != null) {
            b.append("| leaf layers | ").append(m.leafLayers()).append(" |\n");
        }
        if (m.activationElementsPerSample() != null) {
            b.append("| activation elements per sample | ")
                    .append(String.format(Locale.ROOT, "%,.0f", m.activationElementsPerSample())).append(" |\n");
        }
        if (graph == null) {
            b.append("\nNo operator graph is known for this model.\n");
            return b.toString();
        }
        b.append("\n| kind | operators | FLOPs per sample | share of FLOPs | weights |\n");
        b.append("| --- | ---: | ---: | ---: | ---: |\n");
        for (OperatorGraph.KindSummary k : graph.summary().values()) {
            b.append("| ").append(k.kind().id()).append(" | ").append(k.operators()).append(" | ")
                    .append(flops(k.flopsPerSample())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f%%", 100 * k.flopsPerSample() / graph.flopsPerSample()))
                    .append(" | ").append(String.format(Locale.ROOT, "%,d", k.weights())).append(" |\n");
        }
        b.append("| all | ").append(graph.operatorCount()).append(" | ").append(flops(graph.flopsPerSample()))
                .append(" | 100.0% | ").append(String.format(Locale.ROOT, "%,d", graph.weights())).append(" |\n");
        return b.toString();
    }

    /** FLOPs with an SI prefix: {@code 22.35 GFLOP}. */
    private static String flops(double v) {
        String[] prefixes = {"", "k", "M", "G", "T", "P"};
        int i = 0;
        double x = v;
        while (Math.abs(x) >= 1000 && i < prefixes.length - 1) {
            x /= 1000;
            i++;
        }
        return String.format(Locale.ROOT, i == 0 ? "%.0f %sFLOP" : "%.2f %sFLOP", x, prefixes[i]);
    }
}
