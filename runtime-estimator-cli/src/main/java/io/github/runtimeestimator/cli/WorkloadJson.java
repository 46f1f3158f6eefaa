package io.github.runtimeestimator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a workload spec file: the {@link WorkloadSpec} JSON with {@code hardware} either a catalogue id (or
 * reported name) or an inline hardware object. Stands in until core's {@code SpecJson.readWorkload} is on main.
 */
final class WorkloadJson {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private WorkloadJson() {
    }

    static WorkloadSpec read(Path file, HardwareCatalog catalog) {
        Inputs.existingFile("spec file", file);
        try {
            JsonNode root = JSON.readTree(Files.readString(file));
            if (!(root instanceof ObjectNode obj)) {
                throw new UserInputException("spec file " + file + " must hold a JSON object");
            }
            JsonNode hw = obj.remove("hardware");
            HardwareSpec hardware = null;
            if (hw != null && hw.isTextual()) {
                hardware = catalog.require(hw.asText());
            } else if (hw != null && hw.isObject()) {
                hardware = JSON.treeToValue(hw, HardwareSpec.class);
            } else if (hw != null && !hw.isNull()) {
                throw new SpecValidationException("hardware", hw.toString(),
                        "must be a catalogue id or a hardware object");
            }
            return JSON.treeToValue(obj, WorkloadSpec.class).withHardware(hardware);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SpecValidationException sve) {
                throw sve;
            }
            throw new UserInputException("spec file " + file + " is not a valid workload spec: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UserInputException("spec file " + file + " cannot be read: " + Inputs.oneLine(e), e);
        }
    }
}
